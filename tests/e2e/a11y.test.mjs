// axe-core on the main screen of the offline file: no serious or critical
// accessibility violations (axe looks into the open shadow root).

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, Widget, SINGLE_FILE_URL, REPO } from './widget.mjs';

const AXE = path.join(REPO, 'tests/e2e/node_modules/axe-core/axe.min.js');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function scan(page) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
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
