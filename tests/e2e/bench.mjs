// Browser benchmarks (`cargo xtask bench browser`, after `cargo xtask dist`):
// - wasm size after wasm-opt, and gzipped;
// - time from navigation to the map painted, with 20/100/500 people, for the
//   offline file (sample plan only) and for the embed build (given plans);
// - main-thread time per drag move with 50/200/500 people (median, p95);
// - JS heap after load.
// - a 2,000-person plan opened in the offline file (☰ → Öppna fil…), then
//   20 actions in a row (print, SVG export, tab switches, list and map):
//   each action's time from the click to the next frame after its work,
//   and what the page holds before and after (iframes, listeners, timers,
//   object URLs, JS heap), so that something that accumulates shows.
// - an edit with its autosave in a 100-person plan, in the offline file, with
//   the lock off and with the lock on (every stored copy sealed with
//   AES-256-GCM in wasm): medians, and the difference (autosaveEdits below).
//   `BENCH_ONLY=autosave` runs only this.
// - with BENCH_BASELINE=<an older dist/skyddsnat.html> (`cargo xtask bench
//   --baseline <rev>`): the offline file's time to map and its import of a
//   1,000-person plan, for that file and this one, runs interleaved so both
//   see the same machine.
// If the widget exposes `window.__skyddsnatPerf` (a function returning an
// object of numbers), its report is printed as well. Anything the widget
// does not support yet is reported as n/a with the reason, not as a crash.

import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { launch, startServer, samplePlan, SINGLE_FILE, SINGLE_FILE_URL, REPO, Widget } from './widget.mjs';
// The same grown networks (realistic names) as the legibility tests.
import { planWithPeople } from './legible.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function p95(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}
const ms = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);

/** The map with `n` people, or the start screen (the offline file since
 * schema version 4), whichever the page shows first. */
async function firstScreen(page, n) {
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector('skyddsnat-plan')?.shadowRoot;
      const svg = root && root.querySelector('svg.skn-map-svg, svg');
      return (svg && svg.querySelectorAll('[data-person]').length >= n) || !!(root && root.querySelector('.skn-start-actions'));
    },
    n,
    { timeout: 60_000, polling: 'raf' },
  );
}

/** On the start screen, opens the sample family and waits for its map (a
 * page that shows the map at once is left as it is). */
async function openSampleFromStart(page, n) {
  const start = page.locator('skyddsnat-plan .skn-start-actions');
  if (await start.count()) await start.locator('button').last().click();
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector('skyddsnat-plan')?.shadowRoot;
      const svg = root && root.querySelector('svg.skn-map-svg, svg');
      return svg && svg.querySelectorAll('[data-person]').length >= n;
    },
    n,
    { timeout: 60_000, polling: 'raf' },
  );
}

/** performance.now() at the second frame from now: what is on screen is painted. */
function painted(page) {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))),
  );
}

async function timeToMap(browser, url, plan, expectNodes) {
  const times = [];
  const firsts = [];
  let heap;
  let hook;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    if (plan) await page.addInitScript((p) => (window.__benchPlan = p), plan);
    await page.goto(url);
    await firstScreen(page, expectNodes);
    firsts.push(await painted(page));
    await openSampleFromStart(page, expectNodes);
    times.push(await painted(page));
    if (run === RUNS - 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
      heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : undefined));
      hook = await page.evaluate(() => (typeof window.__skyddsnatPerf === 'function' ? window.__skyddsnatPerf() : undefined));
    }
    await context.close();
  }
  return { median: median(times), first: median(firsts), heap, hook };
}

/** Times to the map painted and to a 1,000-person plan imported (set as
 * `plan` on the element, until its map shows everyone), per offline file,
 * runs alternating between the files. */
async function offlineFiles(browser, files, sampleSize) {
  const big = planWithPeople(1_000);
  const bigNodes = big.people.length + big.children.length;
  const results = files.map(() => ({ first: [], map: [], importing: [] }));
  for (let run = 0; run < RUNS; run++) {
    for (const [i, file] of files.entries()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      const nodes = (n) => {
        const el = document.querySelector('skyddsnat-plan');
        const svg = el && el.shadowRoot && el.shadowRoot.querySelector('svg.skn-map-svg, svg');
        return svg && svg.querySelectorAll('[data-person]').length >= n;
      };
      await firstScreen(page, sampleSize);
      results[i].first.push(await painted(page));
      await openSampleFromStart(page, sampleSize);
      results[i].map.push(await painted(page));
      const start = await page.evaluate((plan) => {
        const t = performance.now();
        document.querySelector('skyddsnat-plan').plan = plan;
        return t;
      }, big);
      await page.waitForFunction(nodes, bigNodes, { timeout: 60_000, polling: 'raf' });
      const end = await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
      );
      results[i].importing.push(end - start);
      await context.close();
    }
  }
  return results.map((r) => ({ first: median(r.first), map: median(r.map), importing: median(r.importing) }));
}

async function dragMoves(browser, url, plan) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript((p) => (window.__benchPlan = p), plan);
  await page.goto(url);
  const widget = new Widget(page, '#bench');
  await page.waitForFunction(
    () => document.querySelector('#bench')?.shadowRoot?.querySelectorAll('[data-person]').length > 10,
    null,
    { timeout: 60_000 },
  );
  // Each pointermove's handler plus the render it triggers: from the event
  // to the next macrotask (yew renders in microtasks after the event).
  await page.evaluate(() => {
    window.__moves = [];
    const channel = new MessageChannel();
    let start = null;
    channel.port1.onmessage = () => {
      if (start !== null) window.__moves.push(performance.now() - start);
      start = null;
    };
    window.addEventListener(
      'pointermove',
      () => {
        if (start === null) {
          start = performance.now();
          channel.port2.postMessage(0);
        }
      },
      true,
    );
  });
  const node = widget.host.locator('[data-person]').nth(5);
  const id = Number(await node.getAttribute('data-person'));
  const placeOf = () => widget.host.evaluate((el, id) => JSON.stringify(el.plan.people.find((p) => p.id === id)?.place), id);
  const before = await placeOf();
  const box = await node.boundingBox();
  if (!box) throw new Error('no person node on screen to drag');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(x + i * 3, y + Math.sin(i / 6) * 40);
  }
  await page.mouse.up();
  await page.waitForTimeout(100);
  const moves = await page.evaluate(() => window.__moves);
  // A drag that did not move the person measured hovering, not dragging.
  const moved = (await placeOf()) !== before;
  await context.close();
  return { moves, moved };
}


const LOCK_PASSPHRASE = 'en lösenfras för mätningen';

/**
 * Logs, with performance.now(), what the autosave does that a page can
 * see: localStorage reads and writes and the IndexedDB mirror's request.
 * Installed before the page's scripts; the wasm's calls go through these
 * prototypes.
 */
function logStorage() {
  const log = [];
  window.__storageLog = log;
  const wrap = (proto, name, op) => {
    const f = proto[name];
    proto[name] = function (key, ...rest) {
      log.push([performance.now(), op, String(key)]);
      return f.call(this, key, ...rest);
    };
  };
  wrap(Storage.prototype, 'getItem', 'get');
  wrap(Storage.prototype, 'setItem', 'set');
  wrap(IDBObjectStore.prototype, 'get', 'idb-get');
}

/**
 * The offline file with `plan` open, the lock on or off, and `person`
 * selected so that its panel shows: the page and the id of the person's
 * name field. Turning the lock on is timed from the click on "Lås
 * planerna" to "Lås nu" showing (Argon2id in wasm, then the copies already
 * stored sealed), as Playwright sees it.
 */
async function pageForEdits(browser, plan, person, lock) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(logStorage);
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.host.locator('.skn-start').waitFor({ timeout: 60_000 });
  let lockMs;
  if (lock) {
    await widget.button('Lås med lösenfras…').click();
    await widget.host.getByLabel('Lösenfras', { exact: true }).fill(LOCK_PASSPHRASE);
    await widget.host.getByLabel('Samma lösenfras igen').fill(LOCK_PASSPHRASE);
    const t = performance.now();
    await widget.button('Lås planerna').click();
    await widget.button('Lås nu').first().waitFor({ timeout: 60_000 });
    lockMs = performance.now() - t;
  }
  await widget.button('Öppna exempelfamiljen (påhittad)').click();
  await widget.waitForMap();
  await widget.setPlan(plan);
  const nodes = plan.people.length + plan.children.length;
  await page.waitForFunction(
    (n) => document.querySelector('skyddsnat-plan').shadowRoot.querySelectorAll('svg.skn-map-svg [data-person]').length >= n,
    nodes,
    { timeout: 60_000, polling: 200 },
  );
  await widget.host.locator(`svg.skn-map-svg [data-person="${person}"]`).click();
  const field = widget.host.getByLabel('Namn (förnamn eller roll)', { exact: true });
  await field.waitFor({ timeout: 10_000 });
  return { context, page, lockMs, fieldId: await field.getAttribute('id') };
}

/**
 * One edit as the widget gets it from a person's name field: the field's
 * value set and its `change` event (what leaving the field or pressing
 * Enter sends; typing itself sends no edit, the field commits on change).
 * Timed in the page (from the storage log of `logStorage`):
 * - `total`: from the event to the autosave done: the handler, the edit
 *   applied, yew's render of the whole widget (the map of 100 people) and
 *   its effects, the autosave among them. yew 0.23 yields to the browser
 *   (a setTimeout) when a run passes 16 ms, so the effects, and with them
 *   the autosave, may come a task later, after a frame: hence not "until
 *   the next task" but until the autosave's last step.
 * - `autosave`: the autosave alone, from its reading of the plan's meta
 *   entry to its request to IndexedDB for the mirror's record: split and
 *   to_json of the plan, the latest copy written to localStorage, the meta
 *   entry, and the mirror's copy prepared; with the lock on, both copies
 *   sealed (AES-256-GCM in software: wasm has no AES instructions, and
 *   base64) just before they are written or handed on. The IndexedDB
 *   transaction itself completes later, off the main path.
 * - `frame`: from the event to the start of the next frame, the first the
 *   edit can show in (requestAnimationFrame): what the user waits for.
 * An edit that also keeps a version (at most once a minute: a third
 * sealed copy) is marked `version`.
 */
function editWithAutosave(page, fieldId, value) {
  return page.evaluate(
    async ({ fieldId, value }) => {
      const root = document.querySelector('skyddsnat-plan').shadowRoot;
      const input = root.getElementById(fieldId);
      if (!input) throw new Error('the name field is gone');
      const log = window.__storageLog;
      log.length = 0;
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const frame = new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      const deadline = t0 + 10_000;
      while (!log.some(([, op]) => op === 'idb-get') && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const entries = [...log];
      const end = entries.find(([, op]) => op === 'idb-get');
      const written = entries.findIndex(([, op, key]) => op === 'set' && key.endsWith(':plan'));
      const start = entries
        .slice(0, Math.max(written, 0))
        .findLast(([, op, key]) => op === 'get' && key.endsWith(':meta'));
      const frameAt = await frame;
      // Let the IndexedDB transaction and anything it sets off finish
      // before the next edit.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const latest = Object.keys(localStorage).find((k) => k.endsWith(':plan'));
      const stored = latest ? localStorage.getItem(latest) : '';
      return {
        total: end && written >= 0 ? end[0] - t0 : NaN,
        autosave: end && start ? end[0] - start[0] : NaN,
        frame: frameAt - t0,
        version: entries.some(([, op, key]) => op === 'set' && key.includes(':version:')),
        sealed: stored.includes('"format": "skyddsnat-sealed"'),
        storedBytes: stored.length,
      };
    },
    { fieldId, value },
  );
}

/**
 * Edits with autosave in a `people`-person plan, lock off and lock on: two
 * pages (contexts) side by side, the edits alternating between them so
 * that both see the same machine; one edit each first as a warm-up.
 */
async function autosaveEdits(browser, people, edits) {
  const plan = planWithPeople(people);
  const person = plan.people[Math.floor(plan.people.length / 2)].id;
  const pages = [await pageForEdits(browser, plan, person, false), await pageForEdits(browser, plan, person, true)];
  const results = pages.map(() => ({ total: [], autosave: [], frame: [], versions: 0, missed: 0, sealed: 0, storedBytes: 0 }));
  try {
    for (let k = 0; k <= edits; k++) {
      for (const [i, p] of pages.entries()) {
        await p.page.bringToFront();
        const r = await editWithAutosave(p.page, p.fieldId, `Namn ${k}`);
        if (k === 0) continue;
        const into = results[i];
        into.sealed += r.sealed;
        into.storedBytes = r.storedBytes;
        if (Number.isNaN(r.total) || Number.isNaN(r.autosave)) into.missed++;
        else if (r.version) into.versions++;
        else {
          into.total.push(r.total);
          into.autosave.push(r.autosave);
          into.frame.push(r.frame);
        }
      }
    }
  } finally {
    for (const p of pages) await p.context.close();
  }
  return { off: results[0], on: results[1], lockMs: pages[1].lockMs };
}

/** The 20 actions of the large-plan sequence, in order. */
const SEQUENCE = [
  'print', 'export SVG', 'tab Plan', 'tab Skala', 'tab Barnets röst', 'tab Uppföljning', 'tab Person',
  'print', 'list view', 'map view', 'export SVG', 'tab Plan', 'print', 'tab Person',
  'export SVG', 'tab Uppföljning', 'print', 'tab Person', 'export SVG', 'print',
];

/**
 * Opens a plan of `people` people in the offline file through ☰ → Öppna
 * fil…, then does SEQUENCE one action after another. Each action is timed
 * in the page from the first click to the frame after its work (yew
 * renders in microtasks after the click, the frame paints it).
 */
async function largePlanSequence(browser, people, fileUrl = SINGLE_FILE_URL) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.addInitScript({ path: path.join(REPO, 'tests/e2e/fixtures/instrument.js') });
  // Object URLs made and not revoked (a download's or a print's blob).
  await context.addInitScript(() => {
    const live = new Set();
    const create = URL.createObjectURL;
    const revoke = URL.revokeObjectURL;
    URL.createObjectURL = function (o) {
      const url = create.call(this, o);
      live.add(url);
      return url;
    };
    URL.revokeObjectURL = function (url) {
      live.delete(url);
      return revoke.call(this, url);
    };
    window.__objectUrls = () => live.size;
  });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  const downloads = [];
  page.on('download', (d) => downloads.push(d.path().catch(() => null)));
  await page.goto(fileUrl);
  const widget = new Widget(page);
  await widget.waitForMap();
  const plan = planWithPeople(people);
  const nodes = plan.people.length + plan.children.length;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skyddsnat-bench-')), 'large-plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  const opened = performance.now();
  await widget.button(/^(Meny|Menu)$/).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    widget.host.getByRole('button', { name: 'Öppna fil…' }).click(),
  ]);
  await chooser.setFiles(file);
  await page.waitForFunction(
    (n) => document.querySelector('skyddsnat-plan').shadowRoot.querySelectorAll('svg.skn-map-svg [data-person]').length >= n,
    nodes,
    { timeout: 120_000, polling: 200 },
  );
  const openMs = performance.now() - opened;
  const cdp = await context.newCDPSession(page);
  const state = async () => {
    // After a full GC: what is still held (documents of old print frames,
    // detached nodes, listeners) is retained, not garbage waiting.
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    const dom = await cdp.send('Memory.getDOMCounters').catch(() => ({}));
    const heap = await cdp.send('Runtime.getHeapUsage').catch(() => ({}));
    const page_ = await page.evaluate(() => {
      const root = document.querySelector('skyddsnat-plan').shadowRoot;
      const ledger = window.__ledger();
      return {
        iframes: root.querySelectorAll('iframe').length + document.querySelectorAll('iframe').length,
        listeners: ledger.listeners.length,
        timers: ledger.intervals + ledger.timeouts,
        frames: ledger.frames,
        objectUrls: window.__objectUrls(),
        widgetNodes: root.querySelectorAll('*').length,
      };
    });
    return {
      ...page_,
      documents: dom.documents,
      nodes: dom.nodes,
      jsEventListeners: dom.jsEventListeners,
      heapMB: heap.usedSize === undefined ? undefined : +(heap.usedSize / 1024 / 1024).toFixed(1),
    };
  };
  const before = await state();
  const times = [];
  for (const action of SEQUENCE) {
    const ms = await page.evaluate(async (action) => {
      const root = document.querySelector('skyddsnat-plan').shadowRoot;
      const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const button = (name) => {
        const b = [...root.querySelectorAll('button')].find((el) => el.textContent.trim() === name || el.getAttribute('aria-label') === name);
        if (!b) throw new Error(`no button "${name}"`);
        return b;
      };
      const menuItem = async (name) => {
        button('Meny').click();
        await Promise.resolve(); // yew renders the menu in a microtask
        for (let i = 0; i < 50 && ![...root.querySelectorAll('.skn-menu-item')].some((b) => b.textContent.trim() === name); i++) {
          await new Promise((r) => setTimeout(r, 0));
        }
        button(name).click();
      };
      const t0 = performance.now();
      if (action === 'print') {
        // Print…: the dialog opens with the whole plan chosen.
        await menuItem('Skriv ut…');
        for (let i = 0; i < 50 && !root.querySelector('.skn-print-dialog button[type=submit]'); i++) {
          await new Promise((r) => setTimeout(r, 0));
        }
        root.querySelector('.skn-print-dialog button[type=submit]').click();
      }
      else if (action === 'export SVG') await menuItem('Exportera kartan (SVG)');
      else if (action.startsWith('tab ')) button(action.slice(4)).click();
      else if (action === 'list view') button('Visa som lista').click();
      else if (action === 'map view') button('Visa som karta').click();
      await settle();
      return performance.now() - t0;
    }, action);
    times.push(ms);
  }
  const after = await state();
  await Promise.all(downloads);
  await context.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { openMs, times, before, after, downloads: downloads.length };
}

const browser = await launch();
const server = await startServer();
try {
  // BENCH_ONLY=large runs only the large-plan sequence, BENCH_ONLY=autosave
  // only the edits with their autosave.
  const only = process.env.BENCH_ONLY;
  if (!only) {
    const wasm = fs.readFileSync(path.join(REPO, 'dist/embed/skyddsnat_bg.wasm'));
    const html = fs.statSync(path.join(REPO, 'dist/skyddsnat.html')).size;
    console.log(`wasm after wasm-opt      ${wasm.length} bytes`);
    console.log(`wasm gzipped (-9)        ${zlib.gzipSync(wasm, { level: 9 }).length} bytes`);
    console.log(`dist/skyddsnat.html      ${html} bytes\n`);

    const sampleSize = samplePlan().people.length + samplePlan().children.length;
    try {
      const r = await timeToMap(browser, SINGLE_FILE_URL, null, sampleSize);
      console.log(`offline file: first screen painted ${ms(r.first)} after navigation; sample family (${sampleSize} nodes) map painted ${ms(r.median)} (through the start screen where there is one; median of ${RUNS})`);
      if (r.heap !== undefined) console.log(`  JS heap after load (after GC): ${(r.heap / 1024 / 1024).toFixed(2)} MB`);
      if (r.hook !== undefined) console.log(`  widget's own perf report: ${JSON.stringify(r.hook)}`);
    } catch (e) {
      console.log(`offline file: n/a (${e.message.split('\n')[0]})`);
    }

    const baseline = process.env.BENCH_BASELINE;
    if (baseline) {
      const files = [baseline, SINGLE_FILE];
      const names = [`baseline ${process.env.BENCH_BASELINE_REV || baseline}`, 'this tree'];
      console.log('\nOffline file, before and after (runs interleaved):');
      try {
        const results = await offlineFiles(browser, files, sampleSize);
        for (const [i, r] of results.entries()) {
          console.log(
            `  ${names[i].padEnd(24)} ${String(fs.statSync(files[i]).size).padStart(7)} bytes; first screen painted ${ms(r.first)}; sample map painted ${ms(r.map)}; ` +
              `1,000-person plan imported and painted ${ms(r.importing)} (medians of ${RUNS})`,
          );
        }
      } catch (e) {
        console.log(`  n/a (${e.message.split('\n')[0]})`);
      }
      console.log('');
    }

    const benchUrl = `${server.origin}/tests/e2e/fixtures/bench.html`;
    for (const people of [20, 100, 500]) {
      try {
        const plan = planWithPeople(people);
        const r = await timeToMap(browser, benchUrl, plan, people);
        const heap = r.heap !== undefined ? `, JS heap ${(r.heap / 1024 / 1024).toFixed(2)} MB` : '';
        console.log(`embed, ${String(people).padStart(3)} people: map painted ${ms(r.median)} after navigation${heap}`);
      } catch (e) {
        console.log(`embed, ${people} people: n/a (${e.message.split('\n')[0]})`);
      }
    }

    for (const people of [50, 200, 500]) {
      try {
        const { moves, moved } = await dragMoves(browser, benchUrl, planWithPeople(people));
        if (moves.length === 0) throw new Error('no pointermove reached the page');
        const note = moved ? 'the person moved' : 'WARNING: the person did not move, so this measured hovering';
        console.log(`drag, ${String(people).padStart(3)} people: main thread per move median ${ms(median(moves))}, p95 ${ms(p95(moves))} (${moves.length} moves; ${note})`);
      } catch (e) {
        console.log(`drag, ${people} people: n/a (${e.message.split('\n')[0]})`);
      }
    }

  }

  if (!only || only === 'autosave') {
    const people = 100;
    const edits = Number(process.env.BENCH_AUTOSAVE_EDITS || 15);
    try {
      const { off, on, lockMs } = await autosaveEdits(browser, people, edits);
      const range = (xs) => `(${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
      const line = (name, r) =>
        `  ${name.padEnd(9)} autosave ${ms(median(r.autosave)).padStart(8)} ${range(r.autosave)}; ` +
        `edit to autosave done ${ms(median(r.total)).padStart(8)} ${range(r.total)}; next frame ${ms(median(r.frame)).padStart(8)}; ` +
        `${r.autosave.length} edits (${r.versions} that kept a version and ${r.missed} not seen saving left out); ` +
        `stored sealed ${r.sealed}/${edits}, latest copy ${(r.storedBytes / 1024).toFixed(1)} KB`;
      const diff = (f) => ms(median(on[f]) - median(off[f]));
      console.log(`\nAn edit with its autosave, ${people} people, offline file (a person's name changed; medians of the edits, alternating between the two pages):`);
      console.log(line('lock off', off));
      console.log(line('lock on', on));
      console.log(
        `  the lock adds ${diff('autosave')} to the autosave (difference of the medians; edit to autosave done ${diff('total')}, ` +
          `next frame ${diff('frame')}); turning it on took ${ms(lockMs)} (Argon2id in wasm, once)`,
      );
    } catch (e) {
      console.log(`\nedit with autosave, ${people} people: n/a (${e.message.split('\n')[0]})`);
    }
  }

  if (!only || only === 'large') {
    const large = Number(process.env.BENCH_LARGE_PEOPLE || 2_000);
    // With a baseline: its file first, then this tree's, one after the other.
    const files = process.env.BENCH_BASELINE
      ? [[`baseline ${process.env.BENCH_BASELINE_REV || process.env.BENCH_BASELINE}`, pathToFileURL(process.env.BENCH_BASELINE).href], ['this tree', SINGLE_FILE_URL]]
      : [['this tree', SINGLE_FILE_URL]];
    // Each file's sequence RUNS times (files alternating, so both see the
    // same machine), each action's median over the runs; the page's holdings
    // from the last run.
    const runs = Number(process.env.BENCH_LARGE_RUNS || 3);
    const all = files.map(() => []);
    for (let run = 0; run < runs; run++) {
      for (const [i, [name, url]] of files.entries()) {
        try {
          all[i].push(await largePlanSequence(browser, large, url));
        } catch (e) {
          console.log(`large plan sequence (${name}): n/a (${e.message.split('\n')[0]})`);
        }
      }
    }
    const results = files
      .map(([name], i) => [name, all[i]])
      .filter(([, rs]) => rs.length)
      .map(([name, rs]) => [
        name,
        {
          openMs: median(rs.map((r) => r.openMs)),
          times: SEQUENCE.map((_, k) => median(rs.map((r) => r.times[k]))),
          downloads: rs.at(-1).downloads,
          before: rs.at(-1).before,
          after: rs.at(-1).after,
        },
      ]);
    if (results.length) {
      console.log(`\n${large.toLocaleString('en')}-person plan opened in the offline file (☰ → Öppna fil…), then ${SEQUENCE.length} actions in a row (medians of ${runs} runs):`);
      console.log(`      ${'action'.padEnd(18)}${results.map(([name]) => name.padStart(22)).join('')}`);
      console.log(`      ${'(opening the file)'.padEnd(18)}${results.map(([, r]) => ms(r.openMs).padStart(22)).join('')}`);
      for (const [i, action] of SEQUENCE.entries()) {
        console.log(`  ${String(i + 1).padStart(2)}. ${action.padEnd(18)}${results.map(([, r]) => ms(r.times[i]).padStart(22)).join('')}`);
      }
      for (const [name, r] of results) {
        console.log(`  ${name}: median of the actions ${ms(median(r.times))}, slowest ${ms(Math.max(...r.times))}`);
        const fmt = (s) => Object.entries(s).map(([k, v]) => `${k} ${v}`).join(', ');
        console.log(`    page before: ${fmt(r.before)}`);
        console.log(`    page after:  ${fmt(r.after)}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
