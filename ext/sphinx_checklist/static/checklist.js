// @ts-check
/* Makes the rendered checklist tables interactive: answers, notes, named copies, progress, scores,
 * filters, exports, share links and printing. Progressive enhancement: without this script the
 * tables still read and print. All logic that can live without the DOM is in checklist-core.js. Loaded only
 * when a reader wants them: the paper copies and the Print or pack dialog (checklist-print.js), and the
 * exports, import and share links (checklist-export.js). */

/* ---- what this script shares with the parts it loads (global types: this file is a plain script) ---- */

/** @typedef {import("./checklist-core.js")} ChecklistCoreModule */
/**
 * The page's helpers, given to each part when it loads.
 * @typedef {object} PageHelpers
 * @property {ChecklistCoreModule} core
 * @property {<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | number | boolean | null | undefined>,
 *   children?: (Node | string)[]) => HTMLElementTagNameMap[K]} el
 * @property {(label: string, onClick: () => void, extra?: Record<string, string>) => HTMLButtonElement} button
 * @property {() => import("./checklist-core.js").Packs | null} readPacks
 * @property {(checklistId: string) => string} storeKey the storage key of a checklist of this site
 * @property {() => string} now the time as an ISO string (its first 10 characters: the date)
 * @property {(name: string, content: string, type: string) => void} saveFile
 * @property {(name: PartName) => Promise<any>} [load] another part, loaded once (what the part's factory returns)
 */
/**
 * The page controller of one checklist, as the parts use it.
 * @typedef {object} PageController
 * @property {string} id
 * @property {HTMLElement[]} roots
 * @property {import("./checklist-core.js").Meta} meta
 * @property {(import("./checklist-core.js").Item & {row: HTMLTableRowElement})[]} items each with its row on the page
 * @property {import("./checklist-core.js").Store} store
 * @property {() => import("./checklist-core.js").Copy} copy the copy shown
 * @property {() => import("./checklist-core.js").Pack | null} pack the convening pack of the copy shown
 * @property {(ids: string[]) => boolean} setPack
 * @property {(op: import("./checklist-core.js").Op, soon?: boolean) => void} change
 * @property {() => void} showCopy
 * @property {(text: string) => void} status
 * @property {(text: string, ends?: string) => void} notice
 * @property {(copy: import("./checklist-core.js").Copy) => number} [unknownCount] answers of a copy to items this page does not show
 * @property {(checklistId: string, name: string) => string} [heldIn] what a checklist of the site holds under a copy's name, in words
 * @property {HTMLInputElement} fileInput
 * @property {HTMLElement} shareBox
 * @property {HTMLButtonElement} openButton
 */
/**
 * The options of a paper document (see window.checklistPrintSetup).
 * @typedef {{blank?: boolean, mode?: "compact" | "full", pack?: string | null}} PrintOptions
 */
/** The parts checklist.js loads when wanted (checklist-<name>.js). @typedef {"Print" | "Export" | "Results" | "Compare"} PartName */
/** The function that puts the page back after printing. @typedef {(() => void) & {ready: Promise<Cleanup>, cleanup?: Cleanup}} Cleanup */
/**
 * What the checklist scripts put on `window`: for one another, and for printing.py and the browser tests.
 * @typedef {object} ChecklistGlobals
 * @property {ChecklistCoreModule} [ChecklistCore]
 * @property {(page: PageHelpers) => {setup: (ids: string[], opts: PrintOptions) => Cleanup, open: (c: PageController, saved?: string) => void}} [ChecklistPrint]
 * @property {(page: PageHelpers) => import("./checklist-export.js")} [ChecklistExport]
 * @property {PageController[]} [checklistControllers] every checklist of the page
 * @property {(ids: string | string[], opts?: PrintOptions) => Cleanup} [checklistPrintSetup]
 */

(function () {
  "use strict";
  /** @typedef {{area: HTMLTextAreaElement, wrap: HTMLElement, toggle: HTMLButtonElement, print: HTMLElement, conflict?: HTMLElement}} NoteParts */
  /** @typedef {import("./checklist-core.js").Item & {row: HTMLTableRowElement, note: NoteParts}} PageItem */
  /** @typedef {import("./checklist-core.js").Op} Op */

  const win = /** @type {Window & ChecklistGlobals} */ (window);
  const core = /** @type {ChecklistCoreModule} */ (win.ChecklistCore);
  if (!core) return;

  const now = () => new Date().toISOString();

  /** @type {PageHelpers["el"]} */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    // Each value a string, or true for an attribute without a value; null, undefined and false leave it out.
    for (const [key, value] of /** @type {[string, any][]} */ (Object.entries(attrs || {}))) {
      if (value == null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  /** @type {PageHelpers["button"]} */
  function button(label, onClick, extra) {
    const b = el("button", { type: "button", class: "checklist-button", text: label, ...extra });
    b.addEventListener("click", onClick);
    return b;
  }

  /** @param {string | undefined} text @param {any} fallback */
  const json = (text, fallback) => core.decodeField("json", text) ?? fallback;

  /* An item of the page: its own fields as the build declares them (data-checklist-fields: readItem needs no
   * change for a new one), its section and stages from its table, its text and choices from its cells. */
  /** @param {HTMLTableRowElement} row @param {import("./checklist-core.js").Field[]} fields @returns {Omit<PageItem, "note">} */
  function readItem(row, fields) {
    const table = /** @type {HTMLTableElement} */ (row.closest("table"));
    const section = /** @type {string} */ (table.dataset.checklistSection);
    const title = table.querySelector(".checklist-section-title");
    const label = row.querySelector(".checklist-text");
    const id = /** @type {string} */ (row.dataset.checklistItemId);
    return /** @type {Omit<PageItem, "note">} */ ({
      ...core.readFields(fields, (name) => row.getAttribute(name)),
      id,
      section,
      sectionTitle: title ? title.textContent.trim() : section,
      stages: core.decodeField("words", table.dataset.checklistStage),
      text: label ? label.textContent.replace(/\s+/g, " ").trim() : id,
      choices: Array.from(/** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll(".checklist-choice-input")), (input) => {
        const lab = row.querySelector('label[for="' + input.id + '"]');
        return { id: input.value, label: lab ? lab.textContent.trim() : input.value };
      }),
      row,
    });
  }

  /* The folder of the built site ("/prod/"), from the page's path to the root. */
  function siteScope() {
    return new URL(document.documentElement.dataset.content_root || "./", location.href).pathname;
  }

  // The site's storage prefix (checklist_storage_prefix, on every checklist root); the extension's default otherwise.
  let prefix = "checklist";

  /** @param {string} checklistId */
  function storeKey(checklistId) {
    return core.storageKey(prefix, checklistId, siteScope());
  }

  const ROOM = "Storage has room again: every change on this page is now saved.";

  /** @implements {PageController} */
  class Controller {
    // Set by load() and by the builders of the toolbar and rows (tsconfig: no strictPropertyInitialization).
    /** @type {import("./checklist-core.js").Store} */ store;
    /** @type {string} the id of the copy shown */ current;
    /** @type {string | null} the text last read or written */ stored;
    /** @type {HTMLSelectElement} */ copySelect;
    /** @type {HTMLElement} */ progressText;
    /** @type {HTMLProgressElement} */ progressBar;
    /** @type {HTMLElement} */ filterCount;
    /** @type {HTMLInputElement} */ fileInput;
    /** @type {HTMLButtonElement} */ openButton;
    /** @type {HTMLElement} */ shareBox;
    /** @type {HTMLElement} */ statusLine;
    /** @type {HTMLElement | undefined} */ noticeLine;
    /** @type {HTMLElement | undefined} the Undo of the last destructive action */ undoLine;
    /** @type {HTMLElement | undefined} answers to items this page does not show */ asideLine;
    /** @type {HTMLElement | undefined} the form of New copy, Rename and New convening pack */ copyForm;
    /** @type {(() => void) | undefined} closes that form, focusing the button that opened it */ closeForm;
    /** @type {HTMLButtonElement | undefined} the button of the form open */ formOpener;
    /** @type {string | undefined} the copy the status line speaks of */ statusFor;
    /** @type {string} what each checklist of the pack last saved holds */ packHeld = "";
    /** @type {boolean} the answers kept aside were discarded (their Undo is showing) */ discarded = false;
    /** @type {HTMLElement | null} the menu panel open */ openPanel = null;
    /** @type {HTMLButtonElement} */ copyButton;
    /** @type {HTMLButtonElement} */ filterButton;
    /** @type {HTMLElement | undefined} assessments: the results at a glance, under the toolbar */ glance;
    /** @type {Map<Element, {label: HTMLElement, items: PageItem[]}>} section table -> its progress label and items */ sections;

    /** @param {string} id @param {HTMLElement[]} roots */
    constructor(id, roots) {
      this.id = id;
      this.roots = roots;
      this.key = storeKey(id);
      // The build writes every attribute read here.
      const data = /** @type {Record<string, string>} */ (roots[0].dataset);
      /** @type {import("./checklist-core.js").Meta} */
      this.meta = {
        id,
        title: data.checklistTitle,
        version: data.checklistVersion,
        kind: data.checklistKind,
        scale: json(data.checklistScale, null),
        groups: json(data.checklistGroups, []),
        outcomes: json(data.checklistOutcomes, []),
        stageLabels: json(data.checklistStageLabels, {}),
        roleLabels: json(data.checklistRoleLabels, {}),
      };
      const fields = json(data.checklistFields, []);
      /** @type {PageItem[]} */
      this.items = [];
      for (const root of roots) {
        for (const row of /** @type {NodeListOf<HTMLTableRowElement>} */ (root.querySelectorAll("tr.checklist-item"))) this.items.push(/** @type {PageItem} */ (readItem(row, fields)));
      }
      this.byId = new Map(this.items.map((it) => [it.id, it]));
      // Only a page that shows every item may drop answers to items that are gone.
      this.known = this.items.length === Number(data.checklistItemCount) ? Array.from(this.byId.keys()) : null;
      this.filters = core.readFilters(location.search, id);
      /** @type {any} the timer of a save soon, or null */
      this.saveTimer = null;
      /** @type {Op[]} this tab's changes not yet written: replayed on whatever the other tabs saved */
      this.pending = [];
      /** @type {string[]} every notice shown, newest last */
      this.notices = [];
      // Changes that could not be saved (storage full or switched off) would be lost with the tab: the browser asks
      // first. Listened to only while something is unsaved (guardUnload), so other pages keep the back-forward cache.
      this.onLeave = (/** @type {BeforeUnloadEvent} */ event) => {
        if (this.saveTimer !== null) this.save();
        if (!this.pending.length) return this.guardUnload();
        event.preventDefault();
        event.returnValue = "";
      };
      /** @type {boolean} whether onLeave listens */
      this.guarding = false;
    }

    start() {
      this.load();
      this.buildToolbar();
      this.enhanceRows();
      if (this.meta.kind === "assessment") this.buildSummary();
      for (const root of this.roots) {
        root.classList.add("checklist-enhanced");
        root.addEventListener("change", (event) => this.onChange(event));
        root.addEventListener("input", (event) => this.onInput(event));
      }
      // A note typed just before leaving is saved even if its short delay has not run out.
      window.addEventListener("pagehide", () => {
        if (this.saveTimer !== null) this.save();
      });

      // Another tab saved: show its changes, with this tab's unsaved ones on top.
      window.addEventListener("storage", (event) => {
        if (event.key === this.key || event.key === null) this.reread();
        if (event.key === packsKey() || event.key === null) this.syncPacks(true);
      });
      this.showCopy();
      this.applyFilters(false);
      // A share link, opened with the page or on it: checklist-export.js asks before it adds the shared copy.
      const shared = () => { if (/^#share=/.test(location.hash)) this.later("Export", "offerShare"); };
      window.addEventListener("hashchange", shared);
      shared();
    }

    /* ---- storage: every save merges this tab's changes into what is stored, so tabs never undo each other ---- */

    load() {
      this.store = this.readBase() || core.emptyStore(this.id, now());
      this.current = this.store.current;
      this.syncPacks(false);
      // Record this page's version, and prune if it is the newest; a visitor who only reads writes nothing.
      if (this.stored !== null || this.pending.length) this.save(true);
    }

    /* The saved text; data saved before keys named the site's folder is copied across, never moved. */
    readText() {
      const legacy = core.storageKey(prefix, this.id, "");
      let text = localStorage.getItem(this.key);
      if (text !== null || legacy === this.key) return text;
      text = localStorage.getItem(legacy);
      if (text !== null) {
        try { localStorage.setItem(this.key, text); } catch (e) { /* read from the old key until a save succeeds */ }
      }
      return text;
    }

    /* The stored answers, or null when the page may not write (it says why, and keeps the saved text intact). */
    readBase() {
      let text;
      try {
        text = this.readText();
      } catch (e) {
        return this.readOnly("This browser does not let the page keep your answers (storage is disabled): nothing is saved. Export them before you leave.");
      }
      const parsed = core.parseStore(text, this.id, now());
      this.stored = text;
      // Already set aside by this page, but the fresh copy could not replace it yet.
      if (!parsed.problem || text === this.asideText) return parsed.store;
      if (parsed.problem === "newer") {
        return this.readOnly("Saved answers for this checklist were made by a newer version of the handbook. " +
          "Reload the page to get the latest version; until then nothing is saved here, so they stay as they are.", text);
      }
      const why = parsed.problem === "foreign" ? "belong to another checklist" : "could not be read";
      const aside = this.key + ":set-aside:" + Date.now();
      if (!setAside(aside, /** @type {string} */ (text))) {
        return this.readOnly("Saved answers for this checklist " + why + ", and there is no room to set them aside. " +
          "They are left as they were and nothing is saved here: download them, then free some browser storage.", text);
      }
      // Met while open (another tab wrote it): what this page shows replaces it; on loading, a fresh copy.
      const base = this.store ? core.parseStore(core.serialise(this.store), this.id, now()).store : parsed.store;
      this.notice("Saved answers for this checklist " + why + ". They were set aside (browser storage key “" + aside + "”) and " +
        (this.store ? "the answers on this page replace them." : "a fresh copy was started."));
      /** @type {string | null} */
      this.asideText = text;
      try { this.write(base); } catch (e) { /* the next save tries again */ }
      return base;
    }

    /** @param {string} message @param {string | null} [raw] the saved text, kept for the reader to download */
    readOnly(message, raw) {
      this.locked = true;
      this.raw = raw;
      this.notice(message);
      if (raw !== undefined && this.noticeLine) this.offerRaw();
      return null;
    }

    /** @param {import("./checklist-core.js").Store} store */
    write(store) {
      const text = core.serialise(store);
      if (text !== this.stored) localStorage.setItem(this.key, text);
      this.stored = text;
    }

    copy() {
      return this.store.runs[this.current];
    }

    /* A change made in this tab: shown at once, written now or (notes, while typing) soon. */
    /** @param {Op} op @param {boolean} [soon] */
    change(op, soon) {
      this.queue(op);
      if (soon) this.saveSoon();
      else this.save();
    }

    /** @param {Op} op */
    queue(op) {
      op.at = now();
      const last = this.pending[this.pending.length - 1];
      // A note typed letter by letter is one change.
      if (op.op === "set" && last && last.op === "set" && last.copy === op.copy && last.item === op.item) {
        Object.assign(last.patch, op.patch);
        last.at = op.at;
        // The note's base stays the one the first letter was typed on.
        if (op.base !== undefined && last.base === undefined) last.base = op.base;
      } else {
        this.pending.push(op);
      }
      core.applyOp(this.store, op);
      this.guardUnload();
      if (op.op === "add" || op.op === "current" || !this.store.runs[this.current]) this.current = this.store.current;
    }

    /* Re-read what every tab saved, replay this tab's changes on it, write the result. When the write fails
     * (storage full) nothing is dropped: the changes stay on screen and are retried with the next one. */
    /** @param {boolean} [tidy] save even with no change of this tab's (to record the version seen) */
    save(tidy) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      if (this.locked || !(tidy || this.pending.length)) return;
      const before = this.stored;
      const base = this.readBase();
      if (!base) return;
      const theirs = this.stored !== before;  // another tab saved since this one last read
      const next = core.replay(base, this.pending);
      if (core.observe(next, this.meta.version) && !this.older) {
        this.older = true;
        this.notice("This page is an older copy of the checklist (version " + this.meta.version + "; your answers were last used with version " +
          next.seen + "). Answers to items it does not show are kept. Reload to get the latest version.");
      }
      try {
        this.write(next);
      } catch (e) {
        if (this.pending.length) {
          // Replaces the notice that there was room (and one of these with the other reason), not the others.
          this.notice(this.unsaved = "Your latest changes are not saved yet: " + (e && /** @type {Error} */ (e).name === "QuotaExceededError" ? "browser storage is full" : "the browser refused to store them") +
            ". They stay on this page and are saved with your next change once there is room; export them to be safe.", this.unsaved || ROOM);
        }
        return this.adopt(next, theirs);
      }
      this.pending = [];
      this.guardUnload();
      if (this.unsaved) {
        this.notice(ROOM, this.unsaved);
        this.unsaved = null;
      }
      this.adopt(next, theirs);
    }

    /* The warning before the page unloads: on while a change is unsaved, off once every change is saved. */
    guardUnload() {
      const on = this.pending.length > 0;
      if (on === !!this.guarding) return;
      this.guarding = on;
      if (on) window.addEventListener("beforeunload", this.onLeave);
      else window.removeEventListener("beforeunload", this.onLeave);
    }

    saveSoon() {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.save(), 250);
    }

    reread() {
      if (this.locked) return;
      const before = this.stored;
      const base = this.readBase();
      if (base) this.adopt(core.replay(base, this.pending), this.stored !== before);
    }

    /* Show the store; this tab keeps its own copy unless another tab deleted it. */
    /** @param {import("./checklist-core.js").Store} store @param {boolean} changed */
    adopt(store, changed) {
      const gone = !/** @type {import("./checklist-core.js").Copy | undefined} */ (store.runs[this.current]) && this.copy();
      this.store = store;
      if (gone) {
        this.current = store.current;
        this.notice("The copy “" + gone.name + "” was deleted in another tab; now showing “" + this.copy().name + "”.");
      }
      if (changed && this.copySelect) this.showCopy();
    }

    /* ---- toolbar: copies, progress, filters, actions, then the lines for messages ---- */

    /* One row of menu buttons (each a WAI-ARIA disclosure: its panel opens below the row), behind one Tools button
     * on phones; then the progress, with Next unanswered and (assessments) Jump to results; then the messages. */
    buildToolbar() {
      const prefix = "checklist-" + this.id + "-tool-";
      const panels = [this.copyTools(prefix), this.filterTools(prefix), this.actionTools(prefix)];
      this.copyButton = this.disclosure(panels[0], "Copy");
      this.filterButton = this.disclosure(panels[1], "Filter");
      const menus = el("div", { class: "checklist-menus", id: prefix + "menus" }, [this.copyButton, this.filterButton,
        this.disclosure(panels[2], "Save & share"),
        this.openButton = button("Print or pack…", () => this.later("Print", "open"), { "aria-haspopup": "dialog" })]);
      if (this.meta.kind === "assessment") menus.append(button("Compare…", () => this.later("Compare", "open"), { "aria-expanded": "false", "aria-controls": "checklist-" + this.id + "-compare" }));
      const bar = el("div", { class: "checklist-toolbar", role: "group", "aria-label": "Tools for " + this.meta.title }, [
        el("div", { class: "checklist-toolbar-row" }, [this.disclosure(menus, "Tools", "checklist-tools-toggle"), menus]),
        ...panels, this.progressTools(),
        this.shareBox = el("div", { class: "checklist-share", hidden: true }),
        this.statusLine = el("p", { class: "checklist-status", role: "status", id: prefix + "status" }),
        this.undoLine = el("div", { class: "checklist-undo", hidden: true }),
        this.asideLine = el("div", { class: "checklist-aside", role: "region", "aria-label": "Answers kept aside: " + this.meta.title, hidden: true }),
        this.noticeLine = el("div", { class: "checklist-notice", role: "alert", hidden: true }),
      ]);
      bar.addEventListener("keydown", (event) => {
        const open = this.openPanel;
        if (event.key !== "Escape" || !open) return;
        this.toggle(open, false);
        /** @type {HTMLElement} */ (bar.querySelector('[aria-controls="' + open.id + '"]')).focus();
      });
      const first = this.roots[0];
      first.insertBefore(bar, first.querySelector(".checklist-scale-box, .checklist-table-wrapper"));
      if (this.meta.kind === "assessment") bar.after(this.glance = el("div", { class: "checklist-glance" }));
      this.showEarlyMessages();
    }

    /* A button that shows and hides `panel` (one panel open at a time). */
    /** @param {HTMLElement} panel @param {string} label @param {string} [cls] */
    disclosure(panel, label, cls) {
      const b = button(label, () => this.toggle(panel, panel.hidden), { class: "checklist-button checklist-menu-button " + (cls || ""), "aria-expanded": "false", "aria-controls": panel.id });
      panel.hidden = true;
      return b;
    }

    /** @param {HTMLElement} panel @param {boolean} show */
    toggle(panel, show) {
      const tools = panel.classList.contains("checklist-menus");
      if (show && !tools && this.openPanel && this.openPanel !== panel) this.toggle(this.openPanel, false);
      panel.hidden = !show;
      if (!tools) this.openPanel = show ? panel : null;
      const b = this.roots[0].querySelector('[aria-controls="' + panel.id + '"]');
      if (b) b.setAttribute("aria-expanded", String(show));
      // The panel opens below the row of buttons: its first control takes the focus, and Escape gives it back.
      if (show && !tools) /** @type {HTMLElement} */ (panel.querySelector("select, input:not([hidden]), button")).focus();
    }

    /** The copy shown, and the buttons that make, rename, clear and delete copies. @param {string} prefix */
    copyTools(prefix) {
      // Its id keeps the older word ("tool-run"): anchors.py reserves it, and links may point at it.
      const select = this.copySelect = el("select", { id: prefix + "run", class: "checklist-copy-select" });
      select.addEventListener("change", () => {
        this.change({ op: "current", copy: select.value });
        this.showCopy();
        this.status("Switched to “" + this.copy().name + "”.");
      });
      // New copy, Rename and New convening pack ask in a form under the buttons (no browser prompt); Reset and
      // Delete act at once and offer Undo.
      const form = this.copyForm = el("div", { class: "checklist-inline-form", hidden: true });
      // Escape anywhere in the form closes it (not the menu it is in), as Cancel does.
      form.addEventListener("keydown", (event) => {
        if (event.key !== "Escape" || form.hidden || !this.closeForm) return;
        event.stopPropagation();
        this.closeForm();
      });
      /** @param {string} label @param {(b: HTMLButtonElement) => void} act @param {Record<string, string>} [extra] */
      const opener = (label, act, extra) => {
        const b = button(label, () => act(b), extra);
        return b;
      };
      return el("div", { class: "checklist-toolbar-row checklist-panel checklist-copies", id: prefix + "copies" }, [
        el("label", { for: prefix + "run", text: "Copy shown" }), select,
        opener("New copy", (b) => this.newCopy(b)),
        opener("Rename", (b) => this.renameCopy(b)),
        opener("New convening pack", (b) => this.newPack(b)),
        button("Reset", () => this.reset(), { class: "checklist-button checklist-button-danger" }),
        button("Delete copy", () => this.deleteCopy(), { class: "checklist-button checklist-button-danger" }),
        this.copyForm,
      ]);
    }

    progressTools() {
      this.progressText = el("p", { class: "checklist-progress", "aria-live": "polite" });
      this.progressBar = el("progress", { class: "checklist-progress-bar", max: "1", value: "0", "aria-hidden": "true" });
      this.filterCount = el("span", { class: "checklist-filter-count" });
      const row = el("div", { class: "checklist-toolbar-row" }, [this.progressText, this.progressBar, this.filterCount,
        button("Next unanswered", () => this.nextUnanswered())]);
      if (this.meta.kind === "assessment") row.append(el("a", { href: "#checklist-" + this.id + "-results", class: "checklist-jump", text: "Jump to results" }));
      return row;
    }

    /* Scroll to the first unanswered item shown after the one in focus (or the top), and focus its first control. */
    nextUnanswered() {
      const answers = this.copy().items;
      const open = this.items.filter((it) => !it.row.hidden && !core.isAnswered(answers[it.id], this.meta.kind));
      const from = this.items.findIndex((it) => it.row.contains(document.activeElement));
      const next = open.find((it) => this.items.indexOf(it) > from) || open[0];
      if (!next) return this.status("Every item shown is answered.");
      next.row.scrollIntoView({ block: "center" });
      /** @type {HTMLElement} */ (next.row.querySelector("input")).focus({ preventScroll: true });
    }

    /** @param {string} prefix */
    filterTools(prefix) {
      const row = el("div", { class: "checklist-toolbar-row checklist-panel checklist-filters", id: prefix + "filters" });
      this.addListFilters(row, prefix);
      const unanswered = el("input", { type: "checkbox", id: prefix + "unanswered", checked: this.filters.unanswered });
      unanswered.addEventListener("change", () => this.setFilter("unanswered", unanswered.checked));
      row.append(el("span", { class: "checklist-inline" }, [unanswered, el("label", { for: prefix + "unanswered", text: "Unanswered only" })]));
      const search = el("input", { type: "search", id: prefix + "q", value: this.filters.q || "", autocomplete: "off" });
      search.addEventListener("input", () => this.setFilter("q", search.value.trim()));
      row.append(el("span", { class: "checklist-inline" }, [el("label", { for: prefix + "q", text: "Search" }), search]));
      row.append(button("Clear filters", () => {
        this.filters = {};
        row.querySelectorAll("select").forEach((s) => { s.value = ""; });
        unanswered.checked = false;
        search.value = "";
        this.applyFilters(true);
      }));
      return row;
    }

    /* A list to choose from for role, stage, section and outcome, each only when it can narrow the items. */
    /** @param {HTMLElement} row @param {string} prefix */
    addListFilters(row, prefix) {
      const items = this.items;
      const meta = this.meta;
      const roles = Array.from(new Set(items.flatMap((it) => it.roles)));
      this.filterSelect(row, prefix, "role", "Role", "Every role", roles.map((r) => [r, meta.roleLabels[r] || r]));
      // Only worth a filter when sections differ in when they apply.
      if (items.some((it) => it.stages.length < Object.keys(meta.stageLabels).length)) {
        this.filterSelect(row, prefix, "stage", "Stage", "Every stage", Object.entries(meta.stageLabels));
      }
      const sections = Array.from(new Map(items.map((it) => [it.section, it.sectionTitle])));
      if (sections.length > 1) this.filterSelect(row, prefix, "section", "Section", "Every section", sections);
      if (meta.outcomes.length && items.some((it) => it.appliesTo.length)) {
        this.filterSelect(row, prefix, "outcome", "Only what matters for", "All", meta.outcomes.map((o) => [o.id, o.title]));
      }
    }

    /**
     * @param {HTMLElement} parent @param {string} prefix the start of the ids of the toolbar's controls
     * @param {"role" | "stage" | "section" | "outcome"} name @param {string} label @param {string} allLabel
     * @param {string[][]} options [value, label] pairs
     */
    filterSelect(parent, prefix, name, label, allLabel, options) {
      const id = prefix + name;
      const select = el("select", { id }, [el("option", { value: "", text: allLabel })].concat(options.map((o) => el("option", { value: o[0], text: o[1] }))));
      select.value = this.filters[name] || "";
      select.addEventListener("change", () => this.setFilter(name, select.value));
      parent.append(el("span", { class: "checklist-inline" }, [el("label", { for: id, text: label }), select]));
    }

    /** Exports, import and share link. @param {string} prefix */
    actionTools(prefix) {
      const file = this.fileInput = el("input", { type: "file", accept: "application/json,.json", class: "checklist-file-input", id: prefix + "import", hidden: true });
      file.addEventListener("change", () => this.later("Export", "importFile"));
      return el("div", { class: "checklist-toolbar-row checklist-panel", id: prefix + "save" }, [
        button("Export CSV", () => this.later("Export", "download", "csv")),
        button("Export Markdown", () => this.later("Export", "download", "md")),
        button("Export JSON", () => this.later("Export", "download", "json")),
        button("Import JSON", () => file.click()),
        file,
        button("Share link", () => this.later("Export", "share")),
      ]);
    }

    /* What loading had to say before the toolbar was there to say it. */
    showEarlyMessages() {
      const last = this.notices.pop();
      if (last) this.notice(last);
      if (this.raw !== undefined) this.offerRaw();
    }

    /* ---- rows: notes and print helpers ---- */

    enhanceRows() {
      this.sections = new Map();
      for (const item of this.items) {
        const cell = /** @type {HTMLElement} */ (item.row.querySelector(".checklist-col-item"));
        const noteId = item.row.id + "-note";
        const area = el("textarea", { id: noteId, class: "checklist-note-input", rows: "2" });
        const wrap = el("div", { id: noteId + "-wrap", class: "checklist-note", hidden: true }, [
          el("label", { for: noteId, class: "checklist-note-label", text: "Note on: " + item.text }), area]);
        const toggle = button("Note", () => {
          wrap.hidden = !wrap.hidden;
          toggle.setAttribute("aria-expanded", String(!wrap.hidden));
          if (!wrap.hidden) area.focus();
        }, { class: "checklist-button checklist-note-toggle", "aria-expanded": "false", "aria-controls": wrap.id });
        item.note = { area, wrap, toggle, print: el("p", { class: "checklist-note-print" }) };
        cell.append(toggle, wrap, item.note.print);
        const table = /** @type {HTMLTableElement} */ (item.row.closest("table"));
        let section = this.sections.get(table);
        if (!section) {
          const label = el("span", { class: "checklist-section-progress" });
          /** @type {HTMLElement} */ (table.querySelector("caption")).append(label);
          this.sections.set(table, section = { label, items: [] });
        }
        section.items.push(item);
      }
    }

    /** @param {PageItem[]} items */
    progressOf(items) {
      const p = core.progress(items, this.copy().items, this.meta.kind);
      return { ...p, text: p.done + " of " + p.total + (this.meta.kind === "assessment" ? " rated" : " done") };
    }

    /* ---- answers ---- */

    /** @param {Event} event */
    onChange(event) {
      const input = /** @type {HTMLInputElement} */ (event.target);
      const row = /** @type {HTMLElement | null} */ (input.closest && input.closest("tr.checklist-item"));
      if (!row || !input.classList) return;
      const itemId = /** @type {string} */ (row.dataset.checklistItemId);
      /** @type {import("./checklist-core.js").Answer | null} */
      let patch = null;
      if (input.classList.contains("checklist-choice-input")) patch = { choice: input.value };
      else if (input.classList.contains("checklist-note-input")) return this.noteChanged(input, itemId);
      else if (input.type === "checkbox" && input.value === "done") patch = { done: input.checked };
      else if (input.type === "checkbox" && input.value === "na") patch = { na: input.checked };
      else if (input.type === "radio") patch = { rating: input.value };
      if (!patch) return;
      this.change({ op: "set", copy: this.current, item: itemId, patch });
      this.refreshItem(/** @type {PageItem} */ (this.byId.get(itemId)));
      this.refreshTotals();
      if (this.filters.unanswered) this.applyFilters(false);
    }

    /** @param {Event} event */
    onInput(event) {
      const input = /** @type {HTMLTextAreaElement} */ (event.target);
      if (!input.classList || !input.classList.contains("checklist-note-input")) return;
      const itemId = /** @type {string} */ (/** @type {HTMLElement} */ (input.closest("tr.checklist-item")).dataset.checklistItemId);
      this.noteChanged(input, itemId, true);
    }

    /* A note typed: the change carries the note as it was before (its base), so that a note another tab saved
     * meanwhile is kept beside this one rather than replaced (core.mergeNote). */
    /** @param {HTMLInputElement | HTMLTextAreaElement} input @param {string} itemId @param {boolean} [soon] */
    noteChanged(input, itemId, soon) {
      const base = (this.copy().items[itemId] || {}).note || "";
      if (input.value === base) {
        if (!soon && this.saveTimer !== null) this.save();  // left the field: what was typed is saved now
        return;
      }
      this.change({ op: "set", copy: this.current, item: itemId, patch: { note: input.value }, base }, soon);
      const item = /** @type {PageItem} */ (this.byId.get(itemId));
      item.note.print.textContent = input.value;
      if (!soon) {
        this.refreshItem(item);
        this.refreshTotals();
      }
    }

    /** @param {PageItem} item */
    refreshItem(item) {
      const a = this.copy().items[item.id] || {};
      for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (item.row.querySelectorAll("input.checklist-control"))) {
        if (input.classList.contains("checklist-choice-input")) input.checked = a.choice === input.value;
        else if (input.type === "checkbox") input.checked = input.value === "done" ? !!a.done : !!a.na;
        else input.checked = a.rating === input.value;
      }
      item.row.classList.toggle("checklist-is-done", !!a.done);
      item.row.classList.toggle("checklist-is-na", !!a.na);
      item.row.classList.toggle("checklist-has-note", !!a.note);
      // Only when it differs: a note being typed keeps its caret when another tab saves.
      if (item.note.area.value !== (a.note || "")) item.note.area.value = a.note || "";
      item.note.print.textContent = a.note || "";
      if (a.note || a.conflict) {
        item.note.wrap.hidden = false;
        item.note.toggle.setAttribute("aria-expanded", "true");
      }
      this.showConflict(item, a);
    }

    /* Two versions of a note saved at once (in two tabs or windows): the field holds one, the other is shown under
     * it, with the ways out. Nothing is dropped until the reader chooses, and a choice can be undone. */
    /** @param {PageItem} item @param {import("./checklist-core.js").Answer} a */
    showConflict(item, a) {
      const parts = item.note;
      const said = "A note was changed in two tabs or windows at once, and both versions are kept: choose which to keep at the note on “" + item.text + "”";
      if (!a.conflict) {
        if (parts.conflict) parts.conflict.hidden = true;
        this.dropNotice(said);
        return;
      }
      const other = a.conflict;
      if (parts.conflict && !parts.conflict.hidden && parts.conflict.dataset.version === other) return;
      const id = item.row.id + "-note-conflict";
      const words = el("p", { id: id + "-words", text: "This note was changed in two tabs or windows at the same time. Both versions are kept: " +
        "the note above is one, this is the other." });
      const text = el("p", { class: "checklist-note-conflict-text", text: other });
      // Each choice reads the note as it is when pressed (it may have been edited since the box appeared).
      /** @param {string} label @param {(note: string) => import("./checklist-core.js").Answer} patch @param {string} done */
      const choose = (label, patch, done) => button(label, () => {
        const before = { ...(this.copy().items[item.id] || {}) };
        this.change({ op: "set", copy: this.current, item: item.id, patch: { ...patch(before.note || ""), conflict: "" }, base: before.note || "" });
        this.refreshItem(item);
        this.refreshTotals();
        parts.area.focus();
        this.offerUndo(done, [{ op: "restore", copy: this.current, items: { [item.id]: before } }], parts.area);
      });
      const box = el("div", { id, class: "checklist-note-conflict", role: "group", "aria-labelledby": words.id, "data-version": other }, [words, text,
        el("div", { class: "checklist-inline-actions" }, [
          choose("Keep both", (note) => ({ note: (note ? note + "\n\n" : "") + other }), "Both versions are now in the note."),
          choose("Use this version", () => ({ note: other }), "The note now holds the other version."),
          choose("Keep the note above", () => ({}), "The other version of the note was dropped."),
        ])]);
      if (parts.conflict) parts.conflict.replaceWith(box);
      else parts.area.after(box);
      parts.conflict = box;
      this.notice(said);
    }

    /* Show the copy chosen: the list of copies, every answer, the totals and the filters. */
    showCopy() {
      const runs = this.store.runs;
      this.copySelect.replaceChildren(...Object.keys(runs).map((id) => {
        const copy = runs[id];
        return el("option", { value: id, text: copy.name + (copy.pack ? " (convening pack)" : "") });
      }));
      this.copySelect.value = this.current;
      this.copyButton.textContent = "Copy: " + this.copy().name;
      for (const item of this.items) this.refreshItem(item);
      this.refreshTotals();
      this.applyFilters(false);
      this.clearStaleStatus();
      this.showAside();
    }

    /* ---- answers to items this page does not show: kept, said, exported, discarded only when asked (with Undo) ---- */

    /** What the checklist `checklistId` holds under `name`, in words (for the pack's choices). @param {string} checklistId @param {string} name @returns {string} */
    heldIn(checklistId, name) {
      return heldText(checklistId, name, this);
    }

    /** How many answers of `copy` are to items this page does not show (0 when it shows only some). @param {import("./checklist-core.js").Copy} copy */
    unknownCount(copy) {
      if (!this.known) return 0;
      const known = new Set(this.known);
      return Object.keys(copy.items).filter((id) => !known.has(id)).length;
    }

    showAside() {
      const line = this.asideLine;
      if (!line) return;
      const found = this.known ? core.unknownAnswers(this.store, this.known) : { count: 0, copies: {} };
      // Just discarded: the line keeps its Undo until other such answers arrive (an import, another tab).
      if (this.discarded && !found.count) return;
      this.discarded = false;
      if (!found.count) {
        line.hidden = true;
        line.replaceChildren();
        return;
      }
      const names = Object.keys(found.copies).map((id) => "“" + this.store.runs[id].name + "”");
      const why = this.older ? "items this older page does not show (a newer version of the checklist has them)"
        : "items this checklist no longer has (or does not have yet)";
      const text = answersText(found.count) + " to " + why + (found.count === 1 ? " is" : " are") + " kept aside, in " + names.join(", ") +
        ": saved, and exported again with “Export JSON”.";
      if (line.dataset.text === text) return;
      line.dataset.text = text;
      const words = el("p", { text });
      const actions = el("div", { class: "checklist-inline-actions" }, [
        button("Download them", () => this.downloadAside(found.copies)),
      ]);
      if (!this.older) actions.append(button("Discard them", () => this.discardAside(found.copies), { class: "checklist-button checklist-button-danger" }));
      line.replaceChildren(words, actions);
      line.hidden = false;
    }

    /** @param {Record<string, import("./checklist-core.js").Answers>} copies */
    downloadAside(copies) {
      const runs = Object.keys(copies).map((id) => ({ copy: id, name: this.store.runs[id] ? this.store.runs[id].name : id, items: copies[id] }));
      saveFile(this.id + "-answers-kept-aside.json", JSON.stringify({ format: 1, type: "checklist-kept-aside", checklist: this.id,
        version: this.meta.version, exported: now(), runs }, null, 2) + "\n", "application/json");
      this.status("Downloaded the answers kept aside (" + this.id + "-answers-kept-aside.json).");
    }

    /** @param {Record<string, import("./checklist-core.js").Answers>} copies */
    discardAside(copies) {
      const ids = Object.keys(copies);
      let count = 0;
      for (const id of ids) {
        count += Object.keys(copies[id]).length;
        this.queue({ op: "discard", copy: id, items: Object.keys(copies[id]) });
      }
      this.save();
      const line = /** @type {HTMLElement} */ (this.asideLine);
      delete line.dataset.text;
      this.discarded = true;
      const undo = button("Undo", () => {
        for (const id of ids) this.queue({ op: "restore", copy: id, items: copies[id] });
        this.save();
        this.discarded = false;
        this.showCopy();
        this.status("Undone: the " + answersText(count) + " kept aside are back.");
        /** @type {HTMLElement | null} */ (line.querySelector("button"))?.focus();
      });
      line.replaceChildren(el("p", { text: "Discarded " + answersText(count) + " to items this checklist no longer has." }),
        el("div", { class: "checklist-inline-actions" }, [undo]));
      undo.focus();
      this.showCopy();
    }

    refreshTotals() {
      const overall = this.progressOf(this.items);
      this.progressText.textContent = overall.text;
      this.progressBar.max = Math.max(overall.total, 1);
      this.progressBar.value = overall.done;
      this.sections.forEach((section) => { section.label.textContent = this.progressOf(section.items).text; });
      if (this.summary) this.renderSummary();
    }

    /* ---- assessment results: at a glance under the toolbar, in full at the end; drawn by checklist-results.js ---- */

    buildSummary() {
      const heading = el("p", { class: "checklist-summary-title", id: "checklist-" + this.id + "-results", tabindex: "-1", text: "Your results: " + this.meta.title });
      this.summary = el("div", { class: "checklist-summary", role: "region", "aria-labelledby": heading.id });
      this.summaryBody = el("div");
      this.summary.append(heading, this.summaryBody);
      this.roots[this.roots.length - 1].append(this.summary);
    }

    /* Only a copy with a rating has results: until then nothing more is downloaded. */
    renderSummary() {
      const answers = this.copy().items;
      if (!this.items.some((it) => answers[it.id] && answers[it.id].rating)) {
        const none = "No results yet: rate some statements and your results appear here.";
        /** @type {HTMLElement} */ (this.glance).replaceChildren(el("p", { text: none }));
        return /** @type {HTMLElement} */ (this.summaryBody).replaceChildren(el("p", { text: none }));
      }
      this.later("Results", "render", this.glance, this.summaryBody);
    }

    /* ---- filters ---- */

    /** @param {keyof import("./checklist-core.js").Filters} name @param {string | boolean} value */
    setFilter(name, value) {
      if (value) /** @type {Record<string, string | boolean>} */ (this.filters)[name] = value;
      else delete this.filters[name];
      this.applyFilters(true);
    }

    /** @param {boolean} writeUrl */
    applyFilters(writeUrl) {
      const answers = this.copy().items;
      let shown = 0;
      for (const item of this.items) {
        const visible = core.matches(item, answers[item.id], this.filters, this.meta.kind);
        item.row.hidden = !visible;
        if (visible) shown++;
      }
      for (const root of this.roots) {
        for (const wrapper of root.querySelectorAll(".checklist-table-wrapper")) {
          /** @type {HTMLElement} */ (wrapper).hidden = !wrapper.querySelector("tr.checklist-item:not([hidden])");
        }
      }
      const active = Object.keys(this.filters).length;
      this.filterCount.textContent = active ? "Showing " + shown + " of " + this.items.length + " items" : "";
      this.filterButton.textContent = "Filter" + (active ? " (" + active + " on)" : "");
      if (writeUrl) history.replaceState(null, "", location.pathname + core.writeFilters(location.search, this.id, this.filters) + location.hash);
    }

    /* ---- copies ---- */

    /* A form under the copy buttons: a labelled field with Save and Cancel (Enter and Escape). `fields`: more
     * controls after the field; `save` returns false to keep the form open. Focus goes to the field, and back to the
     * button that opened the form when it closes. */
    /**
     * @param {HTMLButtonElement} opener @param {string} label @param {string} value
     * @param {(name: string) => boolean | void} save @param {(Node | string)[]} [fields] @param {(name: string) => void} [typed]
     */
    askName(opener, label, value, save, fields, typed) {
      const form = /** @type {HTMLElement} */ (this.copyForm);
      const id = "checklist-" + this.id + "-tool-name";
      const input = el("input", { type: "text", id, class: "checklist-name-input", value, maxlength: "120", autocomplete: "off" });
      const close = () => {
        form.hidden = true;
        form.replaceChildren();
        opener.setAttribute("aria-expanded", "false");
        opener.focus();
      };
      const done = () => { if (save(input.value) !== false) close(); };
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          done();
        } else if (event.key === "Escape") {
          event.stopPropagation();  // closes the form, not the menu it is in
          close();
        }
      });
      if (typed) input.addEventListener("input", () => typed(input.value));
      form.replaceChildren(el("label", { for: id, text: label }), input, ...(fields || []),
        el("div", { class: "checklist-inline-actions" }, [button("Save", done), button("Cancel", close)]));
      // Another form was open: its button no longer controls what shows.
      if (this.formOpener && this.formOpener !== opener) this.formOpener.setAttribute("aria-expanded", "false");
      this.formOpener = opener;
      this.closeForm = close;
      form.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      opener.setAttribute("aria-controls", (form.id = "checklist-" + this.id + "-tool-copy-form"));
      input.focus();
      input.select();
      return input;
    }

    /** @param {HTMLButtonElement} opener */
    newCopy(opener) {
      this.askName(opener, "Name of the new copy (for example: Kigali workshop, March)", "", (name) => {
        this.change({ op: "add", copy: core.newCopyId(), name: name.trim() || "Copy " + (Object.keys(this.store.runs).length + 1) });
        this.showCopy();
        this.status("Started the copy “" + this.copy().name + "”.");
      });
    }

    /** @param {HTMLButtonElement} opener */
    renameCopy(opener) {
      this.askName(opener, "New name for the copy “" + this.copy().name + "”", this.copy().name, (name) => {
        if (!name.trim()) {
          this.status("A copy needs a name: type one, or press Cancel to keep “" + this.copy().name + "”.");
          return false;
        }
        const pack = this.pack();
        if (pack) changePacks({ op: "pack", pack: /** @type {string} */ (this.copy().pack), name, checklists: pack.checklists });
        this.change({ op: "rename", copy: this.current, name });
        this.showCopy();
        this.status("Renamed to “" + this.copy().name + "”.");
      });
    }

    /* Delete at once, then offer Undo: the copy comes back with its id, name, answers, notes and pack. */
    deleteCopy() {
      const copy = this.copy();
      const id = this.current;
      const pack = this.pack();
      const packId = copy.pack;
      const was = { name: copy.name, created: copy.created, items: JSON.parse(JSON.stringify(copy.items)) };
      const self = this.id;
      if (pack) this.setPack(pack.checklists.filter((c) => c !== self));
      this.change({ op: "remove", copy: id, fresh: core.newCopyId() });
      this.showCopy();
      this.offerUndo("Deleted “" + was.name + "” (" + answersText(Object.keys(was.items).length) + ").", [
        { op: "add", copy: id, name: was.name, items: was.items, created: was.created, pack: packId },
      ], this.copySelect, () => {
        if (pack && packId) changePacks({ op: "pack", pack: packId, name: pack.name, checklists: pack.checklists });
        (win.checklistControllers || [this]).forEach((c) => { /** @type {Controller} */ (c).syncPacks(true); });
      });
    }

    /* Clear at once, then offer Undo: every answer and note comes back as it was. */
    reset() {
      const copy = this.copy();
      const items = JSON.parse(JSON.stringify(copy.items));
      this.change({ op: "reset", copy: this.current });
      this.showCopy();
      this.offerUndo("Cleared “" + copy.name + "” (" + answersText(Object.keys(items).length) + ").", [{ op: "restore", copy: this.current, items }], this.copySelect);
    }

    /* Say what was done, with an Undo button (focused) that replays `undo` (then `after`) and focuses `back`. */
    /** @param {string} text @param {Op[]} undo @param {HTMLElement} back @param {() => void} [after] */
    offerUndo(text, undo, back, after) {
      this.status(text);
      const line = /** @type {HTMLElement} */ (this.undoLine);
      const undoButton = button("Undo", () => {
        undo.forEach((op) => this.queue(op));
        this.save();
        if (after) after();
        this.showCopy();
        this.status("Undone: " + text.charAt(0).toLowerCase() + text.slice(1));
        if (back.isConnected && !back.closest("[hidden]")) back.focus();
        else this.copyButton.focus();
      }, { "aria-describedby": this.statusLine.id });
      line.replaceChildren(undoButton);
      line.hidden = false;
      undoButton.focus();
    }

    /* The saved text this page could not use, byte for byte, so it can be kept elsewhere. */
    offerRaw() {
      if (this.rawButton) return;
      const raw = /** @type {string} */ (this.raw);
      this.rawButton = button("Download the saved data", () => {
        saveFile(this.id + "-saved-data.txt", raw, "text/plain");
      });
      /** @type {HTMLElement} */ (this.noticeLine).after(this.rawButton);
    }

    /* ---- convening packs: one named copy kept by several checklists, printed together ---- */

    pack() {
      const id = this.copy().pack;
      const packs = id && readPacks();
      return (packs && id && packs.packs[id]) || null;
    }

    /* This checklist keeps a copy for each pack that lists it, named as the pack; a copy whose pack no longer
     * lists it stays as an ordinary copy. `show`: save and show at once (else the page's first save does). */
    /** @param {boolean} show */
    syncPacks(show) {
      const packs = this.locked ? null : readPacks();
      if (!packs) return;
      const store = this.store;
      const before = this.pending.length;
      for (const id of Object.keys(packs.packs)) {
        const pack = packs.packs[id];
        if (pack.checklists.indexOf(this.id) < 0) continue;
        // A copy already named as the pack is adopted with its answers, never doubled by an empty one.
        const plan = core.packOps(store, id, pack.name);
        plan.ops.forEach((op) => this.queue(op));
        if (plan.adopted) {
          this.notice("Your copy “" + store.runs[plan.adopted].name + "” (" + answersText(core.answerCount(store.runs[plan.adopted])) +
            ") now belongs to the convening pack of that name.");
        }
      }
      for (const copy of Object.keys(store.runs)) {
        const packId = store.runs[copy].pack;
        const pack = packId && packs.packs[packId];
        if (packId && !(pack && pack.checklists.indexOf(this.id) >= 0)) this.queue({ op: "pack", copy, pack: null });
      }
      if (show && this.pending.length > before) {
        this.save();
        this.showCopy();
      }
    }

    /* The current copy is kept by the checklists `ids`; fewer than two ends the pack (the copies stay). */
    /** @param {string[]} ids */
    setPack(ids) {
      const copy = this.copy();
      let pack = copy.pack;
      if (!pack && ids.length < 2) return true;
      if (!pack) {
        pack = "pack-" + core.newCopyId().slice(4);
        this.change({ op: "pack", copy: this.current, pack });
      }
      const saved = changePacks(ids.length < 2 ? { op: "unpack", pack } : { op: "pack", pack, name: copy.name, checklists: ids });
      // Every checklist of this page follows at once; those of other pages are prepared now in their stores, so
      // that a same-named copy already filled there is adopted (and prints filled) before its page is opened again.
      const here = win.checklistControllers || [this];
      here.forEach((c) => { /** @type {Controller} */ (c).syncPacks(true); });
      /** @type {string[]} */
      const held = [];
      for (const id of ids.length < 2 ? [] : ids) {
        const c = here.find((x) => x.id === id);
        const store = c ? c.store : joinPackElsewhere(id, pack, copy.name);
        const kept = store && core.packCopy(store, pack);
        held.push((c ? c.meta.title : titles.get(id) || id) + ": " + (store && kept ? answersText(core.answerCount(store.runs[kept])) : "prepared when its page is next opened"));
      }
      /** @type {string} what each checklist of the pack holds, for the messages */
      this.packHeld = held.join("; ");
      this.showCopy();
      return saved;
    }

    /* A convening pack started from the Copy menu: its name and its checklists in one form, with how many answers
     * each already holds under that name (a copy of that name is adopted, never doubled). */
    /** @param {HTMLButtonElement} opener */
    newPack(opener) {
      const list = el("fieldset", { class: "checklist-pack-pick" }, [el("legend", { text: "Checklists that keep their answers under this name" }),
        el("p", { text: "Loading the checklists…" })]);
      /** @param {string} name */
      const counts = (name) => {
        for (const label of /** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll("[data-pack-count]"))) {
          label.textContent = " — " + heldText(/** @type {string} */ (label.dataset.packCount), name, this);
        }
      };
      const start = this.copy().pack ? "" : this.copy().name;
      const input = this.askName(opener, "Name of the convening pack (for example: March convening)", start, (name) => {
        name = name.trim();
        const ids = Array.from(/** @type {NodeListOf<HTMLInputElement>} */ (list.querySelectorAll("input:checked")), (i) => i.value);
        if (!name) {
          this.status("A convening pack needs a name: type one, or press Cancel.");
          return false;
        }
        if (ids.length < 2) {
          this.status("Tick at least one other checklist for the pack “" + name + "”, or press Cancel.");
          return false;
        }
        // This checklist's copy of that name (the one shown first, then the fullest), or a new one.
        const runs = this.store.runs;
        const same = sameName(this.copy().name, name) ? this.current
          : core.sameNamedCopy(this.store, name) || Object.keys(runs).find((id) => sameName(runs[id].name, name));
        if (same) this.change({ op: "current", copy: same });
        else this.change({ op: "add", copy: core.newCopyId(), name });
        // A pack already kept under that name keeps its checklists: this form adds, it never drops one.
        const pack = this.pack();
        const saved = this.setPack(pack ? Array.from(new Set(pack.checklists.concat(ids))) : ids);
        const count = (this.pack() || { checklists: ids }).checklists.length;
        this.status(saved ? "“" + this.copy().name + "” is now a convening pack of " + count + " checklists (answers each holds: " +
          this.packHeld + "). Print them together with “Print or pack…”." : "The pack could not be saved: browser storage refused it.");
      }, [list], counts);
      siteChecklists().then((entries) => {
        list.replaceChildren(/** @type {HTMLElement} */ (list.firstChild), ...entries.map((d) => el("label", { class: "checklist-option" }, [
          el("input", { type: "checkbox", value: d.id, checked: d.id === this.id, disabled: d.id === this.id }),
          d.title + (d.id === this.id ? " (this checklist)" : ""), el("span", { "data-pack-count": d.id })])));
        counts(input.value);
      });
    }

    /* Run `fn` of the part `name` for this checklist, once the part is loaded. */
    /** @param {PartName} name @param {string} fn @param {...any} args */
    later(name, fn, ...args) {
      load(name).then((part) => { part[fn](this, ...args); }, (e) => this.status("This page " + e.message + "."));
    }

    /* ---- messages ---- */

    /* A line about the copy shown: it goes when another copy is shown (showCopy), with any Undo it offered. */
    /** @param {string} text */
    status(text) {
      this.statusLine.textContent = text;
      this.statusFor = this.current;
      if (this.undoLine) this.undoLine.hidden = true;  // an Undo is offered with its own line only (offerUndo)
    }

    /* Copy switched (here, or by another tab): what was said about the one before goes. */
    clearStaleStatus() {
      if (this.statusFor === this.current) return;
      this.statusLine.textContent = "";
      this.statusFor = this.current;
      if (this.undoLine) this.undoLine.hidden = true;
    }

    /** @param {string} text */
    dropNotice(text) {
      if (this.notices.indexOf(text) < 0) return;
      this.notices = this.notices.filter((t) => t !== text);
      if (!this.noticeLine) return;
      this.noticeLine.replaceChildren(...this.notices.map((t) => el("p", { text: t })));
      this.noticeLine.hidden = !this.notices.length;
    }

    /* Every notice stays, newest last, once each, until one that ends it (`ends`) arrives: the reader must see them all. */
    /** @param {string} text @param {string} [ends] */
    notice(text, ends) {
      const list = this.notices = this.notices.filter((t) => t !== text && t !== ends);
      list.push(text);
      if (!this.noticeLine) return;
      this.noticeLine.replaceChildren(...list.map((t) => el("p", { text: t })));
      this.noticeLine.hidden = false;
    }
  }

  /** "1 answer", "3 answers", "no answers". @param {number} n */
  function answersText(n) {
    return n === 1 ? "1 answer" : (n || "no") + " answers";
  }

  /** @param {string} a @param {string} b */
  function sameName(a, b) {
    return a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();
  }

  /* The store of a checklist of this site as saved (its controller's when it is on this page), or null. */
  /** @param {string} id @param {Controller} from @returns {import("./checklist-core.js").Store | null} */
  function storeOf(id, from) {
    /** @type {PageController | undefined} */
    const c = (win.checklistControllers || [from]).find((x) => x.id === id);
    if (c) return c.store;
    try {
      const text = localStorage.getItem(storeKey(id));
      const parsed = text === null ? null : core.parseStore(text, id, now());
      return parsed && !parsed.problem ? parsed.store : null;
    } catch (e) {
      return null;
    }
  }

  /* What a checklist holds under a name, for the pack form. */
  /** @param {string} id @param {string} name @param {Controller} from @returns {string} */
  function heldText(id, name, from) {
    const store = storeOf(id, from);
    const copy = store && name.trim() ? Object.values(store.runs).filter((r) => sameName(r.name, name))
      .sort((a, b) => core.answerCount(b) - core.answerCount(a))[0] : undefined;
    return copy ? answersText(core.answerCount(copy)) + " in its copy “" + copy.name + "”" : "no copy of that name yet: it starts empty";
  }

  /* Prepare the store of a checklist not on this page for a pack (adopting its same-named copy): its store, or null
   * when it has none yet, cannot be read, or is of a newer format (left alone; its page prepares it when opened). */
  /** @param {string} id @param {string} packId @param {string} name */
  function joinPackElsewhere(id, packId, name) {
    try {
      const key = storeKey(id);
      const text = localStorage.getItem(key);
      const parsed = text === null ? null : core.parseStore(text, id, now());
      if (!parsed || parsed.problem) return null;
      const at = now();
      const store = core.replay(parsed.store, core.packOps(parsed.store, packId, name).ops.map((op) => ({ ...op, at, select: false })));
      localStorage.setItem(key, core.serialise(store));
      return store;
    } catch (e) {
      return null;  // full or switched off: its page prepares it when opened
    }
  }

  /* Every checklist of the site ({id, title}), from the build's checklists.json; those of this page when it cannot be read. */
  /** @type {Promise<{id: string, title: string}[]> | null} */
  let catalogue = null;
  /** @type {Map<string, string>} the title of each checklist of the site, once the catalogue is read */
  const titles = new Map();
  function siteChecklists() {
    const here = Array.from(/** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".checklist[data-checklist-id]")), (root) => ({
      id: /** @type {string} */ (root.dataset.checklistId), title: /** @type {string} */ (root.dataset.checklistTitle) }))
      .filter((c, i, all) => all.findIndex((d) => d.id === c.id) === i);
    catalogue = catalogue || fetch(new URL("checklists.json", new URL(document.documentElement.dataset.content_root || "./", location.href)))
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((data) => /** @type {{id: string, title: string}[]} */ (data.checklists).filter((c) => c && typeof c.id === "string")
        .map((c) => ({ id: c.id, title: String(c.title || c.id) })))
      .catch(() => {
        catalogue = null;
        return here;
      })
      .then((all) => here.concat(all.filter((c) => !here.some((h) => h.id === c.id))))
      .then((all) => {
        all.forEach((c) => titles.set(c.id, c.title));
        return all;
      });
    return catalogue;
  }

  /* Keep a copy under another key, and check it reads back the same before anything may replace the original. */
  /** @param {string} key @param {string} text */
  function setAside(key, text) {
    try {
      localStorage.setItem(key, text);
      if (localStorage.getItem(key) === text) return true;
    } catch (e) { /* full: nothing was written */ }
    try { localStorage.removeItem(key); } catch (e) { /* nothing to undo */ }
    return false;
  }

  /* ---- saving files (exports, import and share links: checklist-export.js) ---- */

  /** @type {PageHelpers["saveFile"]} */
  function saveFile(name, content, type) {
    const link = el("a", { href: URL.createObjectURL(new Blob([content], { type: type + ";charset=utf-8" })), download: name, hidden: true });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  /* ---- the site's convening packs ---- */

  function packsKey() {
    return core.packsKey(prefix, siteScope());
  }

  /* The site's packs as saved; null when storage cannot be read or a newer version wrote them. */
  function readPacks() {
    try {
      const text = localStorage.getItem(packsKey());
      return text === null ? core.emptyPacks() : core.parsePacks(text);
    } catch (e) {
      return null;
    }
  }

  /* One change, applied to the packs as saved now by every tab; false when it could not be saved. */
  /** @param {import("./checklist-core.js").PackOp} op */
  function changePacks(op) {
    const packs = readPacks();
    if (!packs) return false;
    try {
      localStorage.setItem(packsKey(), JSON.stringify(core.applyPackOp(packs, op)));
      return true;
    } catch (e) {
      return false;
    }
  }

  /* ---- parts loaded when wanted: checklist-print.js (paper, the Print or pack dialog), checklist-export.js (files,
   * share links), checklist-results.js (an assessment's results, with its stylesheet), checklist-compare.js ---- */

  // Beside this script; data-parts: the build's version of them, so that no cache keeps an older one.
  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  /** @param {string} file */
  const partUrl = (file) => new URL(file + "?v=" + script.dataset.parts, script.src).href;
  /** @type {Record<string, Promise<any>>} */
  const parts = {};
  /** @type {{Print?: ReturnType<NonNullable<ChecklistGlobals["ChecklistPrint"]>>, Export?: import("./checklist-export.js")}} */
  const loaded = {};
  // Compare draws with the charts of Results, and both need its stylesheet.
  /** @type {Partial<Record<PartName, PartName>>} */
  const NEEDS = { Compare: "Results" };

  /* The functions of checklist-<name>.js (which sets window.Checklist<Name>), loaded once; a failed load is tried again. */
  /** @param {PartName} name @returns {Promise<any>} */
  function load(name) {
    const before = NEEDS[name] ? load(/** @type {PartName} */ (NEEDS[name])) : Promise.resolve();
    return parts[name] = parts[name] || before.then(() => new Promise((resolve, reject) => {
      const tag = el("script", { src: partUrl("checklist-" + name.toLowerCase() + ".js") });
      if (name === "Results") document.head.append(el("link", { rel: "stylesheet", href: partUrl("checklist-results.css") }));
      tag.addEventListener("load", () => {
        resolve(/** @type {any} */ (loaded)[name] = /** @type {any} */ (win)["Checklist" + name]({ core, el, button, readPacks, storeKey, now, saveFile, load }));
      });
      tag.addEventListener("error", () => {
        delete parts[name];
        tag.remove();
        reject(new Error("could not load its tools; try again when online"));
      });
      document.head.append(tag);
    }));
  }

  /**
   * Prepare the page to print the checklists `ids` (one id or a list), in order, as one paper document, as the
   * Print dialog does, without printing. Loads checklist-print.js first when the page has not loaded it yet.
   * @param {string | string[]} ids
   * @param {PrintOptions} [opts] blank: no answers; mode: compact
   *   (the default) or full, with the guidance; pack: the id of the convening pack whose copies to print.
   * @returns {Cleanup} the function that puts the page back
   *   (also as `.cleanup`; safe to call at any time, and more than once), whose `ready` resolves (to that function)
   *   once the page is prepared, or rejects with an Error saying what could not be loaded. The page is prepared at
   *   once when checklist-print.js is already loaded and every checklist is on this page. Usage:
   *   `const s = checklistPrintSetup(id, {blank: true}); await s.ready; window.print(); s();`
   */
  win.checklistPrintSetup = (ids, opts) => {
    /** @type {(() => void) | null} */
    let undo = null;
    const cleanup = /** @type {Cleanup} */ (() => {
      undo = undo || (() => {});  // put back before it was prepared: it never will be
      undo();
    });
    /** @param {NonNullable<typeof loaded.Print>} part @returns {Cleanup | Promise<Cleanup>} */
    const setup = (part) => undo ? cleanup : (undo = part.setup([].concat(/** @type {any} */ (ids)), opts || {})).ready.then(() => cleanup);
    cleanup.cleanup = cleanup;
    cleanup.ready = /** @type {Promise<Cleanup>} */ (loaded.Print ? setup(loaded.Print) : load("Print").then(setup));
    return cleanup;
  };

  function start() {
    performance.mark("checklists-start");
    /** @type {Map<string, HTMLElement[]>} */
    const groups = new Map();
    for (const root of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".checklist[data-checklist-id]"))) {
      const id = /** @type {string} */ (root.dataset.checklistId);
      prefix = root.dataset.checklistStoragePrefix || prefix;
      if (!groups.has(id)) groups.set(id, []);
      /** @type {HTMLElement[]} */ (groups.get(id)).push(root);
    }
    /** @type {Controller[]} */
    const controllers = [];
    groups.forEach((roots, id) => {
      const controller = new Controller(id, roots);
      controller.start();
      controllers.push(controller);
    });
    // The print part prints from the controllers of this page, and a pack changed here updates each of them.
    win.checklistControllers = controllers;
    performance.measure("checklists-ready", "checklists-start");
    document.documentElement.dataset.checklistsReady = "true";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
