// @ts-check
/* Paper copies and the Print or pack dialog of the checklists. checklist.js loads this file the first time a
 * reader opens the dialog or a script calls window.checklistPrintSetup, so the pages most visits read do not
 * download it; the site's offline worker keeps it like every other file. It defines one function, which
 * checklist.js calls once with what the two share (the page's helpers and ChecklistCore). */
/** @type {Window & ChecklistGlobals} */ (window).ChecklistPrint = function (page) {
  "use strict";
  /** @typedef {import("./checklist-core.js").Answers} Answers */
  /** @typedef {import("./checklist-core.js").Store} Store */
  /** @typedef {{id: string, title: string, url: string | null, stage: string[]}} Entry one checklist of the site */
  /** A checklist of the paper that could not be gathered, and why, in words. @typedef {{id: string, title: string, problem: string}} Missing */
  /**
   * What a filter on the page leaves out: of the checklist `checklist`'s `total` items, `items` (their ids) are those it
   * shows; `printed`: "shown" (only those) or "all" (every item, the filter not applied).
   * @typedef {{checklist: string, total: number, items: string[], printed: "shown" | "all"}} Filtered
   */
  /**
   * The options of printSetup: those of window.checklistPrintSetup, and, from the dialog, `partial` (print what could
   * be gathered and name the rest, instead of failing), `filtered`, and `onEach` (told as each checklist of another
   * page arrives or fails).
   * @typedef {PrintOptions & {partial?: boolean, filtered?: Filtered | null, onEach?: (settled: number, total: number) => void}} PaperOptions
   */
  const core = page.core;
  const el = page.el;
  const button = page.button;
  const readPacks = page.readPacks;
  // How long the page of another checklist (and the list of the site's checklists) may take to answer: a pack prints, or
  // says what is missing, within ten seconds.
  const PAGE_TIMEOUT = 8000;
  const CATALOGUE_TIMEOUT = 4000;

  // The dialog's look, wanted by no page until the dialog opens: a stylesheet built through the CSSOM, which the
  // site's Content-Security-Policy allows (a <style> element it would block).
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    ".checklist-dialog { width: min(34rem, 92vw); max-height: 90vh; padding: 1rem 1.25rem; border: 1px solid var(--color-foreground-secondary, #555);" +
    " border-radius: 0.4rem; color: var(--color-foreground-primary, #000); background: var(--color-background-primary, #fff); }" +
    ".checklist-dialog::backdrop { background: rgb(0 0 0 / 0.45); }" +
    ".checklist-dialog fieldset { border: 0; margin: 0 0 0.75rem; padding: 0; }" +
    ".checklist-dialog legend, .checklist-dialog-title { font-weight: 700; margin: 0 0 0.3rem; padding: 0; }" +
    ".checklist-option { display: flex; gap: 0.5rem; align-items: baseline; margin: 0.2rem 0; }" +
    ".checklist-dialog-actions { display: flex; gap: 0.5rem; margin: 0 0 1rem; }" +
    ".checklist-dialog .checklist-pack { border-top: 1px solid var(--color-background-border, #ccc); padding-top: 0.6rem; font-size: 0.9em; }");
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);

  /* ---- paper: one checklist or a pack, blank or filled in, compact or full ---- */

  /** The project's stages in the order of its work (checklist_stages), as every checklist root carries them.
   * @param {string[]} stages */
  function stageRank(stages) {
    const root = /** @type {HTMLElement | null} */ (document.querySelector(".checklist[data-checklist-stage-order]"));
    const order = /** @type {string[]} */ (core.decodeField("words", root ? root.dataset.checklistStageOrder : undefined));
    const ranks = stages.map((st) => order.indexOf(st)).filter((r) => r >= 0);
    return ranks.length ? Math.min.apply(null, ranks) : order.length;
  }

  /* Every checklist of the site, in the order of a convening (before, during, after), from the build's
   * checklists.json, which the offline worker keeps too; only those on this page when it cannot be read. */
  /** @type {Promise<Entry[]> | null} */
  let catalogue = null;
  /** @returns {Promise<Entry[]>} */
  function checklists() {
    const here = Array.from(/** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".checklist[data-checklist-id]")), (root) => {
      const data = /** @type {Record<string, string>} */ (root.dataset);
      return { id: data.checklistId, title: data.checklistTitle, url: null, stage: /** @type {string[]} */ (core.decodeField("words", data.checklistStage)) };
    });
    catalogue = catalogue || inTime(CATALOGUE_TIMEOUT, (signal) => fetch(new URL("checklists.json", contentRoot()), { signal }).then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })).then((data) => data.checklists.map((/** @type {Entry} */ c) => ({ id: c.id, title: c.title, url: c.url, stage: c.stage || [] }))).catch(() => {
      catalogue = null;
      return here.filter((c, i) => here.findIndex((d) => d.id === c.id) === i);
    }).then((/** @type {Entry[]} */ all) => all.sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || a.title.localeCompare(b.title)));
    return catalogue;
  }

  function contentRoot() {
    return new URL(document.documentElement.dataset.content_root || "./", location.href);
  }

  /* `work`, given a signal that aborts it, unless it takes longer than `ms`: then it is aborted, and rejects saying so. */
  /** @template T @param {number} ms @param {(signal: AbortSignal) => Promise<T>} work @returns {Promise<T>} */
  function inTime(ms, work) {
    const abort = new AbortController();
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    const late = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error("it did not answer within " + ms / 1000 + " seconds"));
      }, ms);
    });
    return /** @type {Promise<T>} */ (Promise.race([work(abort.signal), late])).finally(() => { clearTimeout(timer); });
  }

  /* The renderings of a checklist on its own page, fetched from this site (or the offline worker's copy) within
   * PAGE_TIMEOUT; rejects with what is wrong, in words: no page shows it, its page did not answer, or answered
   * without it. */
  /** @param {string} id @returns {Promise<HTMLElement[]>} */
  function fetchRoots(id) {
    /** @type {Entry | undefined} */
    let entry;
    return inTime(PAGE_TIMEOUT, (signal) => checklists().then((all) => {
      entry = all.find((c) => c.id === id);
      if (!entry || !entry.url) throw new Error("no page of this site shows it");
      return fetch(new URL(entry.url, contentRoot()), { signal });
    }).then((response) => {
      if (!response.ok) throw new Error("its page could not be loaded (HTTP " + response.status + ")");
      return response.text();
    })).then((text) => {
      const html = new DOMParser().parseFromString(text, "text/html");
      const roots = Array.from(/** @type {NodeListOf<HTMLElement>} */ (html.querySelectorAll('.checklist[data-checklist-id="' + CSS.escape(id) + '"]')));
      if (!roots.length) throw new Error("its page (" + (entry && entry.url || "?").split("#")[0] + ") answered without it: the site may be updating, or the checklist has moved");
      return roots;
    }, (e) => {
      // A fetch that failed outright (offline, blocked) says only "Failed to fetch": in words, then.
      throw e instanceof TypeError ? new Error("its page could not be reached (offline?)") : e;
    });
  }

  /* The title of a checklist of the site, for messages; its id when the site's list is not to be had. */
  /** @param {string} id */
  function titleOf(id) {
    return checklists().then((all) => (all.find((c) => c.id === id) || { title: id }).title, () => id);
  }

  /** @param {string} id */
  function savedStore(id) {
    let text = null;
    try { text = localStorage.getItem(page.storeKey(id)); } catch (e) { /* nothing saved to show */ }
    return core.parseStore(text, id, page.now()).store;
  }

  /* A rendering of a checklist made into paper: without the page's controls, ids and names (removed before
   * it joins the page, so its radio buttons never take the checked state from the page's own), every row
   * shown, and the answers given (none: a blank copy). */
  /** @param {HTMLElement} root @param {Answers | null} answers @param {boolean} summary @param {number} part @param {string[] | null} only the items to print, when a filter chose them */
  function paperCopy(root, answers, summary, part, only) {
    const copy = document.importNode(root, true);
    const gone = ".checklist-toolbar, .checklist-note-toggle, .checklist-note, .checklist-note-print, .checklist-section-progress" +
      (summary ? "" : ", .checklist-summary") +
      // a page showing the checklist in parts (by section or role) prints it once: its title and intro once
      (part ? ", :scope > :not(.checklist-print-header, .checklist-table-wrapper, .checklist-summary)" : "");
    copy.querySelectorAll(gone).forEach((node) => { node.remove(); });
    for (const node of [/** @type {Element} */ (copy)].concat(Array.from(copy.querySelectorAll("*")))) {
      ["id", "name", "for", "aria-labelledby", "aria-describedby", "aria-controls", "hidden"].forEach((a) => { node.removeAttribute(a); });
    }
    if (only) {
      const keep = new Set(only);
      copy.querySelectorAll("tr.checklist-item").forEach((row) => { if (!keep.has(/** @type {string} */ (/** @type {HTMLElement} */ (row).dataset.checklistItemId))) row.remove(); });
      copy.querySelectorAll(".checklist-table-wrapper").forEach((wrapper) => { if (!wrapper.querySelector("tr.checklist-item")) wrapper.remove(); });
    }
    for (const row of /** @type {NodeListOf<HTMLElement>} */ (copy.querySelectorAll("tr.checklist-item"))) {
      /** @type {import("./checklist-core.js").Answer & Record<string, unknown>} */
      const a = (answers && answers[/** @type {string} */ (row.dataset.checklistItemId)]) || {};
      row.classList.toggle("checklist-is-done", !!a.done);
      row.classList.toggle("checklist-is-na", !!a.na);
      for (const input of row.querySelectorAll("input")) {
        input.checked = input.classList.contains("checklist-choice-input") ? a.choice === input.value
          : input.type === "checkbox" ? !!a[input.value] : a.rating === input.value;
      }
      if (a.note) {
        const note = el("p", { class: "checklist-note-print", text: a.note });
        const write = row.querySelector(".checklist-write");
        if (write) write.replaceWith(note);
        else /** @type {Element} */ (row.querySelector(".checklist-col-item")).append(note);
      }
    }
    return copy;
  }

  /* Prepare the page to print the checklists `ids`, in order, as one paper document, as the Print dialog does:
   * opts.blank, opts.mode ("compact", the default, or "full"), opts.pack (the pack whose copies to print).
   * Checklists of this page are in at once; those of other pages once `ready` (a promise) settles, within
   * PAGE_TIMEOUT each. Returns the function that puts the page back; `missing` is filled, when opts.partial, with the
   * checklists that could not be gathered (without opts.partial, `ready` rejects naming the first). */
  /** @param {string[]} ids @param {PaperOptions} opts @returns {Cleanup} */
  function printSetup(ids, opts) {
    return gather(ids, opts).cleanup;
  }

  /** @param {string[]} ids @param {PaperOptions} opts @returns {{cleanup: Cleanup, missing: Missing[]}} */
  function gather(ids, opts) {
    const body = document.body;
    const was = [body.dataset.checklistPrint, body.dataset.checklistPrintMode];
    const doc = el("div", { class: "checklist-print-doc" });
    const here = new Map((/** @type {Window & ChecklistGlobals} */ (window).checklistControllers || []).map((c) => [c.id, c]));
    const packs = opts.pack ? readPacks() : null;
    const pack = packs && packs.packs[/** @type {string} */ (opts.pack)];
    /** @type {string[]} */
    const names = [];
    /** @type {Missing[]} */
    const missing = [];
    const filtered = opts.filtered || null;
    const remote = ids.filter((id) => !here.has(id)).length;
    let settled = 0;
    const jobs = ids.map((id, index) => {
      const slot = el("div");
      doc.append(slot);
      /** @param {HTMLElement[]} roots @param {Store} store */
      const fill = (roots, store) => {
        /** @type {import("./checklist-core.js").Copy | undefined} */
        const copy = store.runs[/** @type {string} */ (opts.pack ? core.packCopy(store, opts.pack) : store.current)];
        names[index] = copy ? copy.name : "";
        const answers = opts.blank ? null : copy ? copy.items : {};
        const c = here.get(id);
        const summary = !opts.blank && !!c && copy === c.copy();
        const only = filtered && filtered.checklist === id && filtered.printed === "shown" ? filtered.items : null;
        slot.replaceWith(...roots.map((root, part) => paperCopy(root, answers, summary, part, only)));
      };
      const c = here.get(id);
      if (c) return fill(c.roots, c.store);
      return fetchRoots(id).then((roots) => { fill(roots, savedStore(id)); }, (/** @type {Error} */ e) => titleOf(id).then((title) => {
        if (!opts.partial) throw new Error("“" + title + "” could not be gathered: " + e.message);
        slot.remove();
        missing.push({ id, title, problem: e.message });
      })).finally(() => { if (opts.onEach) opts.onEach(++settled, remote); });
    });
    body.append(doc);
    body.dataset.checklistPrint = opts.blank ? "blank" : "filled";
    body.dataset.checklistPrintMode = opts.mode === "full" ? "full" : "compact";
    const header = () => {
      const blocks = /** @type {NodeListOf<HTMLElement>} */ (doc.querySelectorAll(".checklist-print-header"));
      blocks.forEach((block, i) => { if (i) block.remove(); });
      const block = blocks[0];
      if (!block) return;
      const within = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (block.querySelector(selector));
      within(".checklist-print-when").textContent = body.dataset.printDate || page.now().slice(0, 10);
      const name = pack ? pack.name : names[0];
      if (!opts.blank && name && !pack) within(".checklist-print-copy").textContent = " · “" + name + "”";
      const facts = within(".checklist-print-facts");
      if (filtered) within(".checklist-print-date").before(el("span", { class: "checklist-print-scope", text: scopeText(filtered, ids.length > 1) }));
      if (ids.length < 2) return;
      // One header for the whole pack, counting what it prints; each checklist keeps its own title and version line.
      block.className = "checklist-pack-header";
      within(".checklist-print-title").textContent = pack ? pack.name : "Checklists";
      /** @type {ChildNode} */ (facts.firstChild).textContent = missing.length
        ? "Convening pack: " + (ids.length - missing.length) + " of " + ids.length + " checklists printed" : "Convening pack of " + ids.length + " checklists";
      if (missing.length) {
        facts.after(el("p", { class: "checklist-pack-missing", text: "Not printed: " + missing.map((m) => "“" + m.title + "” (" + m.problem + ")").join("; ") + "." }));
      }
      const titles = Array.from(/** @type {NodeListOf<HTMLElement>} */ (doc.querySelectorAll(".checklist[data-checklist-title]")), (r) => {
        return /** @type {string} */ (r.dataset.checklistTitle);
      });
      facts.after(el("ol", { class: "checklist-pack-list" }, titles.filter((t, i) => titles.indexOf(t) === i)
        .map((t) => el("li", { text: t }))));
    };
    let done = false;
    const cleanup = /** @type {Cleanup} */ (() => {
      if (done) return;
      done = true;
      doc.remove();
      [["checklistPrint", was[0]], ["checklistPrintMode", was[1]]].forEach((pair) => {
        if (pair[1] === undefined) delete body.dataset[/** @type {string} */ (pair[0])];
        else body.dataset[/** @type {string} */ (pair[0])] = pair[1];
      });
    });
    if (jobs.every((job) => !job)) header();
    cleanup.ready = Promise.all(jobs).then(() => {
      if (jobs.some(Boolean)) header();
      return cleanup;
    });
    return { cleanup, missing };
  }

  /* What the header says a filter did: " · 3 of 12 items: those the filter showed", or that it was not applied. */
  /** @param {Filtered} f @param {boolean} pack */
  function scopeText(f, pack) {
    const c = (/** @type {Window & ChecklistGlobals} */ (window).checklistControllers || []).find((x) => x.id === f.checklist);
    const of = pack && c ? " of “" + c.meta.title + "”" : "";
    return f.printed === "shown" ? " · " + f.items.length + " of " + f.total + " items" + of + ": those the filter showed"
      : " · all " + f.total + " items" + of + " (the filter on the page was not applied)";
  }

  /* ---- the Print dialog: what to print, and which checklists share this copy ---- */

  /** @param {string} name @param {string} value @param {string} label @param {boolean} [checked] */
  function option(name, value, label, checked) {
    return el("label", { class: "checklist-option" }, [el("input", { type: "radio", name: name, value: value, checked: checked }), label]);
  }

  /** @type {Map<string, {dialog: HTMLDialogElement, form: HTMLFormElement, status: HTMLElement}>} the dialog of each checklist, once opened */
  const dialogs = new Map();

  /* The dialog of the checklist whose page controller is `c`; `saved`: what saving the pack did, said inside
   * the dialog (the page's own status line is behind it). */
  /** @param {PageController} c @param {string} [saved] */
  function openPrint(c, saved) {
    let parts = dialogs.get(c.id);
    if (!parts) {
      const form = el("form", { method: "dialog" });
      const status = el("p", { role: "status" });
      const dialog = el("dialog", { class: "checklist-dialog", "aria-label": "Print or pack: " + c.meta.title }, [form, status]);
      dialog.addEventListener("close", () => { c.openButton.focus(); });
      /** @type {Element} */ (c.roots[0].querySelector(".checklist-toolbar")).append(dialog);
      dialogs.set(c.id, parts = { dialog: dialog, form: form, status: status });
    }
    const dialog = parts.dialog;
    const copy = c.copy();
    const pack = c.pack();
    const packList = el("div", { class: "checklist-pack-choices" }, [el("p", { text: "Loading the checklists…" })]);
    const keep = button("Save the pack", () => {
      const ids = Array.from(/** @type {NodeListOf<HTMLInputElement>} */ (packList.querySelectorAll("input:checked")), (input) => input.value);
      const text = !c.setPack(ids) ? "The pack could not be saved: browser storage refused it." : ids.length < 2 ? "“" + copy.name + "” is kept by this checklist only."
        : "“" + copy.name + "” is now a convening pack of " + ids.length + " checklists; each keeps its answers under that name.";
      c.status(text);
      openPrint(c, text);
    });
    const form = parts.form;
    const filtered = filterOf(c);
    form.replaceChildren(
      el("p", { class: "checklist-dialog-title", text: "Print “" + c.meta.title + "”" }),
      el("fieldset", {}, [el("legend", { text: "Copy" }),
        option("copy", "filled", "Filled in: the copy “" + copy.name + "”", true),
        option("copy", "blank", "Blank, to fill in by hand")]),
      el("fieldset", {}, [el("legend", { text: "Layout" }),
        option("layout", "compact", "Compact: items, boxes and room to write", true),
        option("layout", "full", "Full: with the guidance for each item")]),
      filtered ? el("fieldset", {}, [el("legend", { text: "Items: a filter shows " + filtered.items.length + " of " + filtered.total }),
        option("items", "shown", "Only the " + filtered.items.length + (filtered.items.length === 1 ? " item" : " items") + " the filter shows", true),
        option("items", "all", "All " + filtered.total + " items")]) : "",
      pack ? el("fieldset", {}, [el("legend", { text: "Checklists" }),
        option("scope", "pack", "The convening pack “" + pack.name + "” (" + pack.checklists.length + " checklists)", true),
        option("scope", "one", "Only this checklist")]) : "",
      el("div", { class: "checklist-dialog-actions" }, [
        button("Print", () => { dialog.close(); printNow(c, form); }),
        button("Cancel", () => { dialog.close(); })]),
      el("fieldset", { class: "checklist-pack" }, [el("legend", { text: "Convening pack" }),
        el("p", { text: "Tick the checklists that keep their answers in the copy “" + copy.name + "”, so that the pack prints as one document." }),
        packList, keep]));
    parts.status.textContent = saved || "";
    checklists().then((all) => {
      const members = pack ? pack.checklists : [c.id];
      const here = (/** @type {Entry} */ d) => document.querySelector('.checklist[data-checklist-id="' + d.id + '"]') ? 0 : 1;
      // Those of this page first (the checklists of one convening often share a page), then in the order they print.
      packList.replaceChildren(...all.slice().sort((a, b) => here(a) - here(b)).map((d) => el("label", { class: "checklist-option" }, [
          el("input", { type: "checkbox", value: d.id, checked: members.indexOf(d.id) >= 0, disabled: d.id === c.id }),
          d.title + (d.id === c.id ? " (this checklist)" : "") + (c.heldIn ? " — " + c.heldIn(d.id, copy.name) : "")])));
    });
    if (!dialog.open) dialog.showModal();
    if (saved) keep.focus();
  }

  /* The items a filter on the page shows, when it hides some; null when every item is shown. */
  /** @param {PageController} c @returns {Filtered | null} */
  function filterOf(c) {
    const shown = c.items.filter((it) => !it.row.hidden).map((it) => it.id);
    return shown.length < c.items.length ? { checklist: c.id, total: c.items.length, items: shown, printed: "shown" } : null;
  }

  /* Print as the dialog chose: what other pages hold is gathered within PAGE_TIMEOUT each, the reader told how far it
   * is; what could not be gathered is named, on the page and on the paper, and the rest prints. */
  /** @param {PageController} c @param {HTMLFormElement} form the dialog's choices */
  function printNow(c, form) {
    const f = /** @type {{copy: RadioNodeList, layout: RadioNodeList, scope?: RadioNodeList, items?: RadioNodeList}} */ (/** @type {unknown} */ (form.elements));
    const pack = f.scope && f.scope.value === "pack" ? c.pack() : null;
    const ids = pack ? pack.checklists : [c.id];
    const filtered = filterOf(c);
    if (filtered && f.items) filtered.printed = f.items.value === "all" ? "all" : "shown";
    const { cleanup, missing } = gather(ids, {
      blank: f.copy.value === "blank", mode: /** @type {"compact" | "full"} */ (f.layout.value), pack: pack && c.copy().pack, partial: true, filtered,
      onEach: (settled, total) => { c.status("Gathering the pack: " + settled + " of " + total + " checklists of other pages answered…"); },
    });
    cleanup.ready.then(() => {
      if (missing.length) {
        c.notice("Printing " + (ids.length - missing.length) + " of the " + ids.length + " checklists of “" + (pack ? pack.name : c.meta.title) + "”: " +
          missing.map((m) => "“" + m.title + "” is missing: " + m.problem).join("; ") + ". Print again once its page answers.");
      }
      c.status("");
      window.addEventListener("afterprint", cleanup, { once: true });
      window.print();
    }, (e) => {
      cleanup();
      c.notice("The pack could not be printed: " + e.message + ".");
    });
  }

  return { setup: printSetup, open: openPrint };
};
