// End-to-end tests that are known to fail, by decision at the deadline (see
// the report of that day). They still run, and their failure is printed as a
// TODO with the reason; they do not fail CI. Remove an entry the moment its
// feature lands: the test is then an ordinary one again.
import { test } from 'node:test';

export const PENDING = new Map([
  // ['exact test name', 'why it is pending and who owns the fix'],
]);

/** `test(name, fn)`, unless `name` is in PENDING: then a TODO test. */
export function check(name, fn) {
  const why = PENDING.get(name);
  return why ? test(name, { todo: `PENDING: ${why}` }, fn) : test(name, fn);
}
