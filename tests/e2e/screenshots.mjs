// Screenshots of the offline file with the sample family, for docs/screenshots/
// (`node tests/e2e/screenshots.mjs` after `cargo xtask dist`).
import fs from 'node:fs';
import path from 'node:path';
import { launch, Widget, SINGLE_FILE_URL, REPO } from './widget.mjs';

const out = path.join(REPO, 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });
const browser = await launch();
try {
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    for (const lang of ['sv', 'en']) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(SINGLE_FILE_URL);
      if (lang === 'en') await page.evaluate(() => document.querySelector('skyddsnat-plan').setAttribute('lang', 'en'));
      const widget = new Widget(page);
      await widget.waitForMap();
      await page.waitForTimeout(300);
      const file = path.join(out, `skyddsnat-${lang}-${width}x${height}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      // Presentation mode, as the room sees it on a 1280 × 720 projector.
      if (width === 1280) {
        await widget.host.getByRole('button', { name: /^(Presentationsläge|Presentation mode)$/ }).click();
        await page.waitForTimeout(400);
        const shown = path.join(out, `skyddsnat-${lang}-${width}x${height}-presentation.png`);
        await page.screenshot({ path: shown });
        console.log(shown);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
