// The papers of menu → Print…, printed to PDF (A4) in real Chromium: the
// out-of-hours sheet and every task card fit one page each, for the sample
// family and for a plan with 10 agreements of 4 steps each; no text runs
// outside the page; no script. Each paper's first page is kept as a PNG in
// docs/papers/ (set KEEP_PAPERS=1 to renew them).

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, Widget, SINGLE_FILE_URL, REPO, axeViolations } from './widget.mjs';

const OOH = 'Jourblad för socialjouren och polisen (en sida)';
const CARDS = 'Uppdragskort: en sida per person med sin del av planen';
const FAMILY = 'Familjens exemplar: planen i vanliga ord, utan anteckningar';
const MINUTES = 'Minnesanteckningar från senaste mötet, till akten';
const FORM = 'Enkät på papper, att fylla i för hand';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The HTML in the print frame once a new print has replaced the old one. */
async function printed(widget, options) {
  const page = widget.page;
  await page.evaluate(() => {
    const f = document.querySelector('skyddsnat-plan').shadowRoot.querySelector('iframe.skn-print-frame');
    if (f) f.__old = true;
  });
  await widget.print(options);
  // The frame holds the core's document with its style adopted (no inline
  // <style> under the page's CSP): put the style back for a page of its own.
  const handle = await page.waitForFunction(() => {
    const f = document.querySelector('skyddsnat-plan').shadowRoot.querySelector('iframe.skn-print-frame');
    const d = f && !f.__old && f.contentDocument;
    if (!d?.body?.childElementCount) return null;
    const css = d.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n');
    const root = d.documentElement.cloneNode(true);
    const style = d.createElement('style');
    style.textContent = css;
    root.querySelector('head').append(style);
    return root.outerHTML;
  });
  return `<!DOCTYPE html>\n${await handle.jsonValue()}`;
}

/**
 * The paper as Chromium prints it on A4: its page count, the text boxes
 * that run outside the printable width, and whether it holds a script.
 */
async function onA4(html, pdfPath) {
  // A4 less the paper's own @page margins (14 mm at the sides): 182 mm.
  const page = await browser.newPage({ viewport: { width: 688, height: 1000 } });
  await page.setContent(html);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, path: pdfPath });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))[1]);
  const overflowing = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.childNodes.length && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Outside the printable width, or cut inside its own box (HTML only: SVG text has no client box).
        return r.right > width + 0.5 || r.left < -0.5 || (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1);
      })
      .map((el) => { const r = el.getBoundingClientRect(); return `${el.tagName}: ${el.textContent.slice(0, 40)} [${Math.round(r.left)}, ${Math.round(r.right)} of ${width}; ${el.scrollWidth}/${el.clientWidth}]`; });
  });
  const scripts = await page.evaluate(() => document.querySelectorAll('script').length);
  await page.close();
  return { pages, overflowing, scripts, bytes: pdf.length };
}

/**
 * The sample plan with 10 agreements of 4 steps each (its own agreements,
 * which check-ins refer to, kept and given 4 steps; more added), spread
 * over everyone in the network.
 */
function tenAgreements(plan) {
  const people = plan.people.map((p) => p.id);
  const base = plan.agreements[0];
  const fourSteps = (i) =>
    ['A', 'B', 'C', 'D'].map((letter, s) => ({
      ...(base.chain[0] || {}),
      people: [people[(i + s + 2) % people.length]],
      action: `Plan ${letter}: ringer nästa person i kedjan och stannar hos barnen tills någon kommer.`,
    }));
  const agreements = plan.agreements.map((a, i) => ({ ...a, chain: fourSteps(i) }));
  for (let i = agreements.length; i < 10; i++) {
    agreements.push({
      ...base,
      id: 100 + i,
      text: `Överenskommelse ${i + 1}: den som hämtar på fritids ringer Jenny när barnen är hemma, varje vardag före klockan 17.`,
      responsible: [people[i % people.length]],
      checks: base.checks.slice(0, 1).map((c) => ({ ...c, by: [people[(i + 1) % people.length]] })),
      chain: fourSteps(i),
    });
  }
  return { ...plan, agreements };
}

check('the out-of-hours sheet and each task card fit one A4 page, for the sample and for 10 agreements of 4 steps', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'skyddsnat-papers-'));
  const keep = process.env.KEEP_PAPERS === '1';
  const docs = path.join(REPO, 'docs/papers');

  // The dialog itself.
  await widget.button(/^(Meny|Menu)$/).click();
  await widget.host.getByRole('button', { name: 'Skriv ut…' }).click();
  await widget.host.getByRole('radio', { name: CARDS }).check();
  assert.deepEqual(await axeViolations(page), [], 'print dialog');
  const people = await widget.host.getByRole('dialog', { name: 'Skriv ut' }).getByRole('checkbox').count();
  await widget.button('Avbryt').click();

  const papers = [
    ['plan', {}, null],
    ['out-of-hours', { paper: OOH }, 1],
    ['task-cards', { paper: CARDS }, people - 1], // one checkbox is "hide names"
    ['family-copy', { paper: FAMILY }, null],
    ['minutes', { paper: MINUTES }, null],
    ['questionnaire-child', { paper: FORM }, 1],
  ];
  for (const [name, options, expected] of papers) {
    const html = await printed(widget, options);
    const pdf = path.join(temp, `${name}.pdf`);
    const result = await onA4(html, pdf);
    assert.deepEqual(result.overflowing, [], `${name}: text outside the page`);
    assert.equal(result.scripts, 0, `${name}: a script in the paper`);
    if (expected !== null) assert.equal(result.pages, expected, `${name}: ${result.pages} pages`);
    else if (name === 'plan') assert.ok(result.pages >= 3 && result.pages <= 8, `the whole plan: ${result.pages} pages`);
    else assert.ok(result.pages >= 1 && result.pages <= 3, `${name}: ${result.pages} pages`);
    if (keep) {
      fs.mkdirSync(docs, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(docs, `sample-${name}`)]);
    }
  }

  // 10 agreements of 4 steps: still one page each.
  const plan = tenAgreements(await widget.plan());
  await widget.setPlan(plan);
  const ooh = await onA4(await printed(widget, { paper: OOH }), path.join(temp, 'ooh-10.pdf'));
  assert.equal(ooh.pages, 1, `out-of-hours sheet with 10 agreements: ${ooh.pages} pages`);
  assert.deepEqual(ooh.overflowing, []);
  const cards = await onA4(await printed(widget, { paper: CARDS }), path.join(temp, 'cards-10.pdf'));
  const everyone = new Set(plan.agreements.flatMap((a) => [...a.responsible, ...a.checks.flatMap((c) => c.by), ...a.chain.flatMap((s) => s.people)]));
  assert.equal(cards.pages, everyone.size, `task cards with 10 agreements: ${cards.pages} pages for ${everyone.size} people`);
  fs.rmSync(temp, { recursive: true, force: true });
  await context.close();
});

check("the meeting's minutes as text for the case record, copied with one button", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.button(/^(Meny|Menu)$/).click();
  await widget.host.getByRole('button', { name: 'Skriv ut…' }).click();
  await widget.host.getByRole('radio', { name: MINUTES }).check();
  const text = await widget.host.getByLabel('Som text att klistra in i journalen').inputValue();
  assert.match(text, /^Minnesanteckningar från nätverksmöte 2, \d{4}-\d\d-\d\d\n/);
  assert.match(text, /\n- Närvarande: Jenny, Mikael, Birgitta/);
  assert.match(text, /\nSäkerhetskonsultens bedömning\n- Barnet kan bo kvar hemma\n/);
  assert.match(text, /\nNästa nätverksmöte\n- \d{4}-\d\d-\d\d/);
  assert.deepEqual(await axeViolations(page), [], 'print dialog with the minutes');
  await widget.button('Kopiera som text').click();
  await widget.host.getByText('Kopierat.').waitFor({ timeout: 5_000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  await context.close();
});

check('names hidden on screen are hidden on paper only when the dialog says so', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.button('Dölj namn').click();
  // The dialog offers what the screen does, and says so.
  const hidden = await printed(widget, { paper: OOH });
  assert.ok(!hidden.includes('Birgitta'), 'names hidden on screen: hidden on paper by default');
  const shown = await printed(widget, { paper: OOH, hideNames: false });
  assert.ok(shown.includes('Birgitta') && shown.includes('070-174 06 12'), 'the consultant chose names on paper');
  const english = await printed(widget, { paper: OOH, lang: 'engelska', hideNames: false });
  assert.match(english, /Out-of-hours sheet/);
  assert.match(english, /<html lang="en"/);
  await context.close();
});
