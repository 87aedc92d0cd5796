// TypeScript declarations for dist/embed/skyddsnat.js (Skyddsnät's public contract).
//
// Load it as a classic script from your own origin:
//   <script src="/path/to/skyddsnat.js" defer></script>
// It defines the custom element <skyddsnat-plan> and the global `Skyddsnat`.
// It needs `script-src 'self' 'wasm-unsafe-eval'` and nothing inline.

/**
 * A safety plan as a JS object: the same JSON as the saved file,
 * `{ "format": "skyddsnat", "schema_version": 2, ... }`. See the JSON Schema
 * in the repository for its fields. Older versions are accepted and migrated.
 *
 * It includes the history of closed meetings (`snapshots`): a host that
 * stores the plan from `getPlan()` or the `skyddsnat-change` event and hands
 * it back with `setPlan()` keeps that history. Drop it, and "what changed
 * since the last meeting" has nothing to compare with.
 */
export interface SkyddsnatPlanDocument {
  format: "skyddsnat";
  schema_version: number;
  /** The plan as it stood at each closed meeting, oldest first; absent while none is closed. */
  snapshots?: SkyddsnatSnapshot[];
  [field: string]: unknown;
}

/** One closed meeting: the whole plan as it stood then (never holding snapshots itself). */
export interface SkyddsnatSnapshot {
  /** The id of the meeting in `plan.meetings`. */
  meeting: number;
  /** The meeting's date, "YYYY-MM-DD". */
  date: string;
  /** The plan's fields, without `format`, `schema_version` and `snapshots`. */
  plan: { [field: string]: unknown };
}

export type SkyddsnatLang = "sv" | "en";

export interface SkyddsnatMountOptions {
  /** Interface language; Swedish by default. */
  lang?: SkyddsnatLang;
  /** Show the plan with no editing controls (e.g. a colleague's review). */
  readonly?: boolean;
  /** Where in this browser's localStorage the widget keeps its plan. */
  storageKey?: string;
  /**
   * The plan to open, as an object or as the text of a .json file. An invalid
   * plan makes `mount` throw an Error saying where and what; no widget opens.
   */
  plan?: SkyddsnatPlanDocument | string;
  /** Open the built-in fictional sample family when no plan is stored. */
  sample?: boolean;
  /** Called after every change with the whole plan. */
  onChange?: (plan: SkyddsnatPlanDocument) => void;
  /** Called with a message the user can read (already in the widget's language). */
  onError?: (message: string) => void;
}

export interface SkyddsnatHandle {
  /** The language the widget speaks now (the user can switch it in the top bar). */
  readonly lang: SkyddsnatLang;
  getPlan(): SkyddsnatPlanDocument;
  /**
   * Replaces the plan (an object, or the text of a .json file); throws an
   * Error saying where and what if `plan` is invalid, and keeps the open plan.
   */
  setPlan(plan: SkyddsnatPlanDocument | string): void;
  /** The plan as the text of a .json file. */
  exportJson(): string;
  /**
   * Opens the printable plan (A4) in the browser's print dialog, in `lang`
   * (for a family that reads another language than the screen shows), else
   * in the widget's language. Throws an Error for a language it does not have.
   */
  print(lang?: SkyddsnatLang): void;
  /** Removes the widget and every listener and timer it set up. Idempotent. */
  destroy(): void;
}

export interface SkyddsnatApi {
  /** Resolves once the wasm is loaded; `mount` throws before that. */
  readonly ready: Promise<SkyddsnatApi>;
  /** Mounts the widget into a shadow root on `element` (a <div> or similar). */
  mount(element: Element, options?: SkyddsnatMountOptions): SkyddsnatHandle;
  /**
   * Offline file only: the bytes of this file with `plan` inside, so the copy
   * opens with that plan (autosaving under its own storage key). The file is
   * windows-1252 with the wasm inlined almost raw, so it is bytes, not a
   * string: write them as they are. Throws elsewhere (the embed build has no
   * file to copy).
   */
  pageWithPlan(plan: SkyddsnatPlanDocument): Uint8Array;
  /** Offline file only: downloads `pageWithPlan(plan)` as `fileName`. */
  saveCopy(plan: SkyddsnatPlanDocument, fileName?: string): void;
  readonly PlanElement: typeof SkyddsnatPlanElement;
}

/**
 * `<skyddsnat-plan lang="sv|en" readonly storage-key="…">`
 *
 * Without a `storage-key` and a plan from the page (the offline file), the
 * element opens on the start screen: the plans saved on this computer, a new
 * plan, a file, the sample family. While it shows, `plan` is `null` and
 * `exportJson()` / `print()` throw; setting `plan` opens that plan. A page
 * that gives a `storage-key` or a plan never sees the start screen.
 *
 * When the consultant has locked the plans on this computer with a
 * passphrase (the start screen's "Lås" section), every element that is not
 * `readonly` shows the unlock form instead, after each page load and
 * whenever the page locks ("Lås nu", Ctrl+Alt+L, the idle time, another
 * tab): the window then gets a `skyddsnat-locked` event and the element
 * clears what it showed. Unlocked, it shows the same plan again.
 * `Skyddsnat.mount()` throws while the plans are locked.
 *
 * There is no `listPlans()`: the list of plans on this computer is the
 * start screen's, and while the plans are locked it cannot be read at all.
 */
export declare class SkyddsnatPlanElement extends HTMLElement {
  /** The plan as a JS object; setting an invalid plan throws. Before the widget starts, the plan it will open. */
  plan: SkyddsnatPlanDocument | null;
  /** Resolves with the element once the widget is on screen. */
  readonly ready: Promise<SkyddsnatPlanElement>;
  exportJson(): string;
  /** As the handle's `print(lang?)`: the plan in `lang`, else the widget's language. */
  print(lang?: SkyddsnatLang): void;
}

export interface SkyddsnatChangeEvent extends CustomEvent<SkyddsnatPlanDocument> {}
export interface SkyddsnatErrorEvent extends CustomEvent<string> {}

declare global {
  interface Window {
    Skyddsnat: SkyddsnatApi;
  }
  const Skyddsnat: SkyddsnatApi;
  interface HTMLElementTagNameMap {
    "skyddsnat-plan": SkyddsnatPlanElement;
  }
  interface HTMLElementEventMap {
    "skyddsnat-change": SkyddsnatChangeEvent;
    "skyddsnat-error": SkyddsnatErrorEvent;
    "skyddsnat-ready": CustomEvent<null>;
  }
  interface WindowEventMap {
    /** The plans on this computer were locked: every element cleared its screen. */
    "skyddsnat-locked": Event;
  }
}
