// The TypeScript declarations shipped in dist/embed/skyddsnat.d.ts describe
// the contract: a host's correct use compiles, and misuse is caught.

import { check } from './pending.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './server.mjs';

const TSC = path.join(REPO, 'tests/e2e/node_modules/typescript/bin/tsc');
const FLAGS = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom'];

function tsc(file) {
  try {
    execFileSync('node', [TSC, ...FLAGS, path.join(REPO, 'tests/e2e/fixtures/types', file)], { encoding: 'utf8' });
    return [];
  } catch (e) {
    return (e.stdout || '').split('\n').filter((l) => /error TS\d+/.test(l));
  }
}

test('a host page using the element and Skyddsnat.mount type-checks against skyddsnat.d.ts', () => {
  assert.deepEqual(tsc('usage.ts'), []);
});

test('misuse of the API is a type error', () => {
  const errors = tsc('misuse.ts');
  const lines = new Set(errors.map((l) => l.match(/\((\d+),/)?.[1]));
  assert.deepEqual([...lines].sort(), ['4', '5', '6', '7'], errors.join('\n'));
});
