// The widget in Firefox, not only Chromium (issue #4: "works … in Chromium,
// Firefox and Safari"). Playwright drives only its own patched Firefox, so
// this drives the system's Firefox ESR through geckodriver with plain W3C
// WebDriver over HTTP on 127.0.0.1 (`cargo xtask setup` installs both).
// Safari cannot run on this Linux machine; it is not tested.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { SINGLE_FILE_URL, SAMPLE_CHILDREN, startServer } from './widget.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER || 'geckodriver';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A minimal W3C WebDriver client: one Firefox session. */
class Firefox {
  static async start() {
    assert.ok(fs.existsSync(FIREFOX), `${FIREFOX} is missing: run \`cargo xtask setup\``);
    const port = await freePort();
    const driver = spawn(GECKODRIVER, ['--port', String(port), '--binary', FIREFOX], { stdio: 'ignore' });
    const browser = new Firefox(driver, `http://127.0.0.1:${port}`);
    for (let i = 0; ; i++) {
      try {
        await fetch(`${browser.base}/status`);
        break;
      } catch (e) {
        if (i > 100) throw new Error(`geckodriver did not start: ${e}`);
        await sleep(100);
      }
    }
    const session = await browser.call('POST', '/session', {
      capabilities: { alwaysMatch: { 'moz:firefoxOptions': { args: ['-headless', '-width=1280', '-height=720'] } } },
    });
    browser.session = `/session/${session.sessionId}`;
    browser.version = session.capabilities.browserVersion;
    return browser;
  }

  constructor(driver, base) {
    this.driver = driver;
    this.base = base;
  }

  async call(method, path, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await response.json();
    if (value && value.error) throw new Error(`${method} ${path}: ${value.error}: ${value.message}`);
    return value;
  }

  goto(url) {
    return this.call('POST', `${this.session}/url`, { url });
  }

  reload() {
    return this.call('POST', `${this.session}/refresh`, {});
  }

  run(script, ...args) {
    return this.call('POST', `${this.session}/execute/sync`, { script, args });
  }

  /** Polls `script` until it returns something truthy. */
  async waitFor(script, what, timeout = 30_000) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.run(script);
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  }

  async quit() {
    try {
      if (this.session) await this.call('DELETE', this.session);
    } finally {
      this.driver.kill();
    }
  }
}

// What a user sees: the map drawn in the element's shadow root with the
// children's names, and no error screen.
const MAP_SHOWN = `
  const root = document.querySelector('skyddsnat-plan')?.shadowRoot;
  if (!root) return null;
  // The start screen: continue the latest plan, else open the sample family.
  const start = root.querySelector('.skn-start-actions');
  if (start) {
    (root.querySelector('.skn-start-continue') || start.querySelector('button:last-of-type')).click();
    return null;
  }
  const text = root.textContent;
  const people = root.querySelectorAll('svg [role=button]').length;
  const crashed = !!root.querySelector('.skn-recovery');
  return people > 5 || crashed ? { text, people, crashed, sheets: root.adoptedStyleSheets.length } : null;`;

let firefox;
before(async () => {
  firefox = await Firefox.start();
});
after(async () => {
  await firefox?.quit();
});

test('Firefox: the offline file opened from disk shows the sample map, and an edit is there after a reload', async () => {
  await firefox.goto(SINGLE_FILE_URL);
  const shown = await firefox.waitFor(MAP_SHOWN, 'the sample map');
  for (const child of SAMPLE_CHILDREN) assert.ok(shown.text.includes(child), `${child} is not on the map`);
  assert.ok(!shown.crashed, 'the crash screen is shown');

  const title = `Firefox ${firefox.version}`;
  await firefox.run(`
    const element = document.querySelector('skyddsnat-plan');
    const plan = element.plan;
    plan.title = arguments[0];
    element.plan = plan;`, title);
  // Autosave is immediate; give the element a moment to apply and store it.
  await firefox.waitFor(`return document.querySelector('skyddsnat-plan').plan.title === ${JSON.stringify(title)}`, 'the edit');
  await firefox.reload();
  await firefox.waitFor(MAP_SHOWN, 'the map after the reload');
  assert.equal(await firefox.run(`return document.querySelector('skyddsnat-plan').plan.title`), title);
});

test('Firefox: the embed build runs under the strict CSP on the intranet example', async () => {
  const server = await startServer();
  try {
    await firefox.goto(`${server.origin}/embed-examples/intranet.html`);
    // The page is served with the strict CSP header (server.mjs): the map
    // appears only if the script, the wasm and the styles all loaded under it.
    const shown = await firefox.waitFor(MAP_SHOWN, 'the map on the intranet page');
    assert.ok(!shown.crashed && shown.people > 5);
    assert.ok(shown.sheets >= 1, "the widget's stylesheet is not adopted");
  } finally {
    await server.close();
  }
});

test('Firefox: the room view opens from the offline file and follows an edit', async () => {
  await firefox.goto(SINGLE_FILE_URL);
  await firefox.waitFor(MAP_SHOWN, 'the sample map');
  const main = await firefox.call('GET', `${firefox.session}/window`);
  await firefox.run(`
    const root = document.querySelector('skyddsnat-plan').shadowRoot;
    [...root.querySelectorAll('button')].find((b) => /^(Rumsvy|Room view)$/.test(b.textContent)).click();`);
  let handles = [];
  for (let i = 0; i < 50 && handles.length < 2; i++) {
    handles = await firefox.call('GET', `${firefox.session}/window/handles`);
    await sleep(100);
  }
  const room = handles.find((h) => h !== main);
  assert.ok(room, 'the room window opened');
  try {
    await firefox.call('POST', `${firefox.session}/window`, { handle: room });
    const shown = await firefox.waitFor(
      `const svg = document.querySelector('main svg');
       return svg && { text: document.body.textContent, sheets: document.adoptedStyleSheets.length };`,
      'the map in the room view',
      5_000,
    );
    for (const child of SAMPLE_CHILDREN) assert.ok(shown.text.includes(child), `${child} is not in the room view`);
    assert.equal(shown.sheets, 1, 'the room stylesheet is adopted');
    await firefox.call('POST', `${firefox.session}/window`, { handle: main });
    await firefox.run(`
      const element = document.querySelector('skyddsnat-plan');
      const plan = element.plan;
      plan.people[0].name = 'Räven Firefoxa';
      element.plan = plan;`);
    await firefox.call('POST', `${firefox.session}/window`, { handle: room });
    await firefox.waitFor(`return document.body.textContent.includes('Räven')`, 'the edit in the room view', 5_000);
  } finally {
    await firefox.call('POST', `${firefox.session}/window`, { handle: room }).catch(() => {});
    await firefox.call('DELETE', `${firefox.session}/window`).catch(() => {});
    await firefox.call('POST', `${firefox.session}/window`, { handle: main });
  }
});
