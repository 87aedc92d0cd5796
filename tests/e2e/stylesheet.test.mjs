// The widget ships its stylesheet minified (web/build.rs drops comments and
// layout whitespace). The browser must read the shipped sheet as exactly the
// rules of web/src/style.css: same selectors, same declarations, same order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, REPO, SINGLE_FILE_URL, Widget } from './widget.mjs';

test('the shipped stylesheet holds exactly the rules of web/src/style.css', async () => {
  const source = fs.readFileSync(path.join(REPO, 'web/src/style.css'), 'utf8');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(SINGLE_FILE_URL);
    const widget = new Widget(page);
    await widget.started();
    const { shipped, expected } = await widget.host.evaluate((el, text) => {
      // Chromium keeps the whitespace after a comma inside var() fallbacks as
      // written; it means nothing, so both sides drop it.
      const rules = (sheet) => [...sheet.cssRules].map((r) => r.cssText.replace(/,\s+/g, ','));
      const widgetSheet = el.shadowRoot.adoptedStyleSheets.reduce((a, b) => (b.cssRules.length > a.cssRules.length ? b : a));
      const reference = new CSSStyleSheet();
      reference.replaceSync(text);
      return { shipped: rules(widgetSheet), expected: rules(reference) };
    }, source);
    assert.ok(expected.length > 100, `style.css parses into its rules (${expected.length})`);
    assert.deepEqual(shipped, expected);
  } finally {
    await browser.close();
  }
});
