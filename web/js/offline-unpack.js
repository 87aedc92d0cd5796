// Unpacks the widget inlined in the offline file, dist/skyddsnat.html: its
// script and its wasm. Only the offline file carries this, as a plain inline
// script before everything else; the embed build fetches its files instead.
// It defines one name, `SkyddsnatOffline`, which the element code uses.
//
// Why not base64 of gzip: the file's budget is 400 KB and base64 alone adds a
// third. So xtask compresses the wasm with LZMA (a quarter smaller than gzip
// on wasm) and writes the bytes almost as they are into a windows-1252 page,
// where every byte is one character; the script is packed in the same stream,
// before the wasm. Few bytes would upset the HTML parser (CR, "<" before "/"
// or "!", and the escape itself); they are written as "=" followed by the
// byte plus 0x40, and NUL comes back from the parser as U+FFFD.
// xtask/src/pack.rs is the writing side and owns the format;
// tests/e2e/unpack.test.mjs checks both sides agree.

const SkyddsnatOffline = (() => {

  // windows-1252 decodes bytes 0x80..0x9F to these characters (WHATWG index;
  // the five unassigned bytes decode to the C1 control of the same number).
  const CP1252_HIGH =
    '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
    '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
  const CP1252_BYTE = new Map();
  for (let i = 0; i < CP1252_HIGH.length; i++) CP1252_BYTE.set(CP1252_HIGH.charCodeAt(i), 0x80 + i);

  // The byte a windows-1252 page stored for one character, or -1 if there is none.
  // U+FFFD is a NUL byte: the HTML parser replaces NUL with it inside a script
  // element, and no windows-1252 byte decodes to it otherwise (and the page's
  // own text holds none), so NUL needs no escape in the packed bytes.
  function cp1252Byte(c) {
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
    if (c === 0xfffd) return 0;
    const b = CP1252_BYTE.get(c);
    return b === undefined ? -1 : b;
  }

  // A whole page (or any text) back into the bytes a windows-1252 file holds:
  // for "Save a copy with this plan inside", which must write the inlined wasm
  // back byte for byte. Throws on a character windows-1252 cannot hold.
  function encodeCp1252(text) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const b = cp1252Byte(text.charCodeAt(i));
      if (b < 0) throw new Error(`character U+${text.charCodeAt(i).toString(16)} cannot be saved in the offline file`);
      out[i] = b;
    }
    return out;
  }

  // The escaped text of the wasm element back into the packed bytes.
  function unescapeInlined(text) {
    const out = new Uint8Array(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      let b = cp1252Byte(text.charCodeAt(i));
      if (b === 0x3d) b = (text.charCodeAt(++i) - 0x40) & 0xff;
      if (b < 0) throw new Error('the inlined wasm is damaged (a character outside windows-1252)');
      out[n++] = b;
    }
    return out.subarray(0, n);
  }

  // LZMA decoder for the .lzma ("alone") format: 13-byte header (properties,
  // dictionary size, unpacked size), then the range-coded stream. Written from
  // the LZMA specification (Igor Pavlov's LzmaSpec); the whole output is the
  // dictionary, as the wasm is unpacked into one buffer.
  function lzmaDecode(input) {
    if (input.length < 18) throw new Error('lzma: too short');
    const props = input[0];
    if (props >= 9 * 5 * 5) throw new Error('lzma: bad properties');
    const lc = props % 9;
    const lp = Math.floor(props / 9) % 5;
    const pb = Math.floor(props / 45);
    let size = 0;
    for (let i = 0; i < 6; i++) size += input[5 + i] * 2 ** (8 * i);
    if (input[11] !== 0 || input[12] !== 0 || size > 256 * 1024 * 1024) throw new Error('lzma: bad size');
    const out = new Uint8Array(size);
    let outPos = 0;

    // The range coder's state lives in one object: its fields hold doubles
    // in place, where closure variables above 2^30 would be boxed anew on
    // every store (measured in node on the offline file: 1.7 MB unpacked in about 160 ms instead of 200).
    const rc = { range: 0xffffffff, code: 0.5, pos: 13 };
    const next = () => {
      if (rc.pos >= input.length) throw new Error('lzma: truncated');
      return input[rc.pos++];
    };
    if (next() !== 0) throw new Error('lzma: bad stream start');
    rc.code = 0;
    for (let i = 0; i < 4; i++) rc.code = ((rc.code << 8) | next()) >>> 0;

    const probs = (n) => new Uint16Array(n).fill(1024);
    const bit = (p, i) => {
      const prob = p[i];
      const bound = (rc.range >>> 11) * prob;
      let b;
      if (rc.code < bound) {
        rc.range = bound;
        p[i] = prob + ((2048 - prob) >>> 5);
        b = 0;
      } else {
        rc.range -= bound;
        rc.code -= bound;
        p[i] = prob - (prob >>> 5);
        b = 1;
      }
      if (rc.range < 0x1000000) {
        rc.range = (rc.range << 8) >>> 0;
        rc.code = ((rc.code << 8) | next()) >>> 0;
      }
      return b;
    };
    const direct = (count) => {
      let result = 0;
      for (; count > 0; count--) {
        rc.range >>>= 1;
        let b = 0;
        if (rc.code >= rc.range) {
          rc.code -= rc.range;
          b = 1;
        }
        result = ((result << 1) | b) >>> 0;
        if (rc.range < 0x1000000) {
          rc.range = (rc.range << 8) >>> 0;
          rc.code = ((rc.code << 8) | next()) >>> 0;
        }
      }
      return result;
    };
    const tree = (p, base, bits) => {
      let m = 1;
      for (let i = 0; i < bits; i++) m = (m << 1) + bit(p, base + m);
      return m - (1 << bits);
    };
    const reverseTree = (p, base, bits) => {
      let m = 1;
      let symbol = 0;
      for (let i = 0; i < bits; i++) {
        const b = bit(p, base + m);
        m = (m << 1) + b;
        symbol |= b << i;
      }
      return symbol;
    };
    const lengthCoder = () => ({ choice: probs(2), low: probs(16 << 3), mid: probs(16 << 3), high: probs(256) });
    const length = (coder, posState) => {
      if (bit(coder.choice, 0) === 0) return tree(coder.low, posState << 3, 3);
      if (bit(coder.choice, 1) === 0) return 8 + tree(coder.mid, posState << 3, 3);
      return 16 + tree(coder.high, 0, 8);
    };

    const literals = probs(0x300 << (lc + lp));
    const isMatch = probs(12 << 4);
    const isRep = probs(12);
    const isRepG0 = probs(12);
    const isRepG1 = probs(12);
    const isRepG2 = probs(12);
    const isRep0Long = probs(12 << 4);
    const posSlots = probs(4 << 6);
    const posCoders = probs(115);
    const align = probs(16);
    const matchLengths = lengthCoder();
    const repLengths = lengthCoder();
    const pbMask = (1 << pb) - 1;
    const lpMask = (1 << lp) - 1;

    let state = 0;
    let rep0 = 0;
    let rep1 = 0;
    let rep2 = 0;
    let rep3 = 0;
    while (outPos < size) {
      const posState = outPos & pbMask;
      if (bit(isMatch, (state << 4) + posState) === 0) {
        const previous = outPos > 0 ? out[outPos - 1] : 0;
        const base = 0x300 * (((outPos & lpMask) << lc) + (previous >>> (8 - lc)));
        let symbol = 1;
        if (state >= 7) {
          let matchByte = out[outPos - rep0 - 1];
          do {
            const matchBit = (matchByte >>> 7) & 1;
            matchByte <<= 1;
            const b = bit(literals, base + ((1 + matchBit) << 8) + symbol);
            symbol = (symbol << 1) | b;
            if (matchBit !== b) break;
          } while (symbol < 0x100);
        }
        while (symbol < 0x100) symbol = (symbol << 1) | bit(literals, base + symbol);
        out[outPos++] = symbol - 0x100;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len;
      if (bit(isRep, state) !== 0) {
        if (outPos === 0) throw new Error('lzma: repeat before any data');
        if (bit(isRepG0, state) === 0) {
          if (bit(isRep0Long, (state << 4) + posState) === 0) {
            state = state < 7 ? 9 : 11;
            out[outPos] = out[outPos - rep0 - 1];
            outPos++;
            continue;
          }
        } else {
          let distance;
          if (bit(isRepG1, state) === 0) {
            distance = rep1;
          } else {
            if (bit(isRepG2, state) === 0) {
              distance = rep2;
            } else {
              distance = rep3;
              rep3 = rep2;
            }
            rep2 = rep1;
          }
          rep1 = rep0;
          rep0 = distance;
        }
        len = length(repLengths, posState);
        state = state < 7 ? 8 : 11;
      } else {
        rep3 = rep2;
        rep2 = rep1;
        rep1 = rep0;
        len = length(matchLengths, posState);
        state = state < 7 ? 7 : 10;
        const slot = tree(posSlots, (len < 3 ? len : 3) << 6, 6);
        if (slot < 4) {
          rep0 = slot;
        } else {
          const bits = (slot >>> 1) - 1;
          rep0 = (2 | (slot & 1)) * 2 ** bits;
          if (slot < 14) {
            rep0 += reverseTree(posCoders, rep0 - slot, bits);
          } else {
            rep0 += direct(bits - 4) * 16;
            rep0 += reverseTree(align, 0, 4);
          }
        }
        if (rep0 === 0xffffffff) break; // the optional end marker
        if (rep0 >= outPos) throw new Error('lzma: distance before the start');
      }
      len += 2;
      if (outPos + len > size) throw new Error('lzma: data past the end');
      for (; len > 0; len--) {
        out[outPos] = out[outPos - rep0 - 1];
        outPos++;
      }
    }
    if (outPos !== size) throw new Error('lzma: stream ended early');
    return out;
  }

  // The page must be decoded as windows-1252 for the packed bytes to be
  // right. From disk it always is (the <meta charset> decides), but a web
  // server that labels every page UTF-8 (a common intranet default) wins over
  // the meta. Then the page reads itself once more (its own URL, same origin)
  // and takes the packed texts from that copy, decoded as windows-1252.
  const decodedRightly = () => document.characterSet.toLowerCase() === 'windows-1252';
  let reread = null; // the page as the file holds it, when read again

  async function rereadPage() {
    const response = await fetch(location.href, { cache: 'force-cache' });
    if (!response.ok) throw new Error(`the page could not be read again (${response.status})`);
    const text = new TextDecoder('windows-1252').decode(await response.arrayBuffer());
    reread = new DOMParser().parseFromString(text, 'text/html');
  }

  // The page as the file holds it: this document, or the one read again.
  function filePage() {
    return reread ?? document;
  }

  // The text of a packed element as the file holds it.
  function packedText(element) {
    return filePage().getElementById(element.id)?.textContent ?? element.textContent;
  }

  // The script and the wasm are packed as one stream in #skyddsnat-script,
  // the script first (they share many names; one dictionary finds them):
  // its data-script-bytes says where the wasm starts. #skyddsnat-wasm holds
  // nothing and names that element in data-packed-in. Unpacked once.
  let unpacked = null;

  // The bytes of one of the offline file's inlined elements.
  function unpack(element) {
    if (!unpacked) {
      const holder = document.getElementById('skyddsnat-script');
      const bytes = lzmaDecode(unescapeInlined(packedText(holder)));
      const split = Number(holder.dataset.scriptBytes);
      if (!Number.isInteger(split) || split < 0 || split > bytes.length) throw new Error('lzma: the packed widget is damaged (script length)');
      unpacked = { script: bytes.subarray(0, split), wasm: bytes.subarray(split) };
    }
    return element.id === 'skyddsnat-script' ? unpacked.script : unpacked.wasm;
  }

  // Runs the widget's packed script. An inline classic script runs the moment
  // it is inserted, so the element and `Skyddsnat` are defined before the
  // parser goes on, exactly as if the script were written out in the page.
  function runPackedScript(element) {
    const script = document.createElement('script');
    script.textContent = new TextDecoder().decode(unpack(element));
    element.after(script);
    // Not part of the file: "save a copy" clones the page, which must still
    // hold only the packed script.
    script.remove();
  }

  // Starts the widget: at once when the page was decoded rightly, else after
  // reading the page again (see `decodedRightly`). A failure is shown in the
  // page, in both languages, since the widget itself cannot start.
  function start(element) {
    if (decodedRightly()) {
      runPackedScript(element);
      return;
    }
    rereadPage()
      .then(() => runPackedScript(element))
      .catch((error) => {
        const message = document.createElement('p');
        message.className = 'skyddsnat-nojs';
        message.textContent =
          'Skyddsnät kunde inte starta: servern skickar filen med fel teckenkodning (den är windows-1252). ' +
          'Öppna filen från disken i stället. / Skyddsnät could not start: the server sends this file with ' +
          `the wrong character encoding (it is windows-1252). Open the file from disk instead. (${error.message})`;
        document.body.append(message);
      });
  }

  return { start, unpack, filePage, encodeCp1252, unescapeInlined, lzmaDecode };
})();
