// The room view (issue #15): "Rumsvy" opens a second window that shows the
// map in presentation form and follows the main window at once — edits,
// selection, "Dölj namn" — from the offline file (file://) and from the
// embed build under the strict CSP; locking, closing the main window and
// the room window itself all behave.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer, Widget, SINGLE_FILE_URL, BOOT_TIMEOUT, REPO, SAMPLE_CHILDREN } from './widget.mjs';

const PASSPHRASE = 'rummets skärm är delad';
const AXE = fs.readFileSync(path.join(REPO, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8');

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

/** The offline file with the sample family on the map. */
async function openSample(viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  return { context, page, widget };
}

/** Clicks "Rumsvy" and returns the room window's page, its map drawn. */
async function openRoom(context, widget, name = SAMPLE_CHILDREN[0]) {
  const [room] = await Promise.all([context.waitForEvent('page'), widget.button(/^(Rumsvy|Room view)$/).click()]);
  await room.locator('main svg text', { hasText: name }).first().waitFor({ timeout: 5_000 });
  return room;
}

/** Every name of the plan that must not show while names are hidden. */
function names(plan) {
  const people = plan.people.map((p) => [p.name, p.role || '']);
  const children = plan.children.map((c) => [c.name, '']);
  return [...people, ...children]
    .flatMap(([name, role]) => [name, ...name.split(/\s+/)].filter((n) => n.length > 2 && !role.includes(n)))
    .filter((n, i, all) => all.indexOf(n) === i);
}

/**
 * Milliseconds from a click in the main window to the room window's text
 * satisfying `until` (a function source run on the room's body text),
 * measured in the browser: a capturing click listener in the main window,
 * a MutationObserver in the room (Date.now is one clock for both).
 */
async function latency(page, room, click, until) {
  await page.evaluate(() => {
    window.__clickAt = 0;
    document.addEventListener('click', () => (window.__clickAt ||= Date.now()), { capture: true, once: true });
  });
  await room.evaluate((test) => {
    window.__seenAt = 0;
    const seen = new Function('text', `return (${test})(text)`);
    const observer = new MutationObserver(() => {
      if (!window.__seenAt && seen(document.body.textContent)) {
        window.__seenAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, until.toString());
  await click();
  await room.waitForFunction(() => window.__seenAt > 0, null, { timeout: 5_000 });
  const clickAt = await page.evaluate(() => window.__clickAt);
  const seenAt = await room.evaluate(() => window.__seenAt);
  return seenAt - clickAt;
}

async function axe(room) {
  await room.evaluate(AXE);
  const results = await room.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

check('the room view follows an edit and "Dölj namn" within 200 ms, hides every name, and passes axe', async () => {
  const { context, page, widget } = await openSample();
  try {
    const room = await openRoom(context, widget);
    assert.equal(await room.title(), 'Skyddsnät – rumsvy', 'no name in the window title');
    assert.equal(await room.locator('html').getAttribute('lang'), 'sv');
    const style = await room.evaluate(() => ({ display: getComputedStyle(document.body).display, sheets: document.adoptedStyleSheets.length }));
    assert.deepEqual(style, { display: 'grid', sheets: 1 }, 'the room stylesheet is adopted');
    assert.equal(await room.locator('script').count(), 0, 'nothing runs in the room window');
    assert.deepEqual(await axe(room), [], 'axe in the room view');

    // An edit, as the consultant types it in the main window.
    await widget.button(/^\+ Lägg till person$/).click();
    const dialog = widget.host.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Namn' }).fill('Moster Yrsa');
    const added = await latency(page, room, () => dialog.getByRole('button', { name: 'Lägg till' }).click(), (t) => t.includes('Moster Yrsa'));
    console.log(`room view: an added person shows after ${added} ms`);
    assert.ok(added < 200, `the edit reached the room view after ${added} ms`);

    // Hide names: none left in the room's text, at once.
    const plan = await widget.plan();
    const all = names(plan);
    assert.ok(all.includes('Birgitta') && all.includes('Alva'), all.join(', '));
    const hidden = await latency(page, room, () => widget.button('Dölj namn').click(), (t) => !t.includes('Alva'));
    console.log(`room view: names hidden after ${hidden} ms`);
    assert.ok(hidden < 200, `names were hidden in the room view after ${hidden} ms`);
    const text = await room.locator('body').textContent();
    for (const name of all) assert.ok(!text.includes(name), `the room view shows ${name} with names hidden`);

    // Select an agreement: its chain beside the map, letters on its people, names still hidden.
    await widget.host.getByRole('tab', { name: 'Plan' }).click();
    await widget.host.locator('.skn-agreement-head').first().click();
    await room.locator('aside h2').waitFor({ timeout: 2_000 });
    const side = await room.locator('aside').textContent();
    assert.match(side, /Plan A/);
    assert.ok((await room.locator('main svg text.chain').count()) > 0, 'chain letters on the map');
    const withAgreement = await room.locator('body').textContent();
    for (const name of all) assert.ok(!withAgreement.includes(name), `the agreement in the room view shows ${name} with names hidden`);
    assert.deepEqual(await axe(room), [], 'axe in the room view with an agreement');

    // The scaling answers, while their tab is open.
    await widget.host.locator('.skn-agreement-head').first().click();
    await widget.host.getByRole('tab', { name: 'Skala' }).click();
    await room.locator('aside .score').first().waitFor({ timeout: 2_000 });

    // Closing the room window leaves the main window working.
    // (As a user closes it: its unload handlers run.)
    await room.close({ runBeforeUnload: true });
    await widget.host.locator('button[aria-pressed="false"]', { hasText: 'Rumsvy' }).waitFor({ timeout: 2_000 });
    await widget.button('Dölj namn').click();
    await widget.addPerson('Grannen Åke');
    // And it opens again.
    const again = await openRoom(context, widget);
    // Closing the main window closes the room view.
    const closed = again.waitForEvent('close', { timeout: 5_000 });
    await page.close({ runBeforeUnload: true });
    await closed;
  } finally {
    await context.close();
  }
});

check('locking closes the room view: no family map stays on the shared screen', async () => {
  const { context, widget } = await openSample();
  try {
    await widget.button(/^(Meny|Menu)$/).click();
    await widget.host.getByRole('button', { name: 'Planer på den här datorn…' }).click();
    await widget.host.locator('.skn-start-table').waitFor({ timeout: BOOT_TIMEOUT });
    await widget.turnOnLock(PASSPHRASE);
    await widget.host.getByRole('button', { name: /^Öppna / }).first().click();
    await widget.waitForMap();
    const room = await openRoom(context, widget);
    const closed = room.waitForEvent('close', { timeout: 5_000 });
    await widget.button('Lås nu').click();
    await closed;
    assert.ok(room.isClosed(), 'the room view is closed');
    assert.equal(context.pages().length, 1, 'only the locked main window is left');
  } finally {
    await context.close();
  }
});

check('the room view works in the embed build under the strict CSP, in English', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/embed-examples/intranet.html`);
    const widget = new Widget(page, '#plan');
    await widget.waitForMap();
    await widget.host.evaluate((el) => el.setAttribute('lang', 'en'));
    await widget.button(/^\+ Add person$/).waitFor();
    const problems = [];
    context.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const room = await openRoom(context, widget);
    assert.equal(await room.title(), 'Skyddsnät – room view');
    const display = await room.evaluate(() => getComputedStyle(document.body).display);
    assert.equal(display, 'grid', 'the room stylesheet applies under the CSP');
    await widget.addPerson('Neighbour Lisa');
    await room.locator('main svg text', { hasText: 'Neighbour Lisa' }).waitFor({ timeout: 2_000 });
    assert.deepEqual(await axe(room), [], 'axe in the room view (en)');
    assert.deepEqual(problems, [], 'console errors (CSP violations are reported there)');
  } finally {
    await context.close();
  }
});
