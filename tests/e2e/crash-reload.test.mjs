// Killed mid-meeting: edits made by hand in the offline file (file://) and in
// the embed page, then the tab crashes or the whole browser is killed with
// SIGKILL (a power cut, a frozen PC reset) — no unload handler gets to run.
// Reopened with the same browser profile, the last edit made before the kill
// must be there.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, launch, startServer, Widget, SINGLE_FILE_URL, BOOT_TIMEOUT } from './widget.mjs';

/**
 * A Chromium of our own on a persistent profile (`profile` directory),
 * driven over CDP, so that this test holds its process id and can kill it
 * (and only it: its own process group) like a power cut.
 */
async function startChromium(profile) {
  const proc = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--allow-file-access-from-files',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), BOOT_TIMEOUT);
    proc.stderr.on('data', (chunk) => {
      seen += chunk;
      const m = /DevTools listening on (ws:\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return {
    context: browser.contexts()[0],
    /** SIGKILL to the browser and every process it started: nothing gets to run. */
    async kill() {
      process.kill(-proc.pid, 'SIGKILL');
      await exited;
      await browser.close().catch(() => {});
    },
    async close() {
      await browser.close().catch(() => {});
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch (_) {
        /* already gone */
      }
      await exited;
    },
  };
}

let server;
let shared;
const profiles = [];
function newProfile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skyddsnat-profile-'));
  profiles.push(dir);
  return dir;
}
before(async () => {
  server = await startServer();
  shared = await launch();
});
after(async () => {
  await shared?.close();
  await server?.close();
  for (const dir of profiles) fs.rmSync(dir, { recursive: true, force: true });
});

const EMBED_URL = () => `${server.origin}/embed-examples/two-children.html`;

/** The edits of a meeting, by hand: two people added, the last one right before the kill. */
async function meeting(page, selector, names) {
  await page.setViewportSize({ width: 1600, height: 900 });
  const widget = new Widget(page, selector);
  await widget.waitForMap();
  for (const name of names) {
    await widget.addPerson(name);
    // The add dialog may stay open for the next person; close it as a user would.
    const dialog = widget.host.getByRole('dialog');
    if (await dialog.count()) await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 2_000 });
  }
  return widget;
}

/**
 * Opens `url` again and returns its plan once the map shows `expected` (a
 * restore may arrive a moment after the first render); if it never does,
 * the plan as it is, for the caller's assertion to explain.
 */
async function reopened(context, url, selector, expected) {
  const page = await context.newPage();
  await page.goto(url);
  const widget = new Widget(page, selector);
  await widget.waitForMap();
  await widget.map(expected).waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
  return { page, plan: await widget.plan(), widget };
}

check('the tab crashes mid-meeting (offline file and embed page): reopened, the last edit is there', async () => {
  const context = await shared.newContext();
  for (const [url, selector] of [
    [SINGLE_FILE_URL, 'skyddsnat-plan'],
    [EMBED_URL(), '#first'],
  ]) {
    const page = await context.newPage();
    await page.goto(url);
    await meeting(page, selector, ['Krasch Första', 'Krasch Sista']);
    // The renderer dies as in a crash: no unload, no pagehide, nothing more runs.
    const cdp = await context.newCDPSession(page);
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    cdp.send('Page.crash').catch(() => {});
    await crashed;
    const { plan, page: again } = await reopened(context, url, selector, 'Krasch Sista');
    const names = plan.people.map((p) => p.name);
    assert.ok(names.includes('Krasch Sista'), `${url}: the last edit before the crash is lost (${names.slice(-3)})`);
    assert.ok(names.includes('Krasch Första'), `${url}: an earlier edit is lost`);
    await again.close();
  }
  await context.close();
});

check('the page is closed without unload handling mid-meeting: reopened, the last edit is there', async () => {
  const context = await shared.newContext();
  for (const [url, selector] of [
    [SINGLE_FILE_URL, 'skyddsnat-plan'],
    [EMBED_URL(), '#second'],
  ]) {
    const page = await context.newPage();
    await page.goto(url);
    await meeting(page, selector, ['Stängd Sista']);
    await page.close({ runBeforeUnload: false });
    const { plan, page: again } = await reopened(context, url, selector, 'Stängd Sista');
    assert.ok(plan.people.some((p) => p.name === 'Stängd Sista'), `${url}: the last edit before closing is lost`);
    await again.close();
  }
  await context.close();
});

/**
 * Whether `text` is in the profile's localStorage files on disk (Chromium
 * keeps a value as Latin-1 or as UTF-16LE, so look for both).
 */
function onDisk(profile, text) {
  const dir = path.join(profile, 'Default', 'Local Storage', 'leveldb');
  if (!fs.existsSync(dir)) return false;
  const needles = [Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')];
  return fs.readdirSync(dir).some((f) => {
    try {
      const bytes = fs.readFileSync(path.join(dir, f));
      return needles.some((n) => bytes.includes(n));
    } catch (_) {
      return false;
    }
  });
}

/**
 * A meeting in the offline file and in the embed page of a browser of our
 * own, which is killed with SIGKILL; then a new browser on the same profile
 * must show every edit. With `untilOnDisk`, the kill waits until Chromium
 * has written the edits to its files (it batches localStorage writes);
 * without, it comes right after the last edit, like a power cut.
 */
async function killedBrowser({ untilOnDisk }) {
  const profile = newProfile();
  let chrome = await startChromium(profile);
  const last = { file: 'Strom Sista', embed: 'Inbaddad Sista' };
  try {
    const file = await chrome.context.newPage();
    await file.goto(SINGLE_FILE_URL);
    await meeting(file, 'skyddsnat-plan', untilOnDisk ? [last.file] : ['Strom Forsta', last.file]);
    const embed = await chrome.context.newPage();
    await embed.goto(EMBED_URL());
    await meeting(embed, '#first', [last.embed]);
    // As far as the page can tell the edits are saved: the widget warns of nothing.
    for (const page of [file, embed]) {
      assert.equal(await page.locator('skyddsnat-plan').first().evaluate((el) => el.shadowRoot.querySelector('.skn-banner--warning')), null);
    }
    if (untilOnDisk) {
      const t0 = Date.now();
      while (!(onDisk(profile, last.file) && onDisk(profile, last.embed))) {
        assert.ok(Date.now() - t0 < 30_000, 'Chromium had not written the edits to disk after 30 s');
        await file.waitForTimeout(250);
      }
      console.log(`# the edits reached the disk ${Date.now() - t0} ms after the last one`);
    }
    await chrome.kill();

    chrome = await startChromium(profile);
    const fileAgain = await reopened(chrome.context, SINGLE_FILE_URL, 'skyddsnat-plan', last.file);
    const fileNames = fileAgain.plan.people.map((p) => p.name);
    assert.ok(fileNames.includes(last.file), `offline file: the last edit before the kill is lost (${fileNames.slice(-3)})`);
    if (!untilOnDisk) assert.ok(fileNames.includes('Strom Forsta'), `offline file: an earlier edit is lost (${fileNames.slice(-3)})`);
    const embedAgain = await reopened(chrome.context, EMBED_URL(), '#first', last.embed);
    const embedNames = embedAgain.plan.people.map((p) => p.name);
    assert.ok(embedNames.includes(last.embed), `embed page: the last edit before the kill is lost (${embedNames.slice(-3)})`);
  } finally {
    await chrome.close();
  }
}

check('the whole browser is killed (SIGKILL) once the edits are on disk: a new browser on the same profile restores them', async () => {
  // Chromium writes localStorage to disk in batches (the first about 5 s after a change).
  await killedBrowser({ untilOnDisk: true });
});

check('the whole browser is killed (SIGKILL) right after the last edit: a new browser on the same profile has it', async () => {
  // A power cut does not wait for the browser's next batch write.
  await killedBrowser({ untilOnDisk: false });
});
