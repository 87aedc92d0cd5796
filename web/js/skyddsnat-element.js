// The JS side of Skyddsnät's public contract: the custom element
// <skyddsnat-plan> and the global Skyddsnat.mount(). `cargo xtask dist` puts
// this after the wasm-bindgen glue (`--target no-modules`, which defines
// `wasm_bindgen`) inside one function scope, in dist/embed/skyddsnat.js and
// inlined in dist/skyddsnat.html.
//
// It must run under
//   Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// so: no eval, no inline <style>, no style attributes. The widget's CSS goes
// in through a constructable stylesheet adopted by the shadow root, which
// CSP does not govern and which keeps the widget's styles and the host's
// styles apart.

// Only known while this script first runs; needed to find the .wasm next to it.
const scriptUrl = (document.currentScript && document.currentScript.src) || '';

let loaded = false;
let widgetSheet = null;
let hostSheet = null;

// The wasm arrives one of two ways: inlined in the offline file (file:// may
// not fetch anything; offline-unpack.js unpacks it), or as skyddsnat_bg.wasm
// next to this script on the host's own origin.
async function wasmSource() {
  const inline = document.getElementById('skyddsnat-wasm');
  if (inline) {
    if (inline.dataset.encoding !== 'lzma+cp1252' || typeof SkyddsnatOffline !== 'object') {
      throw new Error(`the inlined wasm has an unknown encoding: ${inline.dataset.encoding}`);
    }
    return SkyddsnatOffline.unpack(inline);
  }
  return new URL('skyddsnat_bg.wasm', scriptUrl || document.baseURI);
}

const ready = (async () => {
  const source = await wasmSource();
  await wasm_bindgen({ module_or_path: source });
  loaded = true;
  return api;
})();
// A failed load is reported by every element (skyddsnat-error) and by
// `Skyddsnat.ready`; do not also let it surface as an unhandled rejection.
ready.catch(() => {});

function sheets() {
  if (!widgetSheet) {
    hostSheet = new CSSStyleSheet();
    hostSheet.replaceSync(':host { display: block; position: relative; } :host([hidden]) { display: none; } .skyddsnat-root { height: 100%; }');
    widgetSheet = new CSSStyleSheet();
    widgetSheet.replaceSync(typeof wasm_bindgen.stylesheet === 'function' ? wasm_bindgen.stylesheet() : '');
  }
  return [hostSheet, widgetSheet];
}

function notReady() {
  return new Error('Skyddsnät is still loading: wait for `await Skyddsnat.ready` before calling Skyddsnat.mount');
}

// Mounts the widget into a shadow root on `host` (created if there is none),
// so its styles cannot leak out and the page's cannot leak in.
function mountInto(host, options, which = 'mount') {
  if (!loaded) throw notReady();
  if (!(host instanceof Element)) throw new TypeError('Skyddsnat.mount: the first argument must be a DOM element');
  if (typeof wasm_bindgen[which] !== 'function') throw new Error(`this build of Skyddsnät has no ${which}()`);
  let root = host.shadowRoot;
  if (!root) {
    try {
      root = host.attachShadow({ mode: 'open' });
    } catch (_) {
      root = null; // elements such as <img> or <input> cannot host a shadow root
    }
  }
  const container = document.createElement('div');
  container.className = 'skyddsnat-root';
  if (root) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((s) => !sheets().includes(s)), ...sheets()];
    root.append(container);
  } else {
    throw new TypeError('Skyddsnat.mount: this element cannot hold a shadow root; use a <div>');
  }
  let widget;
  try {
    widget = wasm_bindgen[which](container, options || {});
  } catch (e) {
    container.remove();
    throw e;
  }
  return { widget, container };
}

function handle(mounted) {
  let live = mounted;
  const need = () => {
    if (!live) throw new Error('this Skyddsnät widget has been destroyed');
    return live.widget;
  };
  return Object.freeze({
    get lang() {
      return need().lang;
    },
    getPlan: () => need().getPlan(),
    setPlan: (plan) => need().setPlan(plan),
    exportJson: () => need().exportJson(),
    print: (lang) => need().print(lang),
    destroy() {
      if (!live) return;
      const { widget, container } = live;
      live = null;
      try {
        widget.destroy();
      } finally {
        container.remove();
        // destroy() may have consumed the Rust object already.
        if (widget.__wbg_ptr) widget.free();
      }
    },
  });
}

function mount(element, options) {
  return handle(mountInto(element, options));
}

// The start screen: no plan is open, so there is none to get, export or print.
function mountStart(element, options) {
  const mounted = handle(mountInto(element, options, 'mountStart'));
  const none = () => {
    throw new Error('no plan is open: the start screen is showing');
  };
  return Object.freeze({ getPlan: () => null, setPlan: none, exportJson: none, print: none, destroy: mounted.destroy });
}

// "Save a copy with this plan inside": the offline file can write a copy of
// itself that opens with a given plan, like a document. The plan travels in a
// JSON data block (never executed; "<" escaped so it cannot end the element).
const EMBEDDED_PLAN_ID = 'skyddsnat-embedded-plan';
const STORAGE_PREFIX = 'skyddsnat:v1:'; // as web/src/storage.rs writes keys

function embeddedPlan() {
  const data = document.getElementById(EMBEDDED_PLAN_ID);
  if (!data) return undefined;
  try {
    return JSON.parse(data.textContent);
  } catch (_) {
    return undefined;
  }
}

function storedPlanExists(storageKey) {
  try {
    const key = (storageKey || '').trim() || 'default';
    return localStorage.getItem(`${STORAGE_PREFIX}${key}:plan`) !== null;
  } catch (_) {
    return false;
  }
}

function pageWithPlan(plan) {
  if (!document.getElementById('skyddsnat-wasm')) {
    throw new Error('only the offline file (skyddsnat.html) can save a copy of itself');
  }
  // The page as the file holds it (also when a server made the browser decode
  // it with the wrong encoding); shadow roots are not cloned.
  const copy = SkyddsnatOffline.filePage().documentElement.cloneNode(true);
  const old = copy.querySelector(`#${EMBEDDED_PLAN_ID}`);
  if (old) old.remove();
  // A print frame left in the page holds the rendered plan: not part of the file.
  for (const frame of copy.querySelectorAll('iframe')) frame.remove();

  const data = document.createElement('script');
  data.type = 'application/json';
  data.id = EMBEDDED_PLAN_ID;
  // "<" escaped so the data cannot end its element; everything outside ASCII
  // escaped too, because the offline file is windows-1252 (offline-unpack.js).
  data.textContent = JSON.stringify(plan).replace(/[<\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const element = copy.querySelector('skyddsnat-plan');
  if (element) {
    // The copy autosaves under its own key, apart from the original file's plan.
    element.setAttribute('storage-key', `copy-${Date.now().toString(36)}`);
    element.removeAttribute('sample');
    element.before(data);
  } else {
    copy.querySelector('body').prepend(data);
  }
  // The bytes of the file: windows-1252, so the inlined wasm stays byte-exact.
  return SkyddsnatOffline.encodeCp1252(`<!DOCTYPE html>\n${copy.outerHTML}\n`);
}

function saveCopy(plan, fileName) {
  const blob = new Blob([pageWithPlan(plan)], { type: 'text/html;charset=windows-1252' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName || 'skyddsplan.html';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

class SkyddsnatPlan extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'readonly', 'storage-key', 'sample'];
  }

  constructor() {
    super();
    this._handle = null;
    this._pendingPlan = undefined;
    this._atStart = false;
    this._connecting = false;
    this._readyResolve = null;
    this.ready = new Promise((resolve) => (this._readyResolve = resolve));
    // "Lock now", the idle time or another tab locked the plans on this
    // computer: clear the screen at once (the unlock form comes back to the
    // same place).
    this._onLocked = () => {
      if (this._handle && !this.hasAttribute('readonly')) this._switch(this.getAttribute('storage-key'));
    };
  }

  connectedCallback() {
    if (this._handle || this._connecting) return;
    this._connecting = true;
    window.addEventListener('skyddsnat-locked', this._onLocked);
    ready.then(
      () => {
        this._connecting = false;
        if (this.isConnected && !this._handle) this._mount();
      },
      (error) => {
        this._connecting = false;
        this._fail(`Skyddsnät could not start: ${error && error.message ? error.message : error}`);
      },
    );
  }

  disconnectedCallback() {
    window.removeEventListener('skyddsnat-locked', this._onLocked);
    this._unmount();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this._handle) return;
    // The widget takes its options once; remount with the current plan.
    this._unmount();
    // The page's language wins over what the user chose before.
    if (name === 'lang') this._lang = null;
    this._mount();
  }

  get plan() {
    if (this._handle) return this._handle.getPlan();
    return this._pendingPlan === undefined ? null : this._pendingPlan;
  }

  set plan(plan) {
    if (this._handle && !this._atStart) {
      this._handle.setPlan(plan);
    } else if (this._handle) {
      // A plan from the page leaves the start screen, as it always opened at once.
      this._unmount();
      this._pendingPlan = plan;
      this._mount();
    } else {
      this._pendingPlan = plan;
    }
  }

  exportJson() {
    if (this._handle) return this._handle.exportJson();
    throw new Error('Skyddsnät has not started yet: wait for element.ready');
  }

  print(lang) {
    if (this._handle) return this._handle.print(lang);
    throw new Error('Skyddsnät has not started yet: wait for element.ready');
  }

  _options() {
    const options = {
      readonly: this.hasAttribute('readonly'),
      sample: this.hasAttribute('sample'),
      onChange: (plan) => this._emit('skyddsnat-change', plan),
      onError: (message) => this._emit('skyddsnat-error', message),
    };
    this._setLang(options);
    const key = this.getAttribute('storage-key');
    if (key) options.storageKey = key;
    if (this._pendingPlan !== undefined) {
      options.plan = this._pendingPlan;
    } else if (this === document.querySelector('skyddsnat-plan') && !storedPlanExists(key)) {
      // A saved copy opens with the plan inside it, until it has its own autosave.
      const inside = embeddedPlan();
      if (inside !== undefined) options.plan = inside;
    }
    return options;
  }

  // The start screen shows where the page gave neither a plan nor a storage
  // key (the offline file); choosing a plan there opens it under its own
  // key, and the menu's "Plans on this computer" comes back to it.
  _startsHere() {
    if (this._canStart === undefined) {
      this._canStart =
        !this.hasAttribute('storage-key') &&
        !this.hasAttribute('readonly') &&
        this._pendingPlan === undefined &&
        !(this === document.querySelector('skyddsnat-plan') && embeddedPlan() !== undefined);
    }
    return this._canStart;
  }

  _switch(key, plan) {
    // Not from inside the widget's own event handler, which unmounting ends.
    setTimeout(() => {
      this._unmount();
      this._pendingPlan = plan;
      if (key) this.setAttribute('storage-key', key);
      else this.removeAttribute('storage-key');
      this._mount();
    }, 0);
  }

  _mount() {
    try {
      const start = this._startsHere();
      const locked = !this.hasAttribute('readonly') && wasm_bindgen.isLocked();
      if (locked || (start && !this.hasAttribute('storage-key') && this._pendingPlan === undefined)) {
        const options = {
          onOpen: (key, plan) => this._switch(key, plan),
          // Unlocked: back where the lock found it; everything deleted: the start.
          onUnlocked: (stay) =>
            this._switch(stay || !start ? this.getAttribute('storage-key') : null, this._pendingPlan),
        };
        this._setLang(options);
        this._handle = mountStart(this, options);
        this._atStart = true;
      } else {
        const options = this._options();
        if (start) options.onHome = () => this._switch(null);
        this._handle = mount(this, options);
        this._atStart = false;
      }
      // A locked element keeps the page's plan for after unlocking.
      if (!locked) this._pendingPlan = undefined;
      this._readyResolve(this);
      this._emit('skyddsnat-ready', null);
    } catch (error) {
      this._fail(error && error.message ? error.message : String(error));
    }
  }

  // The language the user last chose in the widget, else the attribute's.
  _setLang(options) {
    const lang = this._lang || this.getAttribute('lang');
    if (lang) options.lang = lang;
  }

  _unmount() {
    if (!this._handle) return;
    try {
      // The start screen holds no plan to carry over.
      if (!this._atStart) {
        this._lang = this._handle.lang;
        this._pendingPlan = this._handle.getPlan();
      }
    } catch (_) {
      // keep whatever was pending
    }
    this._handle.destroy();
    this._handle = null;
  }

  _fail(message) {
    this._emit('skyddsnat-error', message);
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

const api = Object.freeze({
  ready,
  mount,
  pageWithPlan,
  saveCopy,
  PlanElement: SkyddsnatPlan,
});

if (!customElements.get('skyddsnat-plan')) customElements.define('skyddsnat-plan', SkyddsnatPlan);
if (!window.Skyddsnat) window.Skyddsnat = api;
