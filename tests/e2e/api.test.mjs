// The JS contract: Skyddsnat.mount() and its handle, the <skyddsnat-plan>
// element's property, methods and events, and destroy() leaving nothing
// behind. Served with the strict CSP, like a host page.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer, watchProblems, Widget, samplePlan, retitled, REPO, BOOT_TIMEOUT } from './widget.mjs';

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

async function apiPage({ instrument = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  const page = await context.newPage();
  if (instrument) await page.addInitScript({ path: path.join(REPO, 'tests/e2e/fixtures/instrument.js') });
  const problems = await watchProblems(page);
  await page.goto(`${server.origin}/tests/e2e/fixtures/api.html`);
  await page.waitForFunction(() => window.Skyddsnat, null, { timeout: BOOT_TIMEOUT });
  await page.evaluate(() => window.Skyddsnat.ready);
  return { context, page, problems };
}

check('Skyddsnat.mount gives a handle: getPlan, setPlan, exportJson, and invalid input throws a clear Error', async () => {
  const { context, page, problems } = await apiPage();
  const sample = samplePlan();
  const result = await page.evaluate((sample) => {
    window.__changes = [];
    const handle = Skyddsnat.mount(document.getElementById('a'), {
      plan: sample,
      onChange: (plan) => window.__changes.push(plan),
    });
    window.__handle = handle;
    const first = handle.getPlan();
    const exported = JSON.parse(handle.exportJson());
    let error = null;
    try {
      handle.setPlan({ format: 'skyddsnat', schema_version: 1, people: 'not a list' });
    } catch (e) {
      error = { isError: e instanceof Error, message: e.message };
    }
    const afterError = handle.getPlan();
    handle.setPlan({ ...first, title: 'Ny titel' });
    // print(lang) reaches the widget: a language it does not have is refused
    // by name (a dropped argument would print in the screen's language).
    let printError = null;
    try {
      handle.print('fi');
    } catch (e) {
      printError = e.message;
    }
    return { first, exported, error, afterError, retitled: handle.getPlan().title, printError };
  }, sample);
  assert.match(result.printError ?? '', /fi/, 'print("fi") names the language it cannot print in');
  assert.deepEqual(result.first, sample, 'getPlan returns the plan that was given, unchanged');
  assert.deepEqual(result.exported, result.first, 'exportJson is the same plan as text');
  assert.ok(result.error, 'setPlan with an invalid plan throws');
  assert.ok(result.error.isError, 'what it throws is an Error');
  assert.ok(result.error.message.length > 10, `the message says what is wrong: ${result.error.message}`);
  assert.deepEqual(result.afterError, result.first, 'a refused plan leaves the open plan untouched');
  assert.equal(result.retitled, 'Ny titel');

  // An edit by hand reaches onChange with the whole plan.
  const widget = new Widget(page, '#a');
  await widget.waitForMap();
  await widget.addPerson('Kusin Maja');
  const changes = await page.evaluate(() => window.__changes);
  assert.ok(changes.length >= 1, 'onChange was called');
  assert.ok(changes.at(-1).people.some((p) => p.name === 'Kusin Maja'), 'onChange got the plan with the edit');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

check('<skyddsnat-plan>: plan property, exportJson, skyddsnat-change on an edit, skyddsnat-error on a bad plan', async () => {
  const { context, page, problems } = await apiPage();
  await page.evaluate(() => {
    const el = document.createElement('skyddsnat-plan');
    el.id = 'element';
    el.setAttribute('sample', '');
    el.setAttribute('storage-key', 'api-test');
    el.className = 'slot';
    document.body.append(el);
  });
  const widget = new Widget(page, '#element');
  await widget.waitForMap();
  await widget.countChanges();
  await widget.addPerson('Gudmor Eva');
  const changes = await widget.changes();
  assert.ok(changes.length >= 1, 'skyddsnat-change fired');
  assert.ok(changes.at(-1).people.some((p) => p.name === 'Gudmor Eva'), 'its detail is the plan with the edit');
  assert.deepEqual(JSON.parse(await widget.exportJson()), await widget.plan());

  const message = await widget.setPlanError({ format: 'not-skyddsnat' });
  assert.ok(message && message.length > 10, `setting an invalid plan throws with a message: ${message}`);
  assert.ok((await widget.plan()).people.some((p) => p.name === 'Gudmor Eva'), 'and keeps the open plan');

  // A bad plan handed over before the widget starts is reported by event.
  const reported = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.createElement('skyddsnat-plan');
        el.addEventListener('skyddsnat-error', (e) => resolve(e.detail));
        el.plan = { format: 'skyddsnat', schema_version: 1, children: 42 };
        document.body.append(el);
        setTimeout(() => resolve(null), 10_000);
      }),
  );
  assert.ok(typeof reported === 'string' && reported.length > 10, `skyddsnat-error carries a message: ${reported}`);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

/** A message of a catalog (`core/i18n/<lang>/<area>.txt`), as the user reads it. */
function catalog(lang, area, key) {
  const text = fs.readFileSync(path.join(REPO, `core/i18n/${lang}/${area}.txt`), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${key} = `));
  assert.ok(line, `${key} is in the ${lang} catalog`);
  return line.slice(key.length + 3).trim();
}

check('a number JSON cannot hold (1e400 is Infinity in JS), set through element.plan and handle.setPlan: the Error says "too large" and where, never "null"', async () => {
  const { context, page, problems } = await apiPage();
  const sample = samplePlan();
  const messages = await page.evaluate((sample) => {
    const tooBig = structuredClone(sample);
    tooBig.children[0].age = 1e400; // the browser parses this to Infinity
    const minus = structuredClone(sample);
    minus.people[2].place.depth = -1e400;
    const attempt = (f) => {
      try {
        f();
        return null;
      } catch (e) {
        return e.message;
      }
    };
    const el = document.createElement('skyddsnat-plan');
    el.id = 'element';
    el.setAttribute('lang', 'sv');
    el.plan = sample;
    document.body.append(el);
    return el.ready.then(() => {
      const handle = Skyddsnat.mount(document.getElementById('a'), { lang: 'en', plan: sample });
      return {
        element: attempt(() => (el.plan = tooBig)),
        handle: attempt(() => handle.setPlan(tooBig)),
        minus: attempt(() => handle.setPlan(minus)),
        kept: el.plan.children[0].age,
      };
    });
  }, sample);
  const sv = catalog('sv', 'format', 'format.number_too_large');
  const en = catalog('en', 'format', 'format.number_too_large');
  assert.equal(messages.element, `Vid children[0].age: ${sv}`);
  assert.equal(messages.handle, `At children[0].age: ${en}`);
  assert.match(messages.minus ?? '', /^At people\[2\]\.place\.depth/, messages.minus);
  assert.ok(messages.minus.includes(en), messages.minus);
  assert.equal(messages.kept, sample.children[0].age, 'the open plan is untouched');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

check('print(): the printed plan is in a script-less frame while the print dialog is open, and gone from the page once it closes', async () => {
  const { context, page, problems } = await apiPage();
  const result = await page.evaluate(async () => {
    const el = document.createElement('skyddsnat-plan');
    el.setAttribute('sample', '');
    el.setAttribute('storage-key', 'api-print');
    document.body.append(el);
    await el.ready;
    el.print();
    const frame = () => el.shadowRoot.querySelector('iframe.skn-print-frame');
    const printed = frame()?.contentDocument?.body?.textContent ?? '';
    // What the browser says when its print dialog closes (headless never does).
    frame().contentWindow.dispatchEvent(new Event('afterprint'));
    return { printed: printed.includes('Alva'), left: frame() !== null };
  });
  assert.ok(result.printed, 'the print frame held the plan while printing');
  assert.equal(result.left, false, 'the printed plan stayed in the page after the dialog closed');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

check('destroy() leaves no listeners, intervals, timeouts or animation frames behind', async () => {
  const { context, page } = await apiPage({ instrument: true });
  const baseline = await page.evaluate(() => window.__ledger());
  await page.evaluate(() => {
    window.__handle = Skyddsnat.mount(document.getElementById('a'), { sample: true, storageKey: 'destroy-test' });
  });
  const widget = new Widget(page, '#a');
  await widget.waitForMap();
  await widget.addPerson('Tillfällig');
  const during = await page.evaluate(() => window.__ledger());
  await page.evaluate(() => window.__handle.destroy());
  // Let anything already scheduled run out (debounced saves and the like).
  await page.waitForTimeout(1_500);
  const left = await page.evaluate(() => window.__ledger());
  // The ledger must see the widget's own listeners, or its verdict below means nothing.
  assert.ok(during.listeners.length > baseline.listeners.length, 'the ledger saw the mounted widget listen');
  assert.deepEqual(left.listeners, baseline.listeners, 'listeners still attached after destroy');
  assert.equal(left.intervals, baseline.intervals, 'intervals still running after destroy');
  assert.equal(left.timeouts, 0, 'timeouts still pending after destroy');
  assert.equal(left.frames, 0, 'animation frames still requested after destroy');
  assert.equal(await page.locator('#a').evaluate((el) => el.shadowRoot.childElementCount), 0, 'the widget removed its DOM');
  const calls = await page.evaluate(() => {
    try {
      window.__handle.getPlan();
      return 'no error';
    } catch (e) {
      return e.message;
    }
  });
  assert.match(calls, /destroyed/, 'a destroyed handle says so');
  await context.close();
});

check('two widgets on one page are independent', async () => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(`${server.origin}/embed-examples/two-children.html`);
  const first = new Widget(page, '#first');
  const second = new Widget(page, '#second');
  await first.waitForMap();
  await second.waitForMap();
  // Different languages side by side.
  await first.button(/^\+ Lägg till person$/).waitFor();
  await second.button(/^\+ Add person$/).waitFor();

  await first.addPerson('Bara första');
  await first.setPlan(retitled(await first.plan(), 'Första barnets plan'));
  const a = await first.plan();
  const b = await second.plan();
  assert.equal(a.title, 'Första barnets plan');
  assert.notEqual(b.title, 'Första barnets plan', 'setting one plan changed the other');
  assert.ok(!b.people.some((p) => p.name === 'Bara första'), 'an edit in one widget appeared in the other');

  await page.reload();
  const firstAgain = new Widget(page, '#first');
  const secondAgain = new Widget(page, '#second');
  await firstAgain.waitForMap('Bara första');
  await secondAgain.waitForMap();
  assert.ok(!(await secondAgain.plan()).people.some((p) => p.name === 'Bara första'), 'their storage keys are separate');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await context.close();
});

check('the read-only viewer shows a saved plan with no editing controls and never writes storage', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(`${server.origin}/embed-examples/readonly.html`);
  const viewer = new Widget(page, '#viewer');
  await viewer.waitForMap('Alva');
  assert.equal(await viewer.button(/Lägg till person|Add person/).count(), 0, 'an add-person button in read-only mode');
  const editable = await viewer.host.evaluate((el) =>
    [...el.shadowRoot.querySelectorAll('input, textarea, select, [contenteditable="true"]')]
      .filter((f) => !f.disabled && !f.readOnly && f.type !== 'file' && f.type !== 'search')
      .map((f) => f.outerHTML.slice(0, 120)),
  );
  assert.deepEqual(editable, [], 'editable fields in read-only mode');
  const written = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('skyddsnat:')));
  assert.deepEqual(written, [], 'the viewer wrote to localStorage');
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
