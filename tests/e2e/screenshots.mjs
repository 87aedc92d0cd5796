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
        // The room view (a second window for the room's screen): the map,
        // then with an agreement chosen in the main window.
        const [room] = await Promise.all([
          context.waitForEvent('page'),
          widget.host.getByRole('button', { name: /^(Rumsvy|Room view)$/ }).click(),
        ]);
        await room.setViewportSize({ width, height });
        await room.locator('main svg').waitFor();
        await page.waitForTimeout(300);
        const roomMap = path.join(out, `skyddsnat-${lang}-room-${width}x${height}.png`);
        await room.screenshot({ path: roomMap });
        console.log(roomMap);
        await widget.host.getByRole('button', { name: /^(Sidopanel|Side panel)$/ }).click();
        await widget.host.getByRole('tab', { name: 'Plan' }).click();
        await widget.host.locator('.skn-agreement-head').first().click();
        await room.locator('aside').waitFor();
        await page.waitForTimeout(300);
        const roomAgreement = path.join(out, `skyddsnat-${lang}-room-${width}x${height}-agreement.png`);
        await room.screenshot({ path: roomAgreement });
        console.log(roomAgreement);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
