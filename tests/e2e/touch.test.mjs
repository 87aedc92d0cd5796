// The map by hand on a touch screen (issue #15), with Playwright's touch
// emulation and CDP `Input.dispatchTouchEvent`: a finger drags a person
// (snapped as the mouse drag is), two fingers pinch-zoom and pan the map
// (the page itself does not zoom), a long press opens the person, a tap
// selects; every target is at least 44 × 44 px in presentation mode. The
// mouse drag stays as it was.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, Widget, SINGLE_FILE_URL } from './widget.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The sample family at 1280 × 720 on a touch screen, in presentation mode. */
async function openTouch({ presentation = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  if (presentation) {
    await widget.button('Presentationsläge').click();
    await widget.host.locator('.skn-app--presentation').waitFor();
    await page.waitForTimeout(300);
  }
  const cdp = await context.newCDPSession(page);
  return { context, page, widget, cdp };
}

const touch = (cdp, type, points) =>
  cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });

/** A finger (or two) moved from `from` to `to` in `steps`. */
async function slide(cdp, from, to, steps = 12) {
  await touch(cdp, 'touchStart', from);
  for (let i = 1; i <= steps; i++) {
    const at = from.map(([x, y], f) => [x + ((to[f][0] - x) * i) / steps, y + ((to[f][1] - y) * i) / steps]);
    await touch(cdp, 'touchMove', at);
  }
  await touch(cdp, 'touchEnd', []);
}

/** A person's node: its id and centre in client px, and the map's centre. */
async function node(widget, name) {
  return widget.map().evaluate((svg, name) => {
    const g = [...svg.querySelectorAll('[data-person]')].find((n) => n.getAttribute('aria-label').startsWith(name));
    const shape = g.querySelector('.skn-node-shape').getBoundingClientRect();
    const origin = new DOMPoint(0, 0).matrixTransform(svg.getScreenCTM());
    return {
      id: Number(g.getAttribute('data-person')),
      x: shape.x + shape.width / 2,
      y: shape.y + shape.height / 2,
      origin: [origin.x, origin.y],
    };
  }, name);
}

/** Where a drag from `n` towards the centre by `share` of its distance ends. */
function inward(n, share) {
  const [ox, oy] = n.origin;
  return [n.x + (ox - n.x) * share, n.y + (oy - n.y) * share];
}

async function placeOf(widget, id) {
  return (await widget.plan()).people.find((p) => p.id === id).place;
}

check('a finger drags a person to another ring, snapped to the same place as the mouse drag', async () => {
  const landed = {};
  for (const how of ['finger', 'mouse']) {
    const { context, page, widget, cdp } = await openTouch();
    try {
      const n = await node(widget, 'Tomas');
      const before = await placeOf(widget, n.id);
      const drop = inward(n, 0.3);
      if (how === 'finger') await slide(cdp, [[n.x, n.y]], [drop]);
      else {
        await page.mouse.move(n.x, n.y);
        await page.mouse.down();
        for (let i = 1; i <= 12; i++) await page.mouse.move(n.x + ((drop[0] - n.x) * i) / 12, n.y + ((drop[1] - n.y) * i) / 12);
        await page.mouse.up();
      }
      await page.waitForFunction(
        async ([id, ring]) => (await document.querySelector('skyddsnat-plan').plan).people.find((p) => p.id === id).place.ring !== ring,
        [n.id, before.ring],
        { timeout: 2_000 },
      );
      const place = await placeOf(widget, n.id);
      assert.ok(place.ring < before.ring, `moved inwards by ${how}: ring ${before.ring} → ${place.ring}`);
      await page.waitForTimeout(200);
      const moved = await node(widget, 'Tomas');
      landed[how] = { place, px: Math.hypot(moved.x - drop[0], moved.y - drop[1]) };
    } finally {
      await context.close();
    }
  }
  console.log(`touch: Tomas lands ${landed.finger.px.toFixed(1)} px from the finger, ${landed.mouse.px.toFixed(1)} px from the mouse`);
  assert.deepEqual(landed.finger.place, landed.mouse.place, 'the finger snaps to the same place as the mouse');
  assert.ok(landed.mouse.px <= 12 && landed.finger.px <= 12, 'the person lands where it was dropped');
});

check('two fingers pinch-zoom and pan the map, and the page does not zoom or scroll', async () => {
  const { context, page, widget, cdp } = await openTouch();
  try {
    const box = await widget.map().boundingBox();
    const viewBox = () => widget.map().evaluate((svg) => svg.getAttribute('viewBox').split(' ').map(Number));
    const [, , w0] = await viewBox();
    // Two fingers on the background (a sector's corner), spread from 100 to 300 px apart.
    const y = box.y + 60;
    const x = box.x + 160;
    await slide(cdp, [[x - 50, y], [x + 50, y]], [[x - 150, y], [x + 150, y]]);
    const [, , w1] = await viewBox();
    const zoom = w0 / w1;
    assert.ok(Math.abs(zoom - 3) < 0.3, `the map zoomed ${zoom.toFixed(2)}×, the fingers spread 3×`);
    // Both fingers sideways: the map follows (pans).
    const [x1] = await viewBox();
    await slide(cdp, [[x - 50, y], [x + 50, y]], [[x + 50, y], [x + 150, y]]);
    const [x2, , w2] = await viewBox();
    assert.ok(Math.abs(w2 - w1) < w1 * 0.05, 'the same zoom');
    assert.ok(x2 < x1, 'the map moved with the fingers');
    const page_ = await page.evaluate(() => ({ scale: window.visualViewport.scale, x: window.scrollX, y: window.scrollY }));
    assert.deepEqual(page_, { scale: 1, x: 0, y: 0 }, 'the page did not zoom or scroll');
    const touchAction = await widget.map().evaluate((svg) => getComputedStyle(svg).touchAction);
    assert.equal(touchAction, 'none');
  } finally {
    await context.close();
  }
});

check('a tap selects a person and a long press opens them in the side panel', async () => {
  const { context, page, widget, cdp } = await openTouch();
  try {
    const n = await node(widget, 'Birgitta');
    await touch(cdp, 'touchStart', [[n.x, n.y]]);
    await touch(cdp, 'touchEnd', []);
    await widget.map().locator(`[data-person="${n.id}"][aria-pressed="true"]`).waitFor({ timeout: 2_000 });
    assert.equal(await widget.host.locator('.skn-side').isVisible(), false, 'a tap does not open the panel');

    const m = await node(widget, 'Gunnar');
    const before = await placeOf(widget, m.id);
    await touch(cdp, 'touchStart', [[m.x, m.y]]);
    await page.waitForTimeout(800);
    await touch(cdp, 'touchEnd', []);
    await widget.host.locator('.skn-side').waitFor({ state: 'visible', timeout: 2_000 });
    await widget.map().locator(`[data-person="${m.id}"][aria-pressed="true"]`).waitFor({ timeout: 2_000 });
    const tab = await widget.host.getByRole('tab', { selected: true }).textContent();
    assert.equal(tab, 'Person');
    assert.deepEqual(await placeOf(widget, m.id), before, 'a long press does not move the person');
  } finally {
    await context.close();
  }
});

check('every target is at least 44 × 44 px in presentation mode', async () => {
  const { context, page, widget, cdp } = await openTouch();
  try {
    const small = await widget.host.evaluate((host) => {
      const root = host.shadowRoot;
      const visible = (r) => r.width > 0 && r.height > 0;
      const out = [];
      for (const el of root.querySelectorAll('button, [role=button], [role=tab], .skn-node-hit')) {
        const r = el.getBoundingClientRect();
        if (!visible(r)) continue;
        // A person on the map is hit through its 44 px circle.
        if (el.matches('[data-person]')) continue;
        if (r.width < 44 - 0.5 || r.height < 44 - 0.5) out.push(`${el.tagName} ${el.getAttribute('aria-label') || el.textContent.trim() || el.getAttribute('data-hit')} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
      }
      return out;
    });
    assert.deepEqual(small, [], 'targets smaller than 44 × 44 px');
    // A finger 18 px beside a person still takes them.
    const n = await node(widget, 'Jonas');
    await touch(cdp, 'touchStart', [[n.x + 18, n.y - 6]]);
    await touch(cdp, 'touchEnd', []);
    await widget.map().locator(`[data-person="${n.id}"][aria-pressed="true"]`).waitFor({ timeout: 2_000 });
    assert.ok(page);
  } finally {
    await context.close();
  }
});
