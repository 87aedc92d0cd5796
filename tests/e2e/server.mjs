// A tiny static server for the end-to-end tests and for trying the embed
// examples by hand (`node tests/e2e/server.mjs 8081`). Node stdlib only.
// Every response carries the strict CSP an intranet would set, so the embed
// build is always tested under it. Serves only dist/, embed-examples/ and
// tests/e2e/fixtures/ of the repository, on 127.0.0.1.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVED = ['dist', 'embed-examples', 'tests/e2e/fixtures'];
const TYPES = {
  // No charset: each page says its own (the offline file is windows-1252).
  '.html': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

function resolve(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = path.resolve(REPO, '.' + path.posix.normalize(decoded));
  const allowed = SERVED.some((dir) => file.startsWith(path.join(REPO, dir) + path.sep));
  return allowed ? file : null;
}

export async function startServer(port = 0) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url);
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    const file = req.method === 'GET' ? resolve(req.url) : null;
    try {
      if (!file) throw new Error('not served');
      const body = await fs.readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { origin } = await startServer(Number(process.argv[2] || 8081));
  console.log(`Serving with CSP "${CSP}":`);
  console.log(`  ${origin}/embed-examples/intranet.html`);
  console.log(`  ${origin}/embed-examples/two-children.html`);
  console.log(`  ${origin}/embed-examples/readonly.html`);
  console.log(`  ${origin}/dist/skyddsnat.html`);
}
