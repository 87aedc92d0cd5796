// The offline file's inlined wasm, read back the way a browser reads it:
// the page decoded as windows-1252, the element's text unescaped and
// LZMA-decoded by web/js/offline-unpack.js, must give exactly the script and wasm that
// dist/embed/ ships. And a damaged file must fail loudly, not run garbage.
// (xtask/src/pack.rs is the writing side; see its module comment.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { REPO, SINGLE_FILE } from './widget.mjs';

const EMBED_WASM = path.join(REPO, 'dist/embed/skyddsnat_bg.wasm');

// The unpacking script as the offline file carries it (minified by xtask from
// web/js/offline-unpack.js): the one plain inline script, before the call
// that starts the widget.
function unpacker() {
  const context = vm.createContext({});
  const page = fs.readFileSync(SINGLE_FILE, 'latin1');
  const match = /<script>\n([^]*?)\nSkyddsnatOffline\.start\(/.exec(page);
  assert.ok(match, 'the offline file has its plain unpacking script');
  return vm.runInContext(`${match[1]}\n;SkyddsnatOffline`, context);
}

// windows-1252 as browsers decode it (WHATWG Encoding index). Written out
// here rather than taken from Node, whose TextDecoder treats the label as
// ISO-8859-1 and gets 0x80..0x9F wrong.
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
function decodeWindows1252(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80] : b));
    text += String.fromCharCode(...codes);
  }
  return text;
}

// The packed element's text and where the wasm starts in its bytes: the
// script and the wasm are one LZMA stream, the script first (dist.rs).
function inlinedText(pageBytes) {
  const text = decodeWindows1252(pageBytes);
  const match = /<script type="application\/octet-stream" id="skyddsnat-script" data-encoding="lzma\+cp1252" data-script-bytes="(\d+)">([^]*?)<\/script>/.exec(text);
  assert.ok(match, 'the offline file has its packed element #skyddsnat-script');
  return { text, scriptBytes: Number(match[1]), inlined: match[2] };
}

test('the script and the wasm inlined in the offline file unpack to exactly the embed build\'s', () => {
  const page = fs.readFileSync(SINGLE_FILE);
  const { text, inlined, scriptBytes } = inlinedText(page);
  // The wasm's own element is empty and points at the packed one.
  assert.match(text, /<script type="application\/octet-stream" id="skyddsnat-wasm" data-encoding="lzma\+cp1252" data-packed-in="skyddsnat-script"><\/script>/);
  const { unescapeInlined, lzmaDecode } = unpacker();
  const started = performance.now();
  const bytes = lzmaDecode(unescapeInlined(inlined));
  const ms = performance.now() - started;
  const script = new TextDecoder().decode(bytes.subarray(0, scriptBytes));
  assert.equal(script, fs.readFileSync(path.join(REPO, 'dist/embed/skyddsnat.js'), 'utf8'));
  const wasm = bytes.subarray(scriptBytes);
  const expected = fs.readFileSync(EMBED_WASM);
  assert.equal(wasm.length, expected.length);
  assert.ok(Buffer.from(wasm).equals(expected), 'unpacked bytes differ from dist/embed/skyddsnat_bg.wasm');
  console.log(`unpacked ${bytes.length} bytes of script and wasm from ${page.length} bytes of page in ${ms.toFixed(0)} ms`);
});

test('NUL bytes left raw in the page unpack the same after the HTML parser turns them into U+FFFD', () => {
  const page = fs.readFileSync(SINGLE_FILE);
  const { inlined } = inlinedText(page);
  assert.ok(inlined.includes('\0'), 'the packed bytes hold NUL bytes (LZMA output of this size always does)');
  const { unescapeInlined, lzmaDecode, encodeCp1252 } = unpacker();
  // What a browser's parser leaves of the element's text (script data state).
  const parsed = inlined.replaceAll('\0', '\ufffd');
  assert.ok(Buffer.from(lzmaDecode(unescapeInlined(parsed))).equals(Buffer.from(lzmaDecode(unescapeInlined(inlined)))));
  // "Save a copy" writes the parsed text back as the file's own bytes.
  assert.ok(Buffer.from(encodeCp1252(parsed)).equals(Buffer.from(encodeCp1252(inlined))));
});

test('the page read as windows-1252 and written back is byte for byte the same file', () => {
  // What "save a copy with this plan inside" relies on.
  const page = fs.readFileSync(SINGLE_FILE);
  const { text } = inlinedText(page);
  const { encodeCp1252 } = unpacker();
  assert.ok(Buffer.from(encodeCp1252(text)).equals(page));
});

test('a damaged offline file gives an error instead of running damaged code', () => {
  const page = fs.readFileSync(SINGLE_FILE);
  const { inlined } = inlinedText(page);
  const { unescapeInlined, lzmaDecode } = unpacker();
  const packed = unescapeInlined(inlined);
  // Cut short (a partial download or copy).
  assert.throws(() => lzmaDecode(packed.subarray(0, packed.length >> 1)), /lzma/);
  // A character no windows-1252 byte decodes to (the file re-saved as UTF-8 by an editor).
  assert.throws(() => unescapeInlined(`${inlined.slice(0, 100)}\u2713${inlined.slice(100)}`), /damaged/);
});
