// The lock of the plans on this computer, in the offline file opened from
// disk: what a session that ends locked leaves in the browser's storage (read
// raw: localStorage and IndexedDB), the idle time, the shortcut, another tab,
// and "forgot the passphrase".

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchProblems, Widget, SINGLE_FILE_URL, BOOT_TIMEOUT, axeViolations } from './widget.mjs';

const PASSPHRASE = 'blå häst i förrådet';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Every value the widget's origin holds: localStorage and the IndexedDB mirror, raw. */
async function rawStorage(page) {
  return page.evaluate(async () => {
    const local = Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`);
    const records = await new Promise((resolve) => {
      const open = indexedDB.open('skyddsnat');
      open.onerror = () => resolve([]);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('plans')) return resolve([]);
        const all = db.transaction('plans').objectStore('plans').getAll();
        all.onsuccess = () => resolve(all.result.map((r) => JSON.stringify(r)));
        all.onerror = () => resolve([]);
      };
    });
    return { local, records };
  });
}

const turnOnLock = (widget) => widget.turnOnLock(PASSPHRASE);
const unlock = (widget, passphrase = PASSPHRASE) => widget.unlock(passphrase);

const locked = (widget) => widget.host.getByText('Planerna på den här datorn är låsta.', { exact: false });

check('a session that ends locked leaves no readable name in localStorage or IndexedDB', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  page.on('dialog', (d) => d.accept());
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.host.locator('.skn-start').waitFor({ timeout: BOOT_TIMEOUT });
  // The sample family (names all over its plan, two meetings, snapshots) and
  // a versions history: then the lock goes on over what is already stored.
  await widget.button('Öppna exempelfamiljen (påhittad)').click();
  await widget.waitForMap();
  await widget.addPerson('Moster Yrsa');
  const names = ['Alva', 'Elis', 'Birgitta', 'Moster Yrsa'];
  let raw = await rawStorage(page);
  assert.ok(raw.local.some((v) => v.includes('Birgitta')), 'before the lock, the plan is stored readable (the test reads the right place)');

  await widget.button(/^(Meny|Menu)$/).click();
  await widget.host.getByRole('button', { name: 'Planer på den här datorn…' }).click();
  await widget.host.locator('.skn-start-table').waitFor({ timeout: BOOT_TIMEOUT });
  assert.deepEqual(await axeViolations(page), [], 'start screen with the lock section');
  await turnOnLock(widget);
  // Still unlocked: the list is there, and a plan opens and saves (sealed).
  await widget.host.getByRole('button', { name: /^Öppna / }).first().click();
  await widget.waitForMap();
  assert.ok(await widget.button('Lås nu').count(), 'the plan screen has Lock now while the lock is on');
  await widget.addPerson('Grannen Åke');
  names.push('Grannen Åke');

  // Lock now: the screen is cleared at once.
  await widget.button('Lås nu').click();
  await locked(widget).waitFor({ timeout: 5_000 });
  const shown = await widget.host.locator('.skn-start').textContent();
  for (const name of [...names, 'Familjen A', 'exempel']) assert.ok(!shown.includes(name), `the locked screen shows ${name}`);
  assert.equal(await widget.host.locator('svg').count(), 0, 'no map behind the lock');
  assert.deepEqual(await axeViolations(page), [], 'unlock form');

  raw = await rawStorage(page);
  assert.ok(raw.local.length >= 3 && raw.records.length >= 1, `plans are still stored: ${raw.local.length} keys, ${raw.records.length} records`);
  for (const value of [...raw.local, ...raw.records]) {
    for (const name of names) assert.ok(!value.includes(name), `raw storage holds "${name}": ${value.slice(0, 80)}…`);
  }

  // A wrong passphrase opens nothing; the right one opens the plan it was on.
  await unlock(widget, 'fel lösenfras');
  await widget.host.getByText('Fel lösenfras', { exact: false }).waitFor({ timeout: 10_000 });
  assert.equal(await widget.host.locator('svg').count(), 0);
  await unlock(widget);
  await widget.waitForMap('Grannen Åke');

  // A reload is locked again, and opens with the passphrase with everything there.
  await page.reload();
  await locked(widget).waitFor({ timeout: BOOT_TIMEOUT });
  await unlock(widget);
  await widget.host.locator('.skn-start-table').waitFor({ timeout: BOOT_TIMEOUT });
  await widget.host.getByRole('button', { name: /^Öppna / }).first().click();
  await widget.waitForMap('Grannen Åke');
  assert.ok((await widget.mapTexts()).includes('Moster Yrsa'));

  // The lock removed (asking first): stored open again, and a reload opens
  // the list without a passphrase, with every plan as it was.
  await widget.button(/^(Meny|Menu)$/).click();
  await widget.host.getByRole('button', { name: 'Planer på den här datorn…' }).click();
  await widget.button('Ta bort låset…').click();
  await widget.button('Lås med lösenfras…').waitFor({ timeout: 5_000 });
  // The IndexedDB copies are rewritten a moment later.
  for (let i = 0; i < 50; i++) {
    raw = await rawStorage(page);
    if (raw.records.some((v) => v.includes('Grannen Åke'))) break;
    await page.waitForTimeout(100);
  }
  assert.ok(raw.local.some((v) => v.includes('Grannen Åke')) && raw.records.some((v) => v.includes('Grannen Åke')), 'stored open again');
  await page.reload();
  await widget.host.locator('.skn-start-table').waitFor({ timeout: BOOT_TIMEOUT });
  await widget.host.getByRole('button', { name: /^Öppna / }).first().click();
  await widget.waitForMap('Grannen Åke');
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await context.close();
});

check('the screen locks after the idle time, by the shortcut, and in every tab; a forgotten passphrase only deletes', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.clock.install();
  page.on('dialog', (d) => d.accept());
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.host.locator('.skn-start').waitFor({ timeout: BOOT_TIMEOUT });
  await widget.button('Öppna exempelfamiljen (påhittad)').click();
  await widget.waitForMap();
  await widget.button(/^(Meny|Menu)$/).click();
  await widget.host.getByRole('button', { name: 'Planer på den här datorn…' }).click();
  await turnOnLock(widget);
  assert.match(await widget.host.locator('.skn-start-lock').textContent(), /efter 15 minuter/);

  // A second tab of the same file, unlocked with the plan open.
  const other = await context.newPage();
  const asked = [];
  other.on('dialog', (d) => {
    asked.push(d.message());
    d.accept();
  });
  await other.goto(SINGLE_FILE_URL);
  const second = new Widget(other);
  await locked(second).waitFor({ timeout: BOOT_TIMEOUT });
  await unlock(second);
  await second.host.getByRole('button', { name: /^Öppna / }).first().click();
  await second.waitForMap();

  // Fourteen minutes idle: still open. Past fifteen: locked.
  await page.clock.fastForward('14:00');
  assert.equal(await locked(widget).count(), 0, 'not locked before the idle time');
  await page.clock.fastForward('01:10');
  await locked(widget).waitFor({ timeout: 5_000 });
  // Locking one tab locks the other (a plan open there) at once.
  await locked(second).waitFor({ timeout: 5_000 });
  assert.equal(await second.host.locator('svg').count(), 0);

  // The shortcut, from the plan screen.
  await unlock(second);
  await second.waitForMap();
  await other.keyboard.press('Control+Alt+KeyL');
  await locked(second).waitFor({ timeout: 5_000 });

  // Forgot the passphrase: everything is deleted, nothing opened.
  await second.button('Glömt lösenfrasen? Radera alla planer på den här datorn…').click();
  assert.match(asked.at(-1), /Det går inte att ångra/);
  await second.host.getByText('Inga planer är sparade på den här datorn.').waitFor({ timeout: BOOT_TIMEOUT });
  assert.match(await second.host.locator('.skn-start-lock').textContent(), /utan lösenfras/, 'the lock went with the plans');
  const keys = await other.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skyddsnat:v1:') && !k.endsWith('locked-at')));
  assert.deepEqual(keys, []);
  await context.close();
});
