// The same plan open twice — two tabs of the offline file, or two elements
// with one storage key on a page — and edited in both: neither may silently
// overwrite the other's newer work. The tab that is behind is told so at
// once, stops autosaving, can still save its own work as a file, and can
// take the newer version when the user says so.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer, watchProblems, Widget, REPO, SINGLE_FILE_URL } from './widget.mjs';

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

const warning = (widget) => widget.host.locator('.skn-banner--warning[role=alert]');

/** The plan saved in this browser under `storageKey`, as people's names. */
async function storedNames(page, storageKey = 'sample') {
  return page.evaluate((key) => {
    const text = localStorage.getItem(`skyddsnat:v1:${key}:plan`);
    return text === null ? [] : JSON.parse(text).people.map((p) => p.name);
  }, storageKey);
}

/**
 * Waits until the plan saved under `storageKey` names `name`: the autosave
 * runs after the render it follows, and yew may finish a long render (the
 * map fitted to its size) in a later task than the one that painted it.
 */
async function savedSoon(page, name, storageKey = 'sample') {
  for (let i = 0; i < 50; i++) {
    const stored = await storedNames(page, storageKey);
    if (stored.includes(name)) return stored;
    await page.waitForTimeout(100);
  }
  return storedNames(page, storageKey);
}

async function names(widget) {
  return (await widget.plan()).people.map((p) => p.name);
}

async function addPerson(widget, name) {
  await widget.addPerson(name);
  // The add dialog may stay open for the next person; close it as a user would.
  if (await widget.host.getByRole('dialog').count()) await widget.page.keyboard.press('Escape');
}

check('two tabs of the offline file: the tab behind is warned at once, its edits never overwrite the newer save, and it can take the newer version', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  const problems = [await watchProblems(tabA), await watchProblems(tabB)];
  const dialogs = [];
  for (const [tab, label] of [[tabA, 'A'], [tabB, 'B']]) {
    tab.on('dialog', (d) => {
      dialogs.push(`${label} ${d.type()}: ${d.message()}`);
      d.accept();
    });
  }
  // A opens the sample from the start screen; B, opened after, continues it.
  await tabA.goto(SINGLE_FILE_URL);
  const a = new Widget(tabA);
  await a.waitForMap();
  await tabB.goto(SINGLE_FILE_URL);
  const b = new Widget(tabB);
  await b.waitForMap();

  // A edits: saved. B is told at once, before it does anything.
  await addPerson(a, 'Från A');
  assert.ok((await savedSoon(tabA, 'Från A')).includes('Från A'), "A's edit was saved");
  await warning(b).waitFor({ timeout: 3_000 });
  assert.equal((await warning(b).locator('span').textContent()).trim(), catalog('storage.conflict'));
  assert.equal(await warning(a).count(), 0, 'the tab that saved last is not warned');

  // B edits anyway: its work stays on screen, but the newer save from A is not overwritten.
  await addPerson(b, 'Från B');
  assert.ok((await names(b)).includes('Från B'), "B's edit is on B's screen");
  const stored = await storedNames(tabA);
  assert.ok(stored.includes('Från A'), "B's autosave overwrote A's newer work");
  assert.ok(!stored.includes('Från B'), 'B autosaved over the newer version');
  assert.equal((await warning(b).locator('span').textContent()).trim(), catalog('storage.conflict'), 'B is still warned');

  // B's own work is not lost either: "Save file…" in the warning has it.
  const [download] = await Promise.all([
    tabB.waitForEvent('download', { timeout: 10_000 }),
    warning(b).getByRole('button', { name: 'Spara fil…' }).click(),
  ]);
  const savedB = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.ok(savedB.people.some((p) => p.name === 'Från B'), "B's saved file lacks B's edit");

  // B takes the newer version, after a question: now it shows A's edit and saves again.
  await warning(b).getByRole('button', { name: catalog('storage.take_newer') }).click();
  await b.waitForMap('Från A');
  assert.deepEqual(dialogs, [`B confirm: ${catalog('storage.take_newer_confirm')}`]);
  await warning(b).waitFor({ state: 'detached', timeout: 2_000 });
  await addPerson(b, 'B igen');
  const both = await savedSoon(tabB, 'B igen');
  assert.ok(both.includes('Från A') && both.includes('B igen'), `B saves on top of A's version: ${both.slice(-3)}`);

  // Now A is the one behind: warned, and its next edit does not overwrite B's.
  await warning(a).waitFor({ timeout: 3_000 });
  await addPerson(a, 'A efteråt');
  assert.ok(!(await storedNames(tabA)).includes('A efteråt'), "A's autosave overwrote B's newer work");

  // A new tab opens the newest save.
  const tabC = await context.newPage();
  await tabC.goto(SINGLE_FILE_URL);
  const c = new Widget(tabC);
  await c.waitForMap('B igen');
  assert.ok((await names(c)).includes('Från A'));
  for (const p of problems) assert.deepEqual(p.pageErrors, []);
  await context.close();
});

/** Clicks `click` (a locator) and returns the JSON of the download it starts. */
async function downloadedJson(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), click.click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  return { path: await download.path(), plan: JSON.parse(fs.readFileSync(await download.path(), 'utf8')) };
}

check('the tab behind keeps a way out: closing it with its never-autosaved edit asks first; the edit is in "Save file…" from the warning and from the menu, that file opens with it, and then it closes without asking', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  const problems = [await watchProblems(tabA), await watchProblems(tabB)];
  tabA.on('dialog', (d) => d.accept());
  // B: "Leave page?" is answered "stay"; every question is noted.
  const asked = [];
  tabB.on('dialog', (d) => {
    asked.push(d.type());
    return d.type() === 'beforeunload' ? d.dismiss() : d.accept();
  });
  await tabA.goto(SINGLE_FILE_URL);
  await tabB.goto(SINGLE_FILE_URL);
  const a = new Widget(tabA);
  const b = new Widget(tabB);
  await a.waitForMap();
  await b.waitForMap();
  await addPerson(a, 'Först i A');
  await warning(b).waitFor({ timeout: 3_000 });
  // B's edit exists only in B's memory: not in localStorage, not in the power-cut copy.
  await addPerson(b, 'Bara i B');
  assert.ok(!(await storedNames(tabB)).includes('Bara i B'), 'B autosaved over the newer version');

  // Closing B now would lose the edit: the browser asks first.
  await tabB.close({ runBeforeUnload: true });
  for (let i = 0; i < 40 && !asked.includes('beforeunload'); i++) await tabA.waitForTimeout(50);
  assert.deepEqual(asked, ['beforeunload'], 'closing B with its edit only in memory did not ask');
  assert.ok(!tabB.isClosed(), 'B closed although the user chose to stay');

  const fromWarning = await downloadedJson(tabB, warning(b).getByRole('button', { name: 'Spara fil…' }));
  await b.button(/^(Meny|Menu)$/).click();
  const fromMenu = await downloadedJson(tabB, b.host.locator('.skn-menu-list').getByRole('button', { name: 'Spara fil…' }));
  for (const [how, saved] of [['warning', fromWarning], ['menu', fromMenu]]) {
    const people = saved.plan.people.map((p) => p.name);
    assert.ok(people.includes('Bara i B'), `the file saved from the ${how} lacks B's edit`);
    assert.deepEqual(saved.plan, await b.plan(), `the file saved from the ${how} is the plan on B's screen`);
  }
  assert.equal((await warning(b).locator('span').textContent()).trim(), catalog('storage.conflict'), 'B is still told it does not autosave');

  // The file is a way out: opened in another tab, B's work is there.
  const tabC = await context.newPage();
  tabC.on('dialog', (d) => d.accept());
  await tabC.goto(SINGLE_FILE_URL);
  const c = new Widget(tabC);
  await c.waitForMap();
  await c.button(/^(Meny|Menu)$/).click();
  const [chooser] = await Promise.all([
    tabC.waitForEvent('filechooser'),
    c.host.getByRole('button', { name: 'Öppna fil…' }).click(),
  ]);
  await chooser.setFiles(fromMenu.path);
  await c.waitForMap('Bara i B');
  assert.deepEqual(await c.plan(), fromMenu.plan);
  for (const p of problems) assert.deepEqual(p.pageErrors, []);

  // Saved as a file, B closes without a question.
  asked.length = 0;
  const closed = new Promise((resolve) => tabB.once('close', resolve));
  await tabB.close({ runBeforeUnload: true });
  await Promise.race([closed, tabA.waitForTimeout(3_000)]);
  assert.deepEqual(asked, [], 'B asked before closing although its work is saved as a file');
  assert.ok(tabB.isClosed(), 'B did not close');
  await context.close();
});

check('two widgets with one storage key on one page (no storage event between them): the later save never overwrites the other\'s newer one', async () => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1400 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(`${server.origin}/tests/e2e/fixtures/api.html`);
  await page.evaluate(() => {
    for (const id of ['one', 'two']) {
      const el = document.createElement('skyddsnat-plan');
      el.id = id;
      el.setAttribute('sample', '');
      el.setAttribute('storage-key', 'same-plan');
      el.className = 'slot';
      document.body.append(el);
    }
  });
  const one = new Widget(page, '#one');
  const two = new Widget(page, '#two');
  await one.waitForMap();
  await two.waitForMap();

  await addPerson(one, 'Ett först');
  assert.ok((await savedSoon(page, 'Ett först', 'same-plan')).includes('Ett först'));
  await addPerson(two, 'Två sedan');
  // The second widget had not seen the first one's save: it must not write over it.
  const stored = await storedNames(page, 'same-plan');
  assert.ok(stored.includes('Ett först'), `the second widget overwrote the first one's newer work (${stored.slice(-3)})`);
  assert.ok(!stored.includes('Två sedan'), 'the second widget autosaved over a newer save');
  await warning(two).waitFor({ timeout: 2_000 });
  assert.equal((await warning(two).locator('span').textContent()).trim(), catalog('storage.conflict'));
  assert.ok((await names(two)).includes('Två sedan'), "the second widget's edit is still on its screen");
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

check('"forget this plan" in one tab is not undone by the other tab\'s next autosave', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  for (const tab of [tabA, tabB]) tab.on('dialog', (d) => d.accept());
  await tabA.goto(SINGLE_FILE_URL);
  const a = new Widget(tabA);
  await a.waitForMap();
  await tabB.goto(SINGLE_FILE_URL);
  const b = new Widget(tabB);
  await b.waitForMap();
  await addPerson(a, 'Ska Glömmas');
  const keys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skyddsnat:v1:sample:')));
  assert.ok((await keys(tabA)).length > 0, 'the plan was saved');

  // A: "Forget this plan on this computer".
  await a.button(/^(Meny|Menu)$/).click();
  await a.host.getByRole('button', { name: 'Radera planen från den här datorn' }).click();
  await tabA.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('skyddsnat:v1:sample:')), null, { timeout: 5_000 });

  // B, still open with the plan, goes on editing.
  await addPerson(b, 'B efter glömskan');
  await tabB.waitForTimeout(300);
  const left = await keys(tabB);
  const warned = await warning(b).count();
  // Either B keeps the plan off the computer, or it at least says it is writing it back.
  assert.ok(
    left.length === 0 || warned > 0,
    `tab B silently wrote the forgotten plan back to this computer (${left.join(', ')})`,
  );
  await context.close();
});
