// The check log between meetings, in the offline file: a kept evening call
// logged from the calendar in two keystrokes (which check, who, how and the
// time of day filled in), a failed check that asks at once to start plan B
// and shows whom to call (a protected identity's number never), the plan B
// then in effect on the agreement, the key figures counting checks out of
// office hours, the person's record, the plan's numbers set once, and a
// version 3 file whose check-ins answer their agreement as a whole.
// axe-core finds nothing on the calendar with the plan B question open.

import { check } from './pending.mjs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, watchProblems, Widget, SINGLE_FILE_URL, REPO, samplePlan, axeViolations, BOOT_TIMEOUT } from './widget.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(plan) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto(SINGLE_FILE_URL);
  const widget = new Widget(page);
  await widget.waitForMap();
  if (plan) await widget.setPlan(plan);
  return { context, page, widget, problems };
}

/** The sample's people by name. */
function idOf(plan, name) {
  return plan.people.find((p) => p.name === name).id;
}

check('a check logged from the calendar: kept in two keystrokes, failed asks for plan B at once', async () => {
  const { context, page, widget, problems } = await open();
  const before = await widget.plan();
  const birgitta = idOf(before, 'Birgitta');
  await widget.host.getByRole('tab', { name: 'Uppföljning' }).click();
  const today = widget.host.locator('.skn-calendar-day').first();
  await assert.doesNotReject(today.getByText('i dag').waitFor());
  // The evening call is out of office hours, and says so in words.
  const call = today.locator('li', { hasText: 'kl. 19:00: Birgitta – ringer – överenskommelse 1' });
  assert.match(await call.textContent(), /utanför kontorstid/);

  // From the line before it, Tab reaches the call's "hölls", Enter logs it.
  // (Which line comes before depends on the weekday: Pernilla's check is Mondays.)
  await call.locator('xpath=preceding-sibling::li[1]').getByRole('button', { name: /^Logga ett annat utfall/ }).focus();
  const clock = await page.evaluate(() => {
    const d = new Date();
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  let plan = await widget.plan();
  assert.equal(plan.check_ins.length, before.check_ins.length + 1);
  const kept = plan.check_ins.at(-1);
  assert.equal(kept.agreement, 1);
  assert.equal(kept.check, 0, 'the evening call is check 1 of agreement 1');
  assert.equal(kept.by, birgitta);
  assert.equal(kept.how, 'call');
  assert.equal(kept.outcome, 'kept');
  const [h, m] = kept.time.split(':').map(Number);
  const [ch, cm] = clock.split(':').map(Number);
  assert.ok(Math.abs(h * 60 + m - (ch * 60 + cm)) <= 1, `logged at ${kept.time}, the clock said ${clock}`);

  // Jenny's evening call of agreement 2 got no answer: the full form, then the question.
  const second = today.locator('li', { hasText: 'kl. 19:00: Jenny, Birgitta – ringer – överenskommelse 2' });
  await second.getByRole('button', { name: /^Logga ett annat utfall/ }).click();
  const form = second.locator('.skn-checkin-form');
  assert.equal(await form.getByLabel('Vem kontrollerade').inputValue(), String(idOf(before, 'Jenny')));
  await form.getByLabel('Utfall').selectOption({ label: 'inget svar' });
  await form.getByRole('button', { name: 'Logga kontrollen' }).click();
  const question = widget.host.getByRole('alertdialog');
  await question.waitFor();
  const text = await question.textContent();
  assert.match(text, /Starta plan B nu\?/);
  // Plan B's people, each with their number.
  const planB = before.agreements[1].chain[1];
  for (const id of planB.people) {
    const p = before.people.find((x) => x.id === id);
    assert.ok(text.includes(p.name), `${p.name} in the plan B question`);
    if (p.phone) assert.ok(text.includes(p.phone), `${p.name}'s number in the question`);
  }
  assert.deepEqual(await axeViolations(page), [], 'the calendar with the plan B question');
  // The question has the focus: Enter starts plan B.
  await page.keyboard.press('Enter');
  await question.waitFor({ state: 'detached' });
  plan = await widget.plan();
  const failed = plan.check_ins.at(-1);
  assert.deepEqual([failed.agreement, failed.check, failed.outcome, failed.step], [2, 0, 'no_answer', 1]);
  await widget.host.getByRole('tab', { name: 'Plan' }).click();
  const due = widget.host.locator('.skn-agreement', { hasText: '2.' }).locator('.skn-due');
  assert.match(await due.textContent(), /Nu gäller plan B/);

  // The key figures count the logged checks and those out of office hours.
  await widget.button('Nyckeltal').click();
  const figures = widget.host.getByRole('dialog', { name: 'Nyckeltal' });
  const logged = figures.locator('.skn-figure', { hasText: 'Kontroller senaste 14 dagarna' });
  // The last 14 days up to today; out of hours: weekends, before 08:00, from 17:00.
  const day = kept.date;
  const since = new Date(Date.parse(day) - 14 * 86400e3).toISOString().slice(0, 10);
  const recent = plan.check_ins.filter((c) => c.date >= since && c.date <= day && c.outcome !== 'missed');
  const outside = recent.filter((c) => {
    const weekday = new Date(`${c.date}T12:00:00Z`).getUTCDay();
    return weekday === 0 || weekday === 6 || (c.time !== undefined && (c.time < '08:00' || c.time >= '17:00'));
  });
  const failedCount = recent.filter((c) => ['not_kept', 'no_answer', 'unreachable'].includes(c.outcome)).length;
  const started = recent.filter((c) => c.step > 0).length;
  assert.ok(outside.length > 0 && failedCount >= 1 && started >= 1);
  assert.equal(
    await logged.locator('dd').textContent(),
    `${recent.length} gjorda (${outside.length} utanför kontorstid) · ${failedCount} misslyckade · ${started} reservsteg startade`,
  );
  assert.match(
    await figures.locator('.skn-figure', { hasText: 'Kontroller kommande två veckor' }).textContent(),
    /planerade, \d+ utanför kontorstid/,
  );
  await figures.getByRole('button', { name: 'Stäng' }).click();

  // Birgitta's record on her page: the sample's evening calls and today's.
  const record = plan.check_ins.filter((c) => c.by === birgitta && c.outcome !== 'missed');
  await widget.map().locator('[data-person]', { hasText: 'Birgitta' }).first().click();
  await widget.host.getByRole('tab', { name: 'Person' }).click();
  assert.match(
    await widget.host.locator('.skn-person-record').textContent(),
    new RegExp(`Kontroller: ${record.length} gjorda, varav ${record.filter((c) => c.outcome !== 'kept').length} misslyckade`),
  );
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await context.close();
});

check('a protected identity in plan B: the question names them and gives no number', async () => {
  const plan = samplePlan();
  const birgitta = plan.people.find((p) => p.name === 'Birgitta');
  birgitta.protected = true;
  birgitta.phone = '';
  const { context, widget } = await open(plan);
  await widget.host.getByRole('tab', { name: 'Plan' }).click();
  await widget.host.locator('summary, button', { hasText: /^Kontroller/ }).first().click();
  const form = widget.host.locator('.skn-checkins .skn-checkin-form');
  await form.getByLabel('Vilken kontroll').selectOption({ index: 0 });
  await form.getByLabel('Utfall').selectOption({ label: 'hölls inte' });
  await form.getByRole('button', { name: 'Logga kontrollen' }).click();
  const question = widget.host.getByRole('alertdialog');
  await question.waitFor();
  const text = await question.textContent();
  assert.match(text, /Birgitta \(skyddade personuppgifter/);
  assert.doesNotMatch(text, /070-/);
  await context.close();
});

check('a version 3 file opens: its check-ins answer the agreement as a whole, and the numbers are set once in the case tab', async () => {
  const old = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/fixtures/migration/v3-sample-family.json'), 'utf8'));
  const { context, widget } = await open(old);
  await widget.host.getByRole('tab', { name: 'Plan' }).click();
  await widget.host.locator('summary, button', { hasText: /^Kontroller/ }).first().click();
  const lines = await widget.host.locator('.skn-checkin-list li').allTextContents();
  assert.ok(lines.length > 0);
  for (const line of lines) assert.doesNotMatch(line, /kontroll \d/, 'no check named in a version 3 log');
  await widget.host.getByRole('tab', { name: 'Ärende' }).click();
  await widget.host.getByLabel('Socialjourens nummer').fill('08-123 456 78');
  await widget.host.getByLabel('Socialjourens nummer').press('Enter');
  await widget.host.getByLabel('Kontorstid till').fill('16:30');
  await widget.host.getByLabel('Kontorstid till').press('Tab');
  const plan = await widget.plan();
  assert.equal(plan.schema_version, 4);
  assert.deepEqual(plan.settings.numbers, { out_of_hours: '08-123 456 78', unit: '' });
  assert.deepEqual(plan.settings.office_hours, { from: '08:00', to: '16:30' });
  await context.close();
});

check('the language chosen in the widget stays when going back to the plans on this computer', async () => {
  const { context, widget } = await open();
  await widget.button('EN – English').click();
  await widget.button('Menu').click();
  await widget.host.getByRole('button', { name: 'Plans on this computer…' }).click();
  await widget.host.locator('.skn-start-table').waitFor({ timeout: BOOT_TIMEOUT });
  assert.match(await widget.host.locator('.skn-start').textContent(), /Plans on this computer/);
  assert.equal(await widget.host.locator('.skn-start').getAttribute('lang'), 'en');
  await context.close();
});
