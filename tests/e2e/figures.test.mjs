// The unit's figures for a tertial, end to end in the offline file: ten
// generated plan files of known content (two of them old, version 3, whose
// check-ins name no check) are opened in the statistics view, T2 2026 is
// chosen, and every figure on screen equals the one computed by hand here,
// small numbers shown as "< 3". The CSV download is parsed back and holds
// the same table; no name or free text of any plan is on the screen or in
// the CSV; axe-core finds no violation in the view; the report prints.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, watchProblems, Widget, SINGLE_FILE_URL, axeViolations } from './widget.mjs';
import { PLANS, EXPECTED, S, PARENTS_FEEL_SAFE, SECRETS } from './figures-plans.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** RFC 4180 with `;`: quoted fields may hold `;`, quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function openFigures(page, files) {
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.button(/^(Meny|Menu)$/).click();
  await widget.host.getByRole('button', { name: 'Statistik för enheten…' }).click();
  const view = widget.host.locator('.skn-stats-host');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 5_000 }),
    view.getByRole('button', { name: 'Välj filer…' }).click(),
  ]);
  await chooser.setFiles(files);
  await view.getByText(`Lästa filer: ${files.length} av ${files.length}.`).waitFor({ timeout: 10_000 });
  await view.getByLabel('Period', { exact: true }).selectOption({ label: 'T2 2026' });
  await view.getByText('Period: T2 2026.', { exact: false }).waitFor({ timeout: 5_000 });
  return { widget, view };
}

/** The view's tables as [section, label, cells] rows. */
async function shownFigures(view) {
  return view.locator('.skn-figures tbody tr').evaluateAll((rows) => rows.map((tr) => [
    tr.closest('section').querySelector('h4').textContent.trim(),
    tr.querySelector('th').textContent.trim(),
    [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
  ]));
}

check('ten plan files: the figures for T2 equal the hand-counted ones, on screen and in the CSV, with no name anywhere', async () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'skyddsnat-figures-'));
  const files = PLANS.map((p, i) => {
    const file = path.join(temp, `Zebulon ${i + 1}.json`);
    fs.writeFileSync(file, JSON.stringify(p, null, 1));
    return file;
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const { view } = await openFigures(page, files);

  const rows = await shownFigures(view);
  const shown = Object.fromEntries(rows.filter(([, , cells]) => cells.length === 1).map(([, label, cells]) => [label, cells]));
  for (const [label, value] of Object.entries(EXPECTED)) {
    assert.deepEqual(shown[label], [value], label);
  }
  assert.deepEqual(Object.keys(shown).sort(), Object.keys(EXPECTED).sort(), 'no figure untested');
  // The questionnaires: four respondent groups for each of the seven
  // questions; only the parents' "how safe" in the follow-up rests on three cases.
  const answerRows = rows.filter(([, , cells]) => cells.length === 2);
  assert.equal(answerRows.length, 7 * 4);
  for (const [section, label, cells] of answerRows) {
    const parents = section.startsWith('Uppföljningsenkäten') && label === PARENTS_FEEL_SAFE;
    assert.deepEqual(cells, parents ? ['3', '3,0'] : [S, S], label);
  }
  // The bars of T2: in the work 8, started 3, closed 5.
  const bars = await view.locator('svg.skn-chart').first().locator('text').allTextContents();
  for (const v of ['8', '3', '5', 'T2 2026']) assert.ok(bars.includes(v), `${v} in ${bars}`);

  const text = await view.evaluate((el) => el.textContent + el.innerHTML);
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} is shown`);

  // The CSV: a byte-order mark, then the same table, row for row.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    view.getByRole('button', { name: 'Exportera CSV' }).click(),
  ]);
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const csvText = bytes.toString('utf8').slice(1);
  for (const secret of SECRETS) assert.ok(!csvText.includes(secret), `${secret} in the CSV`);
  const csv = parseCsv(csvText);
  assert.deepEqual(csv[0], ['Period', 'Avsnitt', 'Mått', 'Värde']);
  for (const row of csv) assert.equal(row.length, 4, row.join('|'));
  assert.deepEqual(csv.slice(1).map(([period]) => period), Array(csv.length - 1).fill('T2 2026'));
  // Back to [section, label, cells]: an answer row's two columns are two CSV rows.
  const fromCsv = [];
  for (const [, section, measure, value] of csv.slice(1)) {
    const [label, column] = measure.includes(' – ') ? measure.split(' – ') : [measure, null];
    const last = fromCsv.at(-1);
    if (column === 'Median' && last && last[1] === label) last[2].push(value);
    else fromCsv.push([section, label, [value]]);
    if (column) assert.ok(['Svar', 'Median'].includes(column), column);
  }
  assert.deepEqual(fromCsv, rows, 'the CSV holds the table on screen');

  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await context.close();
  fs.rmSync(temp, { recursive: true, force: true });
});

check('the figures view has no axe violations, and its report prints', async () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'skyddsnat-figures-'));
  const files = PLANS.map((p, i) => {
    const file = path.join(temp, `${i + 1}.json`);
    fs.writeFileSync(file, JSON.stringify(p));
    return file;
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const { view } = await openFigures(page, files);
  assert.deepEqual(await axeViolations(page), [], 'axe violations in the figures view');
  // "Egna datum" shows two date fields; a reversed range says so.
  await view.getByLabel('Period', { exact: true }).selectOption({ label: 'Egna datum (från–till)' });
  await view.getByLabel('Från', { exact: true }).fill('2026-08-31');
  await view.getByLabel('Till', { exact: true }).fill('2026-05-01');
  await view.getByRole('alert').waitFor();
  await view.getByLabel('Till', { exact: true }).fill('2026-09-30');
  await view.getByText('Period: 2026-08-31 – 2026-09-30.', { exact: false }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe violations with dates');
  // Print: the core's page goes into the print frame.
  await view.getByRole('button', { name: 'Skriv ut rapporten…' }).click();
  const frame = view.locator('iframe.skn-print-frame');
  await frame.waitFor({ state: 'attached' });
  const h1 = await frame.evaluate((f) => f.contentDocument.querySelector('h1').textContent);
  assert.equal(h1, 'Enhetens siffror, 2026-08-31 – 2026-09-30');
  await context.close();
  fs.rmSync(temp, { recursive: true, force: true });
});
