// End-to-end tests that are known to fail, by decision at the deadline (see
// the report of that day). They still run, and their failure is printed as a
// TODO with the reason; they do not fail CI. Remove an entry the moment its
// feature lands: the test is then an ordinary one again.
import { test } from 'node:test';

export const PENDING = new Map([
  // ['exact test name', 'why it is pending and who owns the fix'],
  [
    'storage already full when the file is opened: the widget says it is full (not unavailable), and saves once there is room',
    'web/src/storage.rs Store::available treats any refused probe write as unavailable, so a full storage at start is reported as "this browser does not let Skyddsnät save here". Fix: map the error as in save (QuotaExceededError = Full) (see /work/notes/e2e-findings-5.md). Owner: storage.rs/app.rs',
  ],
  [
    '"forget this plan" in one tab is not undone by the other tab\'s next autosave',
    'web/src/storage.rs Store::save writes when meta is missing, so another open tab silently writes a forgotten plan back at its next edit (its conflict banner even disappears). Fix: a save that finds no meta after this writer had seen one (last_seen > 0) returns Forgotten, and the storage listener treats a removed key as forgotten (see /work/notes/e2e-findings-5.md). Owner: storage.rs/app.rs',
  ],
]);

/** `test(name, fn)`, unless `name` is in PENDING: then a TODO test. */
export function check(name, fn) {
  const why = PENDING.get(name);
  return why ? test(name, { todo: `PENDING: ${why}` }, fn) : test(name, fn);
}
