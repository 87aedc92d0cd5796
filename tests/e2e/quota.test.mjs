// Browser storage full (quota exceeded) or not there at all (a locked-down
// private window, storage disabled by policy): the widget keeps working in
// memory, says so plainly, offers "Save file…" — which holds every change —
// and drops nothing silently: once space is free, the next edit saves all.
// When localStorage is full the power-cut copy in IndexedDB still takes each
// save: the banner says so, and a page closed abruptly and opened again
// shows the edit.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer, watchProblems, Widget, REPO, SINGLE_FILE_URL } from './widget.mjs';

/** A message of the Swedish catalog, as the user reads it. */
function catalog(key) {
  const text = fs.readFileSync(path.join(REPO, 'core/i18n/sv/ui.txt'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${key} = `));
  assert.ok(line, `${key} is in the catalog`);
  return line.slice(key.length + 3).trim();
}

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

const FILLER = 'quota-test-filler:';

/**
 * Fills this origin's localStorage to the last character with filler keys
 * (big chunks first, then smaller), as years of other data would.
 * Returns how many characters went in.
 */
async function fillStorage(page) {
  return page.evaluate((prefix) => {
    let total = 0;
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`${prefix}${n}`, chunk);
          n += 1;
          total += size;
        } catch (e) {
          if (e.name !== 'QuotaExceededError') throw e;
          break;
        }
      }
    }
    return total;
  }, FILLER);
}

async function freeStorage(page) {
  await page.evaluate((prefix) => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  }, FILLER);
}

/** The plan the widget has in localStorage (under the default key), or null. */
async function storedPlan(page) {
  return page.evaluate(() => {
    const text = localStorage.getItem('skyddsnat:v1:sample:plan');
    return text === null ? null : JSON.parse(text);
  });
}

const warning = (widget) => widget.host.locator('.skn-banner--warning[role=alert]');

/** Waits until the warning says the catalog's `key` (it may first say another). */
async function warningSays(widget, key) {
  const text = catalog(key);
  const said = () => widget.host.evaluate((el) => el.shadowRoot.querySelector('.skn-banner--warning span')?.textContent.trim());
  for (let i = 0; i < 40 && (await said()) !== text; i++) await widget.page.waitForTimeout(50);
  assert.equal(await said(), text);
}

/** "Save file…" in the warning: the download must hold every person in `names`. */
async function saveFileHolds(page, widget, names) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    warning(widget).getByRole('button', { name: 'Spara fil…' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.json$/);
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const people = saved.people.map((p) => p.name);
  for (const name of names) assert.ok(people.includes(name), `the saved file lacks ${name}`);
  return saved;
}

check('storage full: the widget says so, keeps working, "Save file…" has every change, and the next edit after freeing space saves all', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  const errors = [];
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await page.evaluate(() => {
    window.__errors = [];
    document.querySelector('skyddsnat-plan').addEventListener('skyddsnat-error', (e) => window.__errors.push(e.detail));
  });
  await widget.addPerson('Innan Fullt');
  assert.ok((await storedPlan(page)).people.some((p) => p.name === 'Innan Fullt'), 'saved while there was room');

  const filled = await fillStorage(page);
  assert.ok(filled > 1_000_000, `the storage took only ${filled} characters`);
  await widget.addPerson('Fullt Första');
  // Said at once, plainly, where the user looks, with the way out; and
  // truly: the change is kept in IndexedDB instead.
  await warning(widget).waitFor({ timeout: 2_000 });
  await warningSays(widget, 'storage.full_kept');
  errors.push(...(await page.evaluate(() => window.__errors)));
  assert.ok(errors.includes(catalog('storage.full')), `the host page heard of it by skyddsnat-error: ${errors}`);
  // It keeps working in memory.
  await widget.addPerson('Fullt Andra');
  const inMemory = await widget.plan();
  assert.ok(inMemory.people.some((p) => p.name === 'Fullt Andra'), 'an edit while full is in the plan');
  assert.ok(!(await storedPlan(page)).people.some((p) => p.name === 'Fullt Första'), 'the test meant storage to be full');
  await saveFileHolds(page, widget, ['Innan Fullt', 'Fullt Första', 'Fullt Andra']);
  assert.equal(await warning(widget).count(), 1, 'the warning stays until storage works again');

  // Space again: the next edit saves everything, including the edits made while full.
  await freeStorage(page);
  await widget.addPerson('Efter Fullt');
  await warning(widget).waitFor({ state: 'detached', timeout: 2_000 });
  const stored = await storedPlan(page);
  for (const name of ['Innan Fullt', 'Fullt Första', 'Fullt Andra', 'Efter Fullt']) {
    assert.ok(stored.people.some((p) => p.name === name), `${name} was dropped from storage`);
  }
  assert.deepEqual(stored, await widget.plan(), 'storage holds the plan on screen');
  await page.reload();
  const again = new Widget(page);
  await again.waitForMap('Fullt Andra');
  assert.deepEqual(await again.plan(), stored);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

for (const [when, before] of [
  ['after earlier saves', ['Innan Fullt']],
  ['before anything was ever saved', []],
]) {
  check(`storage full ${when}: the edit is kept in IndexedDB, the banner says so, and the page closed abruptly then opened again shows it`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(SINGLE_FILE_URL);
    const widget = new Widget(page);
    await widget.waitForMap();
    for (const name of before) await widget.addPerson(name);
    await fillStorage(page);
    await widget.addPerson('Bara I Reserv');
    await warning(widget).waitFor({ timeout: 2_000 });
    await warningSays(widget, 'storage.full_kept');
    const stored = await storedPlan(page);
    assert.ok(!stored?.people.some((p) => p.name === 'Bara I Reserv'), 'the test meant localStorage to be full');
    const onScreen = await widget.plan();
    // Closed as a crash or a killed tab closes it: nothing runs at the end.
    await page.close({ runBeforeUnload: false });

    const again = await context.newPage();
    const problemsAgain = await watchProblems(again);
    await again.goto(SINGLE_FILE_URL);
    const reopened = new Widget(again);
    await reopened.waitForMap('Bara I Reserv');
    assert.deepEqual(await reopened.plan(), onScreen, 'the plan reopens as it was on screen');
    // Storage is still full: the reopened page says so, as truly as before.
    await warning(reopened).waitFor({ timeout: 2_000 });
    await warningSays(reopened, 'storage.full_kept');
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problemsAgain.pageErrors, []);
    await context.close();
  });
}

check('storage full and no IndexedDB either: the banner says the changes are only in memory (never "kept"), and closing the page asks first', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A browser where IndexedDB is missing (some private windows).
  await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true }));
  const page = await context.newPage();
  const asked = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    return d.dismiss();
  });
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await fillStorage(page);
  await widget.addPerson('Bara I Minnet');
  await warning(widget).waitFor({ timeout: 2_000 });
  await page.waitForTimeout(500); // time enough for a backup copy to say it was kept
  assert.equal((await warning(widget).locator('span').textContent()).trim(), catalog('storage.full'));
  await page.close({ runBeforeUnload: true });
  for (let i = 0; i < 40 && !asked.includes('beforeunload'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(asked, ['beforeunload'], 'the page closed with the edit only in memory, without asking');
  await context.close();
});

check('storage already full when the file is opened: the widget says it is full (not unavailable), and saves once there is room', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  await new Widget(page).waitForMap();
  await fillStorage(page);
  await page.reload();
  const widget = new Widget(page);
  await widget.waitForMap();
  await warning(widget).waitFor({ timeout: 2_000 });
  assert.equal((await warning(widget).locator('span').textContent()).trim(), catalog('storage.full'), 'the reason given');
  await freeStorage(page);
  await widget.addPerson('Plats Igen');
  await warning(widget).waitFor({ state: 'detached', timeout: 2_000 });
  assert.ok((await storedPlan(page)).people.some((p) => p.name === 'Plats Igen'));
  await context.close();
});

check('storage full when only the widget is refused (QuotaExceededError from setItem): the same plain warning, nothing lost', async () => {
  // Some browsers refuse a write long before the origin's quota (a per-key
  // limit, a full disk): the widget must take QuotaExceededError from any write.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    window.__refuseWrites = false;
    Storage.prototype.setItem = function (key, value) {
      if (window.__refuseWrites && String(key).startsWith('skyddsnat:')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await page.evaluate(() => (window.__refuseWrites = true));
  await widget.addPerson('Vägrad Skrivning');
  await warning(widget).waitFor({ timeout: 2_000 });
  await warningSays(widget, 'storage.full_kept');
  await saveFileHolds(page, widget, ['Vägrad Skrivning']);
  await page.evaluate(() => (window.__refuseWrites = false));
  await widget.addPerson('Skrivs Igen');
  await warning(widget).waitFor({ state: 'detached', timeout: 2_000 });
  const stored = await storedPlan(page);
  assert.ok(stored.people.some((p) => p.name === 'Vägrad Skrivning'), 'the edit made while refused was dropped');
  await context.close();
});

/**
 * Storage switched off as Chromium does it when a site may not keep data
 * (cookies blocked by policy): reading `window.localStorage` throws SecurityError.
 */
function denyStorageAccess() {
  Object.defineProperty(window, 'localStorage', {
    get() {
      throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
    },
    configurable: true,
  });
}

/** Storage that is there but throws SecurityError on every use (other locked-down browsers). */
function denyStorageUse() {
  const deny = () => {
    throw new DOMException('Access is denied for this document.', 'SecurityError');
  };
  for (const name of ['getItem', 'setItem', 'removeItem', 'clear', 'key']) Storage.prototype[name] = deny;
  Object.defineProperty(Storage.prototype, 'length', { get: deny, configurable: true });
}

for (const [how, lock] of [
  ['reading localStorage throws SecurityError', denyStorageAccess],
  ['every use of localStorage throws SecurityError', denyStorageUse],
]) {
  for (const [where, url, selector] of [
    ['the offline file', () => SINGLE_FILE_URL, 'skyddsnat-plan'],
    ['the embed page', () => `${server.origin}/embed-examples/two-children.html`, '#first'],
  ]) {
    check(`storage unavailable (${how}) in ${where}: it starts, says so at once and after edits, works in memory, "Save file…" has the edits`, async () => {
      const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true });
      await context.addInitScript(lock);
      const page = await context.newPage();
      const problems = await watchProblems(page);
      await page.goto(url());
      const widget = new Widget(page, selector);
      await widget.waitForMap();
      // Before any edit: the user knows from the start that nothing is kept.
      await warning(widget).waitFor({ timeout: 2_000 });
      assert.equal((await warning(widget).locator('span').textContent()).trim(), catalog('storage.unavailable'));
      await widget.addPerson('Bara Minnet');
      if (await widget.host.getByRole('dialog').count()) await page.keyboard.press('Escape');
      assert.ok((await widget.plan()).people.some((p) => p.name === 'Bara Minnet'));
      await saveFileHolds(page, widget, ['Bara Minnet']);
      // Still the true reason, not another one: storage is not full, it is not there.
      assert.equal((await warning(widget).locator('span').textContent()).trim(), catalog('storage.unavailable'), 'the warning changed its reason');
      assert.deepEqual(problems.pageErrors, [], 'an exception escaped');
      await context.close();
    });
  }
}
