// The single offline file, opened from disk (file://) as a consultant would
// open it on a meeting-room PC with no network.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import http from 'node:http';
import { launch, watchProblems, Widget, SINGLE_FILE, SINGLE_FILE_URL, SAMPLE_CHILDREN, BOOT_TIMEOUT } from './widget.mjs';

function tempFile(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skyddsnat-e2e-'));
  return path.join(dir, name);
}

/** Opens a saved copy from disk and checks it shows `name`, survives an edit and a reload. */
async function openCopy(context, file, name) {
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(pathToFileURL(file).href);
  const copy = new Widget(page);
  await copy.waitForMap(name);
  await copy.addPerson('Efter kopian');
  await page.reload();
  const again = new Widget(page);
  await again.waitForMap('Efter kopian');
  const plan = await again.plan();
  assert.ok(plan.people.some((p) => p.name === name), 'the copy still has the plan it was saved with');
  assert.deepEqual(problems.pageErrors, []);
  return page;
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

check('the offline file shows the sample family on the map, with no errors', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap(SAMPLE_CHILDREN[0]);
  const texts = (await widget.mapTexts()).join(' ');
  for (const child of SAMPLE_CHILDREN) assert.match(texts, new RegExp(child), `the map names ${child}`);
  const plan = await widget.plan();
  assert.equal(plan.format, 'skyddsnat');
  assert.deepEqual(
    plan.children.map((c) => c.name),
    SAMPLE_CHILDREN,
  );
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await context.close();
});

check('an edit made by hand is saved in the browser and is there after a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.addPerson('Moster Ulla');
  const before = await widget.plan();
  assert.ok(before.people.some((p) => p.name === 'Moster Ulla'), 'the new person is in the plan');

  await page.reload();
  const again = new Widget(page);
  await again.waitForMap('Moster Ulla');
  const after = await again.plan();
  assert.deepEqual(after, before, 'the reloaded plan is the one left behind');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

check('a fresh browser profile starts from the sample, not from another profile\'s plan', async () => {
  // Each Playwright context is a new profile: nothing stored, so the sample opens.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  const plan = await widget.plan();
  assert.ok(!plan.people.some((p) => p.name === 'Moster Ulla'));
  await context.close();
});

check('"save a copy with this plan inside" (JS side): the copy opens from disk with the plan, apart from the original', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.addPerson('Kopia Karin');
  const bytes = await page.evaluate(() => Array.from(window.Skyddsnat.pageWithPlan(document.querySelector('skyddsnat-plan').plan)));
  const file = tempFile('kopia.html');
  fs.writeFileSync(file, Buffer.from(bytes));
  await openCopy(context, file, 'Kopia Karin');
  // The original file keeps its own plan: the copy's edit did not reach it.
  // Both are plans on this computer now (file:// pages share storage), each
  // under its own key; the start screen lists both.
  await page.reload();
  const original = new Widget(page);
  await original.host.locator('.skn-start-table').waitFor({ timeout: BOOT_TIMEOUT });
  assert.equal(await original.host.locator('.skn-start-table tbody tr').count(), 2);
  await original.openStored('sample');
  await original.waitForMap('Kopia Karin');
  assert.ok(!(await original.plan()).people.some((p) => p.name === 'Efter kopian'), "the copy's edit leaked into the original");
  await context.close();
});

check('a saved copy keeps names in every script (Arabic, Somali, Greek, emoji) although the offline file is windows-1252', async () => {
  // The page is windows-1252 (the packed wasm needs one byte per character),
  // so the plan inside a copy must travel as ASCII JSON escapes.
  const names = ['Åsa Öberg', 'فاطمة', 'Cabdiraxmaan', 'Ζωή', 'Łucja 🌱'];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  for (const name of names) await widget.addPerson(name);
  const bytes = await page.evaluate(() => Array.from(window.Skyddsnat.pageWithPlan(document.querySelector('skyddsnat-plan').plan)));
  assert.ok(bytes.every((b) => b >= 0 && b < 256));
  const file = tempFile('kopia-namn.html');
  fs.writeFileSync(file, Buffer.from(bytes));
  const copy = await context.newPage();
  const problems = await watchProblems(copy);
  await copy.goto(pathToFileURL(file).href);
  const reopened = new Widget(copy);
  await reopened.waitForMap(names[1]);
  const people = (await reopened.plan()).people.map((p) => p.name);
  for (const name of names) assert.ok(people.includes(name), `${name} did not survive the copy: ${people}`);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

check('"save a copy with this plan inside" from the widget\'s menu downloads an HTML file that opens with the plan', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.addPerson('Meny Maja');
  await widget.button(/^(Meny|Menu)$/).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    widget.host.locator('button, [role=menuitem], a').filter({ hasText: /kopia|copy/i }).first().click(),
  ]);
  assert.match(download.suggestedFilename(), /\.html$/);
  const file = tempFile(download.suggestedFilename());
  await download.saveAs(file);
  await openCopy(context, file, 'Meny Maja');
  await context.close();
});

check('"forget this plan on this computer" removes it from the browser: a reload opens the sample again', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.addPerson('Glöm Gustav');
  const storedKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skyddsnat:')));
  assert.ok((await storedKeys()).length > 0, 'the edit was autosaved');
  // The power-cut copy in IndexedDB (web/src/durable.rs): the keys it holds for this plan.
  const mirroredKeys = () =>
    page.evaluate(async () => {
      if (!(await indexedDB.databases()).some((d) => d.name === 'skyddsnat')) return [];
      const db = await new Promise((ok, ko) => {
        const r = indexedDB.open('skyddsnat');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      try {
        if (!db.objectStoreNames.contains('plans')) return [];
        const keys = await new Promise((ok, ko) => {
          const r = db.transaction('plans').objectStore('plans').getAllKeys();
          r.onsuccess = () => ok(r.result);
          r.onerror = () => ko(r.error);
        });
        return keys.map(String).filter((k) => k.startsWith('skyddsnat:v1:sample:'));
      } finally {
        db.close();
      }
    });
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'skyddsnat'));
  assert.ok((await mirroredKeys()).length > 0, 'the edit was mirrored into IndexedDB');
  page.once('dialog', (dialog) => dialog.accept());
  await widget.button(/^(Meny|Menu)$/).click();
  await widget.host.locator('button, [role=menuitem]').filter({ hasText: /Radera planen|Delete this plan/i }).first().click();
  await page.waitForFunction(
    () => !Object.keys(localStorage).some((k) => k.startsWith('skyddsnat:v1:sample:')),
    null,
    { timeout: 5_000 },
  );
  assert.deepEqual(await mirroredKeys(), [], 'the IndexedDB copy of the forgotten plan is still there');
  await page.reload();
  const again = new Widget(page);
  await again.waitForMap();
  assert.ok(!(await again.plan()).people.some((p) => p.name === 'Glöm Gustav'), 'the forgotten plan came back');
  await context.close();
});

/** Serves the offline file over HTTP with the given Content-Type header. */
async function serveOfflineFile(contentType) {
  const server = http.createServer((req, res) => {
    if (req.url.split('?')[0] !== '/skyddsnat.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(fs.readFileSync(SINGLE_FILE));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/skyddsnat.html`, close: () => new Promise((ok) => server.close(ok)) };
}

check('the offline file put on a web server works, also when the server calls every page UTF-8 (it is windows-1252)', async () => {
  // A common intranet default (AddDefaultCharset UTF-8) overrides the page's
  // <meta charset>: the file then reads itself again to unpack.
  for (const contentType of ['text/html', 'text/html; charset=utf-8']) {
    const served = await serveOfflineFile(contentType);
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(served.url);
    const widget = new Widget(page);
    await widget.waitForMap();
    assert.equal(await page.evaluate(() => document.characterSet), contentType.includes('utf-8') ? 'UTF-8' : 'windows-1252');
    await widget.addPerson('Webb Wilma');
    // A copy saved from the served page is the file, byte for byte, but for the plan inside.
    const bytes = await page.evaluate(() => Array.from(window.Skyddsnat.pageWithPlan(document.querySelector('skyddsnat-plan').plan)));
    const file = tempFile('kopia-webb.html');
    fs.writeFileSync(file, Buffer.from(bytes));
    await openCopy(context, file, 'Webb Wilma');
    assert.deepEqual(problems.pageErrors, [], contentType);
    await context.close();
    await served.close();
  }
});
