// The embed build on an intranet-style page served from 127.0.0.1 with
//   Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// must load with no CSP violation and no console error, keep its styles to
// itself, and let the page save the plan through the change event.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, watchProblems, Widget, SAMPLE_CHILDREN } from './widget.mjs';
import { CSP } from './server.mjs';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

check('the intranet example runs under the strict CSP with zero violations and zero console errors', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  const response = await page.goto(`${server.origin}/embed-examples/intranet.html`);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the server really sends the strict policy');
  const widget = new Widget(page, '#plan');
  await widget.waitForMap(SAMPLE_CHILDREN[0]);
  // Use it a little, so styles and handlers of a real session are exercised.
  await widget.addPerson('Granne Lisa');
  await page.waitForTimeout(300);
  assert.deepEqual(problems.cspViolations, [], 'CSP violations');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.pageErrors, [], 'uncaught exceptions');
  await context.close();
});

check('the widget and the host page do not restyle each other (shadow DOM)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/embed-examples/intranet.html`);
  const widget = new Widget(page, '#plan');
  await widget.waitForMap();
  // intranet.css paints every SVG <text> red and every <button> magenta.
  const fill = await widget.map().locator('text').first().evaluate((t) => getComputedStyle(t).fill);
  assert.notEqual(fill, 'rgb(255, 0, 0)', "the host's `text { fill: red }` reached into the widget");
  const buttonBackground = await widget.host.getByRole('button').first().evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(buttonBackground, 'rgb(255, 0, 255)', "the host's button style reached into the widget");
  // And nothing of the widget's reaches out: the page's own styles are intact.
  const outside = await page.evaluate(() => ({
    bar: getComputedStyle(document.querySelector('.intranet-bar')).backgroundColor,
    font: getComputedStyle(document.body).fontFamily,
    adopted: document.adoptedStyleSheets.length,
    sheets: [...document.styleSheets].map((s) => s.href && new URL(s.href).pathname),
  }));
  assert.equal(outside.bar, 'rgb(0, 48, 110)');
  assert.match(outside.font, /Georgia/);
  assert.equal(outside.adopted, 0, 'the widget adopted a stylesheet into the host document');
  assert.deepEqual(outside.sheets, ['/embed-examples/intranet.css'], 'the widget added a stylesheet to the host document');
  await context.close();
});

check('the intranet page saves through skyddsnat-change into its own key and reopens it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/embed-examples/intranet.html`);
  const widget = new Widget(page, '#plan');
  await widget.waitForMap();
  await widget.addPerson('Farbror Sven');
  const saved = await page.waitForFunction(() => localStorage.getItem('intranet-example:skyddsplan'));
  const stored = JSON.parse(await saved.jsonValue());
  assert.ok(stored.people.some((p) => p.name === 'Farbror Sven'), "the page's own key holds the edit");
  assert.match(await page.locator('#status').textContent(), /Sparat/);

  await page.reload();
  const again = new Widget(page, '#plan');
  await again.waitForMap('Farbror Sven');
  await context.close();
});
