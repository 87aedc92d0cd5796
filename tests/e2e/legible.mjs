// Label sizes and overlaps on the map as the browser draws them: shared by
// legible.test.mjs and `node tests/e2e/legible.mjs` (prints a table).
import { launch, Widget, SINGLE_FILE_URL, samplePlan } from './widget.mjs';

const FIRST = ['Ingrid', 'Karin', 'Lars', 'Anders', 'Sofia', 'Johan', 'Emma', 'Oskar', 'Leila', 'Hassan',
  'Maja', 'Nils', 'Elsa', 'Viktor', 'Amina', 'Erik', 'Linnea', 'Omar', 'Sara', 'Gustav', 'Hanna', 'Ali'];
const LAST = ['Holm', 'Lindqvist', 'Berg', 'Nyström', 'Ek', 'Sandberg', 'Khalil', 'Wikström', 'Öberg'];

/** The sample family grown to `people` people with realistic names. */
export function planWithPeople(people) {
  const plan = samplePlan();
  const template = plan.people.find((p) => p.kind === 'private') || plan.people[0];
  const ids = [...plan.people.map((p) => p.id), ...plan.children.map((c) => c.id)];
  let next = Math.max(...ids) + 1;
  const sectors = ['family', 'relatives', 'friends_neighbours', 'school', 'professionals', 'leisure'];
  let i = 0;
  while (plan.people.length < people) {
    const sector = sectors[i % sectors.length];
    const name = i % 3 === 0 ? `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}` : FIRST[i % FIRST.length] + (i >= FIRST.length ? ` ${LAST[(i * 7) % LAST.length][0]}.` : '');
    plan.people.push({
      ...template,
      id: next, name, role: '', note: '', phone: '', lives_with_child: false, protected: false, custodian_of: [],
      place: { ring: 1 + (i % 3), sector, along: (i * 137) % 1001, depth: (i * 311) % 1001 },
    });
    next++;
    i++;
  }
  return plan;
}

/** Opens the offline file at `width`×`height` with `plan` (or the sample). */
export async function openMap(browser, width, height, plan = null) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  if (plan) {
    await widget.setPlan(plan);
    await page.waitForFunction((n) => document.querySelector('skyddsnat-plan').shadowRoot.querySelectorAll('.skn-map-svg [data-overlay]').length >= n, plan.people.length);
  }
  await page.waitForTimeout(250);
  return { context, page, widget };
}

export async function setPresentation(page, on) {
  const button = page.locator('skyddsnat-plan').getByRole('button', { name: /^(Presentationsläge|Presentation mode)$/ });
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await page.waitForTimeout(400);
}

/** Every drawn label's text box, with the boxes it must keep clear of. */
export async function measure(page) {
  return page.evaluate(() => {
    const root = document.querySelector('skyddsnat-plan').shadowRoot;
    const svg = root.querySelector('.skn-map-svg');
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    };
    const texts = (sel) => [...svg.querySelectorAll(sel)].map((el) => ({ text: el.textContent, ...box(el) }));
    return {
      svg: box(svg),
      labels: [...svg.querySelectorAll('[data-overlay]')].map((g) => ({ id: g.getAttribute('data-overlay'), text: g.querySelector('.skn-label').textContent, ...box(g.querySelector('.skn-label')) })),
      nodes: [...svg.querySelectorAll('[data-person]')].map((g) => ({ id: g.getAttribute('data-person'), ...box(g.querySelector('.skn-node-shape')) })),
      arrows: [...svg.querySelectorAll('.skn-rel')].flatMap((g) => [...g.querySelectorAll('.skn-rel-arrow')].map((a) => ({ to: g.getAttribute('data-to'), ...box(a) }))),
      sectors: texts('.skn-sector-label'),
      rings: texts('.skn-ring-label'),
      zoom: box(root.querySelector('.skn-zoom')),
    };
  });
}

export function stats(boxes) {
  const hs = boxes.map((b) => b.h).sort((a, b) => a - b);
  return { median: hs[Math.floor(hs.length / 2)], min: hs[0] };
}

const overlaps = (a, b, slack = 0.5) => a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h && b.y + slack < a.y + a.h;
const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;

/** Every collision of a label with another label, a node, an arrowhead, the edge. */
export function collisions(m) {
  const out = [];
  const all = [...m.labels.map((l) => ({ ...l, kind: 'label' })), ...m.sectors.map((l) => ({ ...l, kind: 'sector' })), ...m.rings.map((l) => ({ ...l, kind: 'ring' }))];
  for (let i = 0; i < all.length; i++) {
    const a = all[i];
    if (!inside(a, m.svg)) out.push(`${a.kind} "${a.text}" cut at the map's edge`);
    if (overlaps(a, m.zoom)) out.push(`${a.kind} "${a.text}" under the zoom buttons`);
    for (let j = i + 1; j < all.length; j++) if (overlaps(a, all[j])) out.push(`${a.kind} "${a.text}" overlaps ${all[j].kind} "${all[j].text}"`);
    for (const n of m.nodes) if (n.id !== a.id && overlaps(a, n)) out.push(`${a.kind} "${a.text}" overlaps node ${n.id}`);
    for (const w of m.arrows) if (overlaps(a, w)) out.push(`${a.kind} "${a.text}" overlaps an arrowhead to ${w.to}`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await launch();
  try {
    for (const people of [0, 25, 50, 100]) {
      for (const [w, h] of [[1280, 720], [1366, 768], [1920, 1080]]) {
        const { context, page } = await openMap(browser, w, h, people ? planWithPeople(people) : null);
        for (const pres of [false, true]) {
          await setPresentation(page, pres);
          const m = await measure(page);
          const c = collisions(m);
          const s = stats(m.labels), t = stats(m.sectors), r = stats(m.rings);
          console.log(`${people || 'sample'}\t${w}x${h}\t${pres ? 'pres' : 'normal'}\tnames median ${s.median.toFixed(1)} min ${s.min.toFixed(1)}\tsectors min ${t.min.toFixed(1)}\trings min ${r.min.toFixed(1)}\tmap ${m.svg.w.toFixed(0)}x${m.svg.h.toFixed(0)}\tcollisions ${c.length}${c.length ? ' e.g. ' + c[0] : ''}`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}
