// The page object for the Skyddsnät widget, and the browser plumbing the
// end-to-end tests share: the system Chromium through playwright-core (no
// browser download), file:// and served URLs of the built artefacts, and a
// recorder of console errors and CSP violations.

import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REPO, startServer } from './server.mjs';

export { REPO, startServer };

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SINGLE_FILE = path.join(REPO, 'dist/skyddsnat.html');
export const SINGLE_FILE_URL = pathToFileURL(SINGLE_FILE).href;
export const SAMPLE_PLAN_FILE = path.join(REPO, 'dist/embed/sample-plan.json');
/** The sample family's children, as the map must show them. */
export const SAMPLE_CHILDREN = ['Alva', 'Elis'];
/** How long the widget may take to boot (wasm compile on a slow CI core). */
export const BOOT_TIMEOUT = 30_000;

export function samplePlan() {
  return JSON.parse(fs.readFileSync(SAMPLE_PLAN_FILE, 'utf8'));
}

export async function launch() {
  if (!fs.existsSync(SINGLE_FILE)) {
    throw new Error(`${SINGLE_FILE} is missing: run \`cargo xtask dist\` first`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // file:// pages of one profile share localStorage, as on a user's PC.
      '--allow-file-access-from-files',
    ],
  });
}

/**
 * Records what must never happen on a healthy page: console errors, uncaught
 * exceptions and CSP violations (from the DOM event, which also fires in
 * shadow roots and workers' owners).
 */
export async function watchProblems(page) {
  const problems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error && error.stack ? error.stack : error)));
  await page.exposeFunction('__reportCspViolation', (text) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`),
      true,
    );
  });
  return problems;
}

/** The widget on a page: `<skyddsnat-plan>` found by CSS selector. */
export class Widget {
  constructor(page, selector = 'skyddsnat-plan') {
    this.page = page;
    this.selector = selector;
    this.host = page.locator(selector);
  }

  /** Resolves once the element has mounted the widget (or fails with its error). */
  async started() {
    await this.page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el && el.shadowRoot && el.shadowRoot.querySelector('.skyddsnat-root');
      },
      this.selector,
      { timeout: BOOT_TIMEOUT },
    );
  }

  /** The network map: an <svg> in the widget's shadow root that shows `name`. */
  map(name = SAMPLE_CHILDREN[0]) {
    // By a label's text, or by a node's tooltip (the full name: a crowded
    // map on a small screen shortens labels, see core map::fit).
    return this.host
      .locator('svg')
      .filter({ has: this.page.locator('text, [data-person] > title', { hasText: name }) })
      .first();
  }

  /**
   * Waits for the map showing `name`. The offline file opens on the start
   * screen: there the latest plan is continued (as a consultant reopening
   * the file would), or with none saved yet the sample family is opened.
   */
  async waitForMap(name = SAMPLE_CHILDREN[0]) {
    const map = this.map(name);
    const start = this.host.locator('.skn-start-actions');
    await map.or(start).first().waitFor({ state: 'visible', timeout: BOOT_TIMEOUT });
    if (!(await map.isVisible()) && (await start.isVisible())) {
      // A plan chosen a moment ago replaces the start screen on the next
      // task: only a start screen that stays is one to leave.
      await this.page.waitForTimeout(300);
      if (!(await map.isVisible()) && (await start.isVisible())) await this.leaveStart();
    }
    await map.waitFor({ state: 'visible', timeout: BOOT_TIMEOUT });
  }

  /** On the start screen: opens the plan saved under `storageKey`. */
  async openStored(storageKey) {
    await this.host.locator(`.skn-start-table button[data-storage-key="${storageKey}"]`).click();
    await this.host.locator('.skn-start').waitFor({ state: 'detached', timeout: BOOT_TIMEOUT });
  }

  /** On the start screen: continue the latest plan, else open the sample family. */
  async leaveStart() {
    const next = this.host.locator('.skn-start-continue');
    if (await next.count()) await next.click();
    else await this.host.locator('.skn-start-actions button').last().click();
    await this.host.locator('.skn-start').waitFor({ state: 'detached', timeout: BOOT_TIMEOUT });
  }

  /**
   * Menu → "Skriv ut…", the dialog filled in as a user would: `paper` is
   * the choice's label ("Hela planen" by default), `lang` the language's
   * name in the list ("svenska", "engelska"), `hideNames` the checkbox
   * (left as the dialog offers it when not given).
   */
  async print({ paper = 'Hela planen', lang, hideNames } = {}) {
    await this.button(/^(Meny|Menu)$/).click();
    await this.host.getByRole('button', { name: /^(Skriv ut…|Print…)$/ }).click();
    const dialog = this.host.getByRole('dialog', { name: /^(Skriv ut|Print)$/ });
    await dialog.getByRole('radio', { name: paper }).check();
    if (lang) await dialog.getByRole('combobox').selectOption({ label: lang });
    if (hideNames !== undefined) await dialog.getByRole('checkbox', { name: /^(Dölj namnen|Hide names)/ }).setChecked(hideNames);
    await dialog.getByRole('button', { name: /^(Skriv ut|Print)$/ }).click();
  }

  /** On the start screen: the lock section's form, filled in and sent. */
  async turnOnLock(passphrase) {
    await this.button('Lås med lösenfras…').click();
    await this.host.getByLabel('Lösenfras', { exact: true }).fill(passphrase);
    await this.host.getByLabel('Samma lösenfras igen').fill(passphrase);
    await this.button('Lås planerna').click();
    await this.button('Lås nu').waitFor({ timeout: BOOT_TIMEOUT });
  }

  /** On the unlock form: `passphrase`, then "Lås upp". */
  async unlock(passphrase) {
    await this.host.getByLabel('Lösenfras', { exact: true }).fill(passphrase);
    await this.button('Lås upp').click();
  }

  /** The names of the people drawn on the map (every <text> in the map svg). */
  async mapTexts() {
    return this.map().locator('text').allTextContents();
  }

  async plan() {
    return this.host.evaluate((el) => el.plan);
  }

  async setPlan(plan) {
    return this.host.evaluate((el, p) => {
      el.plan = p;
    }, plan);
  }

  /** Sets a plan and returns the message of the Error thrown, or null. */
  async setPlanError(plan) {
    return this.host.evaluate((el, p) => {
      try {
        el.plan = p;
        return null;
      } catch (e) {
        return e instanceof Error ? e.message : `not an Error: ${String(e)}`;
      }
    }, plan);
  }

  async exportJson() {
    return this.host.evaluate((el) => el.exportJson());
  }

  /** Counts skyddsnat-change events from now on; read with `changes()`. */
  async countChanges() {
    await this.host.evaluate((el) => {
      el.__changes = [];
      el.addEventListener('skyddsnat-change', (e) => el.__changes.push(e.detail));
    });
  }

  async changes() {
    return this.host.evaluate((el) => el.__changes || []);
  }

  /** A button inside the widget by its accessible name (Swedish or English). */
  button(name) {
    return this.host.getByRole('button', { name });
  }

  /**
   * An edit as a user makes it: "+ Lägg till person", type a name, "Lägg till".
   * Works in Swedish and English.
   */
  async addPerson(name) {
    await this.button(/^\+ (Lägg till person|Add person)$/).click();
    const dialog = this.host.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^(Namn|Name)$/ }).fill(name);
    await dialog.getByRole('button', { name: /^(Lägg till|Add)$/ }).click();
    await this.map(name).waitFor({ state: 'visible', timeout: 5_000 });
  }
}

/** A copy of a plan with a different title: the smallest valid change. */
export function retitled(plan, title) {
  return { ...plan, title };
}

/** axe-core's violations on the page as readable lines ("serious: id (help) at …"),
 * those of the given impacts, or all. axe looks into the open shadow root. */
export async function axeViolations(page, impacts = null) {
  await page.addScriptTag({ path: path.join(REPO, 'tests/e2e/node_modules/axe-core/axe.min.js') });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => !impacts || impacts.includes(v.impact))
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
