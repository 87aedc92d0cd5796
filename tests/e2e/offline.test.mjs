// The single offline file, opened from disk (file://) as a consultant would
// open it on a meeting-room PC with no network.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchProblems, Widget, SINGLE_FILE_URL, SAMPLE_CHILDREN } from './widget.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the offline file shows the sample family on the map, with no errors', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap(SAMPLE_CHILDREN[0]);
  const texts = (await widget.mapTexts()).join(' ');
  for (const child of SAMPLE_CHILDREN) assert.match(texts, new RegExp(child), `the map names ${child}`);
  const plan = await widget.plan();
  assert.equal(plan.format, 'skyddsnat');
  assert.deepEqual(
    plan.children.map((c) => c.name),
    SAMPLE_CHILDREN,
  );
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await context.close();
});

test('an edit made by hand is saved in the browser and is there after a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  await widget.addPerson('Moster Ulla');
  const before = await widget.plan();
  assert.ok(before.people.some((p) => p.name === 'Moster Ulla'), 'the new person is in the plan');

  await page.reload();
  const again = new Widget(page);
  await again.waitForMap('Moster Ulla');
  const after = await again.plan();
  assert.deepEqual(after, before, 'the reloaded plan is the one left behind');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a fresh browser profile starts from the sample, not from another profile\'s plan', async () => {
  // Each Playwright context is a new profile: nothing stored, so the sample opens.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  const plan = await widget.plan();
  assert.ok(!plan.people.some((p) => p.name === 'Moster Ulla'));
  await context.close();
});
