// Legible at a distance (#15): the map's names, sector titles and ring
// names are large enough to read from the back of a meeting room on a
// 1280 × 720 projector, larger on a larger screen, and never cover each
// other, a node or an arrowhead, or leave the map — measured as the browser
// draws them (bounding boxes of the rendered text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axeViolations } from './widget.mjs';
import { openMap, setPresentation, measure, stats, collisions, planWithPeople } from './legible.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SCREENS = [[1280, 720], [1366, 768], [1920, 1080]];
/** Text box heights (px) every name, sector title and ring name reaches. */
const LEAST = { normal: 18, presentation: 24 };

for (const people of [16, 25]) {
  test(`${people} people: names, titles and ring names are large on every screen and cover nothing`, async () => {
    const medians = {};
    for (const [w, h] of SCREENS) {
      const { context, page } = await openMap(browser, w, h, people > 16 ? planWithPeople(people) : null);
      try {
        for (const mode of ['normal', 'presentation']) {
          await setPresentation(page, mode === 'presentation');
          const m = await measure(page);
          const least = LEAST[mode];
          const where = `${people} people, ${w}×${h} ${mode}`;
          assert.equal(m.labels.length, people + 2, where);
          for (const [what, boxes] of [['names', m.labels], ['sector titles', m.sectors], ['ring names', m.rings]]) {
            const s = stats(boxes);
            assert.ok(s.min >= least, `${where}: ${what} ${s.min.toFixed(1)} px < ${least}`);
          }
          assert.deepEqual(collisions(m), [], where);
          medians[`${w} ${mode}`] = stats(m.labels).median;
        }
      } finally {
        await context.close();
      }
    }
    // A larger screen scales the map up rather than spreading it out.
    for (const mode of ['normal', 'presentation']) {
      assert.ok(medians[`1920 ${mode}`] >= 1.3 * medians[`1280 ${mode}`], `${mode}: ${JSON.stringify(medians)}`);
    }
  });
}

for (const people of [50, 100]) {
  test(`${people} people: shortened names stay apart, inside the map and identifiable`, async () => {
    const plan = planWithPeople(people);
    const { context, page } = await openMap(browser, 1280, 720, plan);
    try {
      for (const presentation of [false, true]) {
        await setPresentation(page, presentation);
        const m = await measure(page);
        assert.deepEqual(collisions(m), [], `presentation ${presentation}`);
        // Every person keeps a visible label, and the full name is the
        // node's accessible name and its tooltip.
        const names = await page.evaluate(() => {
          const svg = document.querySelector('skyddsnat-plan').shadowRoot.querySelector('.skn-map-svg');
          return [...svg.querySelectorAll('[data-person]')].map((g) => ({
            label: svg.querySelector(`[data-overlay="${g.getAttribute('data-person')}"] .skn-label`).textContent,
            aria: g.getAttribute('aria-label'),
            title: g.querySelector('title')?.textContent ?? '',
          }));
        });
        for (const p of plan.people) {
          const node = names.find((n) => n.title === p.name);
          assert.ok(node, `${p.name} has a tooltip`);
          assert.ok(node.aria.includes(p.name), `${p.name} in the accessible name`);
          assert.ok(node.label.length > 0);
          const first = node.label.replace('…', '').split(' ')[0];
          assert.ok(p.name.startsWith(first), `${node.label} is ${p.name}`);
        }
      }
    } finally {
      await context.close();
    }
  });
}

test('presentation mode: the map takes the screen; add a person, draw a relation and select an agreement from the keyboard', async () => {
  const { context, page, widget } = await openMap(browser, 1280, 720);
  try {
    const before = await measure(page);
    await setPresentation(page, true);
    const m = await measure(page);
    // The map's bar is a column beside the round map: the height is the map's.
    assert.ok(m.svg.w >= 1000, `the map is ${m.svg.w} px wide`);
    assert.ok(m.svg.h >= before.svg.h + 50, `the map is ${m.svg.h} px high, beside the panel ${before.svg.h}`);
    assert.equal(await widget.host.locator('.skn-side').isVisible(), false, 'the side panel makes way');

    // Add a person: N, type, Enter.
    await widget.map().locator('[data-person]').first().focus();
    await page.keyboard.press('n');
    const dialog = widget.host.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Namn' }).waitFor();
    await page.keyboard.type('Ingrid Holm');
    await page.keyboard.press('Enter');
    await widget.map('Ingrid Holm').waitFor();

    // Draw a relation: select Jenny with Enter, R, pick Ingrid Holm, Enter.
    await widget.map().locator('[data-person][aria-label^="Jenny"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('r');
    const relate = widget.host.getByRole('dialog');
    await relate.locator('select[name="to"]').waitFor();
    await relate.locator('select[name="to"]').selectOption({ label: 'Ingrid Holm' });
    await relate.getByRole('button', { name: 'Rita relationen' }).press('Enter');
    const plan = await widget.plan();
    const ingrid = plan.people.find((p) => p.name === 'Ingrid Holm');
    assert.ok(plan.relations.some((r) => r.to === ingrid.id || r.from === ingrid.id), 'the relation is drawn');

    // Select an agreement: open the side panel from the bar, Plan, the first agreement.
    await widget.host.getByRole('button', { name: 'Sidopanel' }).press('Enter');
    await widget.host.getByRole('tab', { name: 'Plan' }).press('Enter');
    await widget.host.locator('.skn-agreement-head').first().press('Enter');
    await widget.host.locator('.skn-node--involved').first().waitFor();
    // Its plan A–D chain reads on the map by letters on the people, in order.
    const letters = await widget.map().locator('.skn-chain-letters').allTextContents();
    assert.deepEqual([...letters].sort(), ['AD', 'B', 'C', 'C', 'D'], letters.join(' '));
    assert.equal(await widget.host.locator('.skn-app--presentation').count(), 1, 'still presenting');
    assert.deepEqual(await axeViolations(page), []);
  } finally {
    await context.close();
  }
});

test('100 people: the person with the focus shows the whole name, larger than the shortened labels', async () => {
  const plan = planWithPeople(100);
  const { context, page } = await openMap(browser, 1280, 720, plan);
  try {
    const id = await page.evaluate(() => {
      const svg = document.querySelector('skyddsnat-plan').shadowRoot.querySelector('.skn-map-svg');
      const g = [...svg.querySelectorAll('[data-overlay]')].find((o) => o.querySelector('.skn-label').textContent.endsWith('…'));
      return g && g.getAttribute('data-overlay');
    });
    assert.ok(id, 'a shortened label');
    const svg = page.locator('skyddsnat-plan .skn-map-svg');
    await svg.locator(`[data-person="${id}"]`).focus();
    const focused = svg.locator(`[data-focus-label="${id}"] .skn-focus-text`);
    await focused.waitFor({ state: 'visible', timeout: 2_000 });
    const full = await svg.locator(`[data-person="${id}"] > title`).textContent();
    assert.equal(await focused.textContent(), full);
    const [label, big] = await Promise.all([svg.locator(`[data-overlay="${id}"] .skn-label`).boundingBox(), focused.boundingBox()]);
    assert.ok(big.height >= label.height * 1.2, `the focused name is ${big.height.toFixed(1)} px, the labels ${label.height.toFixed(1)} px`);
    // It goes with the focus.
    await page.locator('skyddsnat-plan').getByRole('button', { name: /^\+ Lägg till person$/ }).focus();
    await focused.waitFor({ state: 'hidden', timeout: 2_000 });
  } finally {
    await context.close();
  }
});
