// Every user-typed text is inert everywhere it appears. A script/markup
// payload goes into every free-text field of a plan — handed over by the JS
// API and typed by hand — and then every place that shows text is visited:
// the map, the list view, every panel tab, key figures, the remove dialog,
// the print page, the SVG export, the saved HTML copy opened from disk, error
// messages and the window title. The test fails if a payload ever runs
// (`window.__xss`, a dialog) or turns into markup (an element or event
// attribute it made), and it checks the payload is shown as text, so it
// cannot pass by showing nothing.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, watchProblems, Widget, SINGLE_FILE_URL } from './widget.mjs';

/** Each sets window.__xss if it ever runs, whichever way it is interpreted. */
const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
  '</script><script>window.__xss=1</script>',
  "{{constructor.constructor('window.__xss=1')()}} ${window.__xss=1}",
  "'><iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
  '</title></textarea></style><img src=x onerror=window.__xss=1>',
  ']]><a href="javascript:window.__xss=1">x</a><!--',
];
/** The free-text fields of the file format (schema $defs line and text). */
const TEXT_FIELDS = new Set([
  'title', 'name', 'role', 'phone', 'note', 'text', 'comment', 'statement', 'goal',
  'question', 'low', 'high', 'action', 'condition', 'words_and_pictures',
]);

/**
 * The sample plan with a payload in every free-text field (and a follow-up
 * questionnaire added, which the sample lacks). Each field gets a different
 * payload and a number, so a place that shows text can be traced.
 */
function craftedPlan(base) {
  const plan = structuredClone(base);
  plan.follow_ups = [
    {
      id: 1,
      date: '2026-11-20',
      questionnaire: 'follow_up',
      respondent: 'parent',
      person: 3,
      answers: [{ question: 'q', value: 4, text: 't' }],
      comment: 'c',
    },
  ];
  let n = 0;
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && TEXT_FIELDS.has(key)) {
        node[key] = `${PAYLOADS[n % PAYLOADS.length]} #${n}`;
        n += 1;
      } else {
        walk(value);
      }
    }
  };
  walk(plan);
  return { plan, fields: n };
}

/**
 * Installed in every page and frame before anything runs: the flag a payload
 * would set must start out missing.
 */
function armDetector() {
  try {
    delete window.__xss;
  } catch (_) {
    /* a sandboxed frame */
  }
}

/**
 * Everything in `root` (a document or element, through open shadow roots and
 * same-origin frames) that a payload could have made: event-handler
 * attributes, javascript: URLs, srcdoc, the payloads' <img src=x>, and any
 * script mentioning __xss.
 */
function injectedMarkup(root) {
  const found = [];
  const visit = (node, where) => {
    for (const el of node.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) found.push(`${where} <${tag} ${name}>`);
        if (name === 'srcdoc') found.push(`${where} <${tag} srcdoc>`);
        if (/^(href|src|xlink:href|action|formaction|data)$/.test(name) && /^\s*javascript:/i.test(a.value)) {
          found.push(`${where} <${tag} ${name}=javascript:>`);
        }
      }
      if (tag === 'img' && el.getAttribute('src') === 'x') found.push(`${where} <img src=x>`);
      // A JSON data block (the saved copy's plan) is never run; any other script naming __xss came from a payload.
      const data = (el.getAttribute('type') || '').toLowerCase() === 'application/json';
      if (tag === 'script' && !data && /__xss/.test(el.textContent)) found.push(`${where} <script>__xss`);
      if (el.shadowRoot) visit(el.shadowRoot, `${where}>shadow`);
      if (tag === 'iframe') {
        let doc = null;
        try {
          doc = el.contentDocument;
        } catch (_) {
          doc = null;
        }
        if (doc) visit(doc, `${where}>iframe`);
      }
    }
  };
  visit(root.documentElement ? root : root, 'page');
  return found;
}

/** All text a user can read in the page, through shadow roots and frames, with form fields' values. */
function visibleText(root) {
  const parts = [];
  const visit = (node) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.value) parts.push(el.value);
      if (el.tagName === 'IFRAME' && el.contentDocument) visit(el.contentDocument);
      if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
      for (const child of el.childNodes) if (child.nodeType === 3) parts.push(child.textContent);
    }
  };
  visit(root);
  return parts.join('\n');
}

let browser;
let temp;
before(async () => {
  browser = await launch();
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'skyddsnat-xss-'));
});
after(async () => {
  await browser?.close();
  fs.rmSync(temp, { recursive: true, force: true });
});

/** A context whose every page and frame is armed, and which records dialogs. */
async function armedContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.addInitScript(armDetector);
  const dialogs = [];
  context.on('page', (p) =>
    p.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      d.dismiss();
    }),
  );
  return { context, dialogs };
}

/** Runs the detectors on `page` now: nothing ran, nothing became markup. */
async function assertInert(page, where) {
  // Passed as source text: the page's CSP forbids eval, which CDP's evaluate is not subject to.
  const { flag, injected } = await page.evaluate(`({ flag: window.__xss, injected: (${injectedMarkup})(document) })`);
  assert.equal(flag, undefined, `${where}: a payload ran (window.__xss = ${flag})`);
  assert.deepEqual(injected, [], `${where}: a payload became markup`);
}

async function textOf(page) {
  return page.evaluate(`(${visibleText})(document)`);
}

/** How many different payloads `text` shows, verbatim. */
const payloadsIn = (text) => PAYLOADS.filter((p) => text.includes(p));

/** A person's node on the map, by the start of their name (its accessible name). */
function node(widget, namePrefix) {
  const escaped = namePrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return widget.host.locator('svg').getByRole('button', { name: new RegExp(`^${escaped}`) }).first();
}

async function menuItem(widget, name) {
  await widget.button(/^(Meny|Menu)$/).click();
  return widget.host.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name });
}

check('the detector is not blind: an unsafe innerHTML on a scratch page is caught by it', async () => {
  const { context, dialogs } = await armedContext();
  const page = await context.newPage();
  await page.goto('about:blank');
  await assertInert(page, 'an empty page');
  // The very mistake the widget must never make: user text as HTML, inside a shadow root.
  await page.evaluate((payload) => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = `<p>${payload}</p>`;
  }, PAYLOADS[0]);
  await page.waitForFunction(() => window.__xss === 1, null, { timeout: 2_000 });
  await assert.rejects(assertInert(page, 'unsafe page'), /a payload ran/);
  // Markup that did not (yet) run is caught too.
  await page.evaluate(() => {
    delete window.__xss;
    document.body.innerHTML = '<a href="javascript:void 0">x</a><svg><text onclick="1">y</text></svg>';
  });
  await assert.rejects(assertInert(page, 'unsafe page'), /became markup/);
  assert.deepEqual(dialogs, []);
  await context.close();
});

check('a plan with a payload in every free text, set by the JS API, is inert on the map, list, panels, print, SVG export, saved copy, errors and title', async () => {
  const { context, dialogs } = await armedContext();
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await assertInert(page, 'the sample (the detector sees nothing in a clean widget)');
  const title = await page.title();

  // The widget's own sample as the base, so the plan fits the build's file format version.
  const { plan, fields } = craftedPlan(await widget.plan());
  assert.ok(fields >= 60, `only ${fields} text fields got a payload`);
  await widget.setPlan(plan);
  assert.deepEqual(await widget.plan(), plan, 'the plan keeps every payload as its text');

  // The map: labels are cut with "…", so look for the start of the names.
  const child = plan.children[0].name;
  await widget.map(child.slice(0, 10)).waitFor({ state: 'visible', timeout: 5_000 });
  // A crowded screen map cuts labels shorter still (map::fit): then the
  // label is the name's beginning and the node's tooltip the whole name.
  const map = widget.map(child.slice(0, 10));
  const texts = await map.locator('text').allTextContents();
  const mapText = texts.join('\n');
  const tips = (await map.locator('[data-person] > title').allTextContents()).join('\n');
  for (const who of [...plan.children, ...plan.people.slice(0, 4)]) {
    const start = who.name.slice(0, 15);
    const cut = texts.some((t) => t.endsWith('…') && t.length > 3 && start.startsWith(t.slice(0, -1)));
    assert.ok(mapText.includes(start) || (cut && tips.includes(who.name)), `the map shows ${who.name} as text: ${mapText.slice(0, 300)}`);
  }
  await assertInert(page, 'map');
  const seen = new Set();
  /** Checks the page is inert and that `scope` (a part of it) shows payloads as text. */
  const visit = async (where, scope, atLeast = 1) => {
    await page.waitForTimeout(50);
    await assertInert(page, where);
    const text = await scope.evaluate((el) =>
      [el.textContent, ...[...el.querySelectorAll('input, textarea')].map((f) => f.value)].join('\n'),
    );
    const shown = payloadsIn(text);
    assert.ok(shown.length >= atLeast, `${where}: only ${shown.length} payloads shown as text`);
    shown.forEach((p) => seen.add(p));
  };
  const tabpanel = widget.host.getByRole('tabpanel');

  // Every panel tab, with a person and then a child selected.
  await node(widget, plan.people[0].name.slice(0, 8)).click();
  for (const tab of ['Person', 'Plan', 'Skala', 'Barnets röst', 'Uppföljning']) {
    await widget.host.getByRole('tab', { name: tab }).click();
    await visit(`tab ${tab} (person selected)`, tabpanel);
  }
  await node(widget, child.slice(0, 8)).click();
  await widget.host.getByRole('tab', { name: 'Barnets röst' }).click();
  await visit('tab Barnets röst (child selected)', tabpanel);
  // The child's pictures: SVG from the core put in as markup, so the riskiest place of all.
  // One set of pictures for each child with a voice in the plan (Alva and Elis).
  const sections = widget.host.getByText('Bilderna: tre hus och det trygga huset');
  assert.equal(await sections.count(), plan.child_views.length);
  for (let i = 0; i < plan.child_views.length; i += 1) await sections.nth(i).click();
  const pictures = widget.host.locator('.skn-pictures svg');
  assert.equal(await pictures.count(), 2 * plan.child_views.length, 'the three houses and the safety house are drawn for each child');
  const pictureText = (await pictures.allTextContents()).join('\n');
  const words = plan.child_views[0].worries[0].text;
  // A long quote is wrapped into lines (one <tspan> each), so compare without the spaces where it breaks.
  const bare = (s) => s.replace(/\s+/g, '');
  assert.ok(bare(pictureText).includes(bare(words).slice(0, 20)), `the pictures show the child's words as text: ${pictureText.slice(0, 200)}`);
  for (let i = 0; i < plan.child_views.length; i += 1) {
    await visit(`the child's pictures ${i + 1}`, widget.host.locator('.skn-pictures').nth(i));
  }
  // The remove question names the person.
  await widget.host.getByRole('tab', { name: 'Person' }).click();
  const remove = widget.host.getByRole('button', { name: /^Ta bort .*…$/ }).first();
  await remove.click();
  await visit('remove question', tabpanel);
  await widget.host.getByRole('button', { name: 'Avbryt' }).first().click();
  await widget.button('Visa som lista').click();
  await visit('list view', widget.host.getByRole('region', { name: 'Nätverket som lista' }), 3);
  await widget.button(/^Visa som karta|Visa kartan|Karta/).first().click().catch(() => {});
  await widget.button('Nyckeltal').click();
  await visit('key figures', widget.host.getByRole('dialog', { name: 'Nyckeltal' }));
  await page.keyboard.press('Escape');
  assert.ok(seen.size >= PAYLOADS.length - 1, `the widget showed ${seen.size} of ${PAYLOADS.length} payloads as text`);

  // Unit statistics: files whose names and contents are payloads. Inert, and
  // by design nothing of a file's name or text reaches this screen.
  const statsFiles = [
    [path.join(temp, `${PAYLOADS[0]}.json`), JSON.stringify(plan)],
    [path.join(temp, `${PAYLOADS[1].replace(/[/"]/g, '')}.json`), JSON.stringify({ ...plan, [PAYLOADS[2]]: PAYLOADS[3] })],
  ];
  for (const [file, text] of statsFiles) fs.writeFileSync(file, text);
  await (await menuItem(widget, 'Statistik för enheten…')).click();
  const stats = widget.host.locator('.skn-stats-host');
  const [statsChooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 5_000 }),
    stats.getByRole('button', { name: 'Välj filer…' }).click(),
  ]);
  await statsChooser.setFiles(statsFiles.map(([file]) => file));
  // One plan counted, the other refused for its unknown field (named by position, the field hidden).
  await stats.getByText('Antal planer: 1.', { exact: false }).waitFor({ timeout: 5_000 });
  await stats.getByText(/^Fil 2 kunde inte läsas/).waitFor({ timeout: 5_000 });
  await assertInert(page, 'unit statistics');
  const statsText = await stats.evaluate((el) => el.textContent);
  for (const fragment of ['onerror', 'onload', '__xss', 'javascript:', '<img', '<script']) {
    assert.ok(!statsText.includes(fragment), `the statistics show a file's name or text: ${fragment}`);
  }
  await stats.getByRole('button', { name: 'Stäng' }).first().click();

  // The print page: the core's HTML in the print frame.
  await widget.print();
  const frame = widget.host.locator('iframe.skn-print-frame');
  await frame.waitFor({ state: 'attached', timeout: 5_000 });
  await assertInert(page, 'print page');
  const printed = await frame.evaluate((f) => ({ text: f.contentDocument.body.textContent, title: f.contentDocument.title }));
  assert.ok(payloadsIn(printed.text).length >= PAYLOADS.length - 1, `the print shows ${payloadsIn(printed.text).length} payloads as text`);
  // The print's own window title names the children: as text, whole.
  assert.ok(printed.title.includes(child), `the print's title shows the child's name as text: ${printed.title}`);
  // The print in the other language, and the other papers.
  for (const [what, options] of [
    ['print page in English', { lang: 'engelska' }],
    ['out-of-hours sheet', { paper: 'Jourblad för socialjouren och polisen (en sida)' }],
    ['task cards', { paper: 'Uppdragskort: en sida per person med sin del av planen' }],
    ["the family's copy", { paper: 'Familjens exemplar: planen i vanliga ord, utan anteckningar' }],
    ['the minutes', { paper: 'Minnesanteckningar från senaste mötet, till akten' }],
  ]) {
    await frame.evaluate((f) => (f.__old = true));
    await widget.print(options);
    await page.waitForFunction(() => {
      const f = document.querySelector('skyddsnat-plan').shadowRoot.querySelector('iframe.skn-print-frame');
      return f && !f.__old;
    });
    await assertInert(page, what);
    const text = await frame.evaluate((f) => f.contentDocument.body.textContent);
    assert.ok(payloadsIn(text).length >= 2, `the ${what} shows ${payloadsIn(text).length} payloads as text`);
  }

  // Names hidden (initials on the map, names inside free texts replaced): still inert, and printed so too.
  await widget.host.getByRole('button', { name: 'Dölj namn' }).click();
  await widget.host.getByRole('tab', { name: 'Plan' }).click();
  await assertInert(page, 'names hidden');
  await frame.evaluate((f) => (f.__old = true));
  await widget.print({ hideNames: true });
  await page.waitForFunction(() => {
    const f = document.querySelector('skyddsnat-plan').shadowRoot.querySelector('iframe.skn-print-frame');
    return f && !f.__old;
  });
  await assertInert(page, 'print page with names hidden');
  const hiddenPrint = await frame.evaluate((f) => f.contentDocument.body.textContent);
  assert.ok(payloadsIn(hiddenPrint).length >= 3, `the print with names hidden shows ${payloadsIn(hiddenPrint).length} payloads as text`);
  assert.ok(!hiddenPrint.includes(plan.people[0].name), 'a name was printed while names are hidden');
  await widget.host.getByRole('button', { name: 'Dölj namn' }).click();

  // The window title is the page's own, whatever the plan says.
  assert.equal(await page.title(), title, 'the window title changed with the plan');

  // The SVG export, opened on its own as a browser would open the file.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    (await menuItem(widget, 'Exportera kartan (SVG)')).click(),
  ]);
  const svgFile = path.join(temp, 'karta.svg');
  await svgDownload.saveAs(svgFile);
  const svgPage = await context.newPage();
  await svgPage.goto(pathToFileURL(svgFile).href);
  await svgPage.waitForTimeout(300);
  await assertInert(svgPage, 'SVG export');
  const svgText = await textOf(svgPage);
  for (const who of [plan.children[0], plan.people[0]]) {
    assert.ok(svgText.includes(who.name.slice(0, 15)), `the SVG export shows ${who.name} as text`);
  }

  // The saved HTML copy, opened from disk: it boots the widget with the plan.
  const [copyDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    (await menuItem(widget, /^Spara en kopia med planen i/)).click(),
  ]);
  const copyFile = path.join(temp, 'kopia.html');
  await copyDownload.saveAs(copyFile);
  const copyPage = await context.newPage();
  const copyProblems = await watchProblems(copyPage);
  await copyPage.goto(pathToFileURL(copyFile).href);
  const copy = new Widget(copyPage);
  await copy.waitForMap(child.slice(0, 10));
  await assertInert(copyPage, 'saved copy');
  assert.deepEqual(await copy.plan(), plan, 'the copy opens with every payload as text');
  assert.equal(await copyPage.title(), title, 'the copy has the page title, not plan text');
  const raw = fs.readFileSync(copyFile, 'latin1');
  // Its markup cannot end the data block: no "<" of a payload is written as it is.
  for (const p of PAYLOADS.filter((p) => p.includes('<'))) assert.ok(!raw.includes(p), `the copy's HTML holds ${p} unescaped`);

  // Error messages that quote the file: an unknown field and an unknown value named by markup.
  const bad = JSON.parse(JSON.stringify(plan));
  bad.people[0].place.sector = PAYLOADS[0];
  const badFile = path.join(temp, 'fel.json');
  fs.writeFileSync(badFile, JSON.stringify(bad));
  const badField = path.join(temp, 'fel2.json');
  fs.writeFileSync(badField, JSON.stringify({ ...plan, [PAYLOADS[1]]: 1 }));
  for (const file of [badFile, badField]) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 5_000 }),
      (await menuItem(widget, 'Öppna fil…')).click(),
    ]);
    await chooser.setFiles(file);
    const banner = widget.host.locator('.skn-banner--error[role=alert]');
    await banner.waitFor({ timeout: 5_000 });
    await assertInert(page, `error message for ${path.basename(file)}`);
    const message = await banner.textContent();
    assert.match(message, /Filen kunde inte öppnas/);
    // The unknown field is named in the message: the markup shows as text.
    if (file === badField) assert.ok(message.includes(PAYLOADS[1]), `the error names the field as text: ${message}`);
    await banner.getByRole('button').click();
  }
  // The JS API's error for the same: a plain string, never markup.
  const apiError = await widget.setPlanError(bad);
  assert.ok(apiError && apiError.length > 10, `setPlan with a bad plan: ${apiError}`);

  for (const p of [page, svgPage, copyPage]) await assertInert(p, `at the end (${p.url().slice(0, 40)})`);
  assert.deepEqual(dialogs, [], 'a dialog opened');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(copyProblems.pageErrors, []);
  await context.close();
});

check('payloads typed by hand into the main fields are inert on the map, in the list, the panels, the print and after a reload', async () => {
  const { context, dialogs } = await armedContext();
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();

  // A new person, named by a payload.
  const name = PAYLOADS[0];
  await widget.button(/^\+ Lägg till person$/).click();
  const dialog = widget.host.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /^Namn/ }).fill(name);
  await dialog.getByRole('button', { name: /^Lägg till$/ }).click();
  await widget.map(name.slice(0, 10)).waitFor({ state: 'visible', timeout: 5_000 });
  // Their role, phone and note in the person panel.
  await node(widget, name.slice(0, 10)).click();
  await widget.host.getByRole('tab', { name: 'Person' }).click();
  const panel = widget.host.getByRole('tabpanel', { name: 'Person' });
  await panel.getByRole('textbox', { name: /^Roll/ }).fill(PAYLOADS[1]);
  await panel.getByRole('textbox', { name: /^Telefon/ }).fill(PAYLOADS[2]);
  await panel.getByRole('textbox', { name: /^Anteckning/ }).fill(PAYLOADS[3]);
  // A child's name.
  await node(widget, 'Alva').click();
  await widget.host.getByRole('textbox', { name: 'Barnets namn' }).first().fill(PAYLOADS[6].slice(0, 60));
  await widget.host.getByRole('textbox', { name: 'Barnets namn' }).first().press('Tab');
  // A new agreement, in the Plan tab.
  await widget.host.getByRole('tab', { name: 'Plan' }).click();
  await widget.host.getByRole('textbox', { name: 'Ny överenskommelse' }).fill(PAYLOADS[4]);
  await widget.host.getByRole('button', { name: 'Lägg till överenskommelse' }).click();
  await page.waitForTimeout(200);
  await assertInert(page, 'the Plan tab after typing');
  assert.ok((await textOf(page)).includes(PAYLOADS[4].slice(0, 40)), 'the Plan tab shows the typed agreement as text');

  const typed = await widget.plan();
  assert.ok(typed.agreements.some((a) => a.text === PAYLOADS[4]), 'the typed agreement was saved as text');
  const person = typed.people.find((p) => p.name === name);
  assert.ok(person, 'the typed name was saved as text');
  assert.equal(person.role, PAYLOADS[1]);
  assert.equal(person.phone, PAYLOADS[2]);
  assert.equal(person.note, PAYLOADS[3]);
  assert.equal(typed.children[0].name, PAYLOADS[6].slice(0, 60));
  await assertInert(page, 'after typing');

  await widget.button('Visa som lista').click();
  await page.waitForTimeout(100);
  await assertInert(page, 'list view');
  assert.ok((await textOf(page)).includes(name), 'the list shows the typed name as text');

  await widget.print();
  const frame = widget.host.locator('iframe.skn-print-frame');
  await frame.waitFor({ state: 'attached', timeout: 5_000 });
  await assertInert(page, 'print page');
  const printed = await frame.evaluate((f) => f.contentDocument.body.textContent);
  // The new person is on the print's map (label cut with "…"); the child's name is whole.
  assert.ok(printed.includes(name.slice(0, 15)), 'the print shows the typed name as text');
  assert.ok(printed.includes(PAYLOADS[6].slice(0, 60)), "the print shows the typed child's name as text");
  assert.ok(printed.includes(PAYLOADS[4]), 'the print shows the typed agreement as text');

  // Autosaved, then rendered again from storage.
  await page.reload();
  const again = new Widget(page);
  await again.waitForMap(name.slice(0, 10));
  await assertInert(page, 'after reload');
  assert.deepEqual(await again.plan(), typed);
  assert.deepEqual(dialogs, [], 'a dialog opened');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
