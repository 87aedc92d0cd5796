// A full session must not reach the network: every request goes to file://
// (or data:/blob: made by the page itself) or to the local test server.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, Widget, SINGLE_FILE_URL } from './widget.mjs';

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

check('a full session makes no request to any host but file:// and 127.0.0.1', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  // Also catch what the page might try via WebSocket or beacons.
  context.on('websocket', (ws) => requests.push(ws.url()));
  const page = await context.newPage();

  // The offline file: open, add a person, visit every tab of the side panel.
  await page.goto(SINGLE_FILE_URL);
  const offline = new Widget(page);
  await offline.waitForMap();
  await offline.addPerson('Nätverkstest');
  const tabs = offline.host.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
  }
  await page.waitForTimeout(500);

  // The embed build on the intranet page, and two widgets side by side.
  for (const example of ['intranet.html', 'two-children.html', 'readonly.html']) {
    await page.goto(`${server.origin}/embed-examples/${example}`);
    await new Widget(page, 'skyddsnat-plan >> nth=0').waitForMap();
  }
  await page.waitForTimeout(500);
  await context.close();

  const allowed = (url) =>
    url.startsWith('file://') || url.startsWith('data:') || url.startsWith('blob:') || url.startsWith(`${server.origin}/`);
  const outside = requests.filter((url) => !allowed(url));
  assert.deepEqual(outside, [], 'requests that left the machine');
  // The recorder did see the session (otherwise an empty list proves nothing).
  assert.ok(requests.some((u) => u.startsWith('file://')), 'the offline file was recorded');
  assert.ok(requests.some((u) => u.endsWith('/dist/embed/skyddsnat_bg.wasm')), 'the embed wasm load was recorded');
});
