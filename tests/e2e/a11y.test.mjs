// axe-core on the main screen of the offline file: no serious or critical
// accessibility violations (axe looks into the open shadow root).

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, Widget, SINGLE_FILE_URL, axeViolations } from './widget.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function scan(page) {
  return axeViolations(page, ['serious', 'critical']);
}

for (const lang of ['sv', 'en']) {
  check(`the main screen has no serious or critical axe violations (${lang})`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(SINGLE_FILE_URL);
    if (lang === 'en') await page.evaluate(() => document.querySelector('skyddsnat-plan').setAttribute('lang', 'en'));
    const widget = new Widget(page);
    await widget.waitForMap();
    if (lang === 'en') await widget.button(/^\+ Add person$/).waitFor();
    const serious = await scan(page);
    assert.deepEqual(serious, [], 'serious or critical violations');
    await context.close();
  });
}
