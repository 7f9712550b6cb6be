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
  const core = page.core;
  const el = page.el;
  const button = page.button;
  const readPacks = page.readPacks;

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
    catalogue = catalogue || fetch(new URL("checklists.json", contentRoot())).then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then((data) => data.checklists.map((/** @type {Entry} */ c) => ({ id: c.id, title: c.title, url: c.url, stage: c.stage || [] }))).catch(() => {
      catalogue = null;
      return here.filter((c, i) => here.findIndex((d) => d.id === c.id) === i);
    }).then((/** @type {Entry[]} */ all) => all.sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || a.title.localeCompare(b.title)));
    return catalogue;
  }

  function contentRoot() {
    return new URL(document.documentElement.dataset.content_root || "./", location.href);
  }

  /* The renderings of a checklist on its own page, fetched from this site (or the offline worker's copy). */
  /** @param {string} id */
  function fetchRoots(id) {
    return checklists().then((all) => {
      const entry = all.find((c) => c.id === id);
      if (!entry || !entry.url) throw new Error("no page of this site shows the checklist “" + id + "”");
      return fetch(new URL(entry.url, contentRoot()));
    }).then((response) => {
      if (!response.ok) throw new Error("the page of “" + id + "” could not be loaded");
      return response.text();
    }).then((text) => {
      const html = new DOMParser().parseFromString(text, "text/html");
      return Array.from(/** @type {NodeListOf<HTMLElement>} */ (html.querySelectorAll('.checklist[data-checklist-id="' + CSS.escape(id) + '"]')));
    });
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
  /** @param {HTMLElement} root @param {Answers | null} answers @param {boolean} summary @param {number} part */
  function paperCopy(root, answers, summary, part) {
    const copy = document.importNode(root, true);
    const gone = ".checklist-toolbar, .checklist-note-toggle, .checklist-note, .checklist-note-print, .checklist-section-progress" +
      (summary ? "" : ", .checklist-summary") +
      // a page showing the checklist in parts (by section or role) prints it once: its title and intro once
      (part ? ", :scope > :not(.checklist-print-header, .checklist-table-wrapper, .checklist-summary)" : "");
    copy.querySelectorAll(gone).forEach((node) => { node.remove(); });
    for (const node of [/** @type {Element} */ (copy)].concat(Array.from(copy.querySelectorAll("*")))) {
      ["id", "name", "for", "aria-labelledby", "aria-describedby", "aria-controls", "hidden"].forEach((a) => { node.removeAttribute(a); });
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
   * Checklists of this page are in at once; those of other pages once `ready` (a promise) settles.
   * Returns the function that puts the page back. */
  /** @param {string[]} ids @param {PrintOptions} opts @returns {Cleanup} */
  function printSetup(ids, opts) {
    const body = document.body;
    const was = [body.dataset.checklistPrint, body.dataset.checklistPrintMode];
    const doc = el("div", { class: "checklist-print-doc" });
    const here = new Map((/** @type {Window & ChecklistGlobals} */ (window).checklistControllers || []).map((c) => [c.id, c]));
    const packs = opts.pack ? readPacks() : null;
    const pack = packs && packs.packs[/** @type {string} */ (opts.pack)];
    /** @type {string[]} */
    const names = [];
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
        slot.replaceWith(...roots.map((root, part) => paperCopy(root, answers, summary, part)));
      };
      const c = here.get(id);
      return c ? fill(c.roots, c.store) : fetchRoots(id).then((roots) => { fill(roots, savedStore(id)); });
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
      if (ids.length < 2) return;
      // One header for the whole pack; each checklist keeps its own title and version line.
      block.className = "checklist-pack-header";
      within(".checklist-print-title").textContent = pack ? pack.name : "Checklists";
      const facts = within(".checklist-print-facts");
      /** @type {ChildNode} */ (facts.firstChild).textContent = "Convening pack of " + ids.length + " checklists";
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
    return cleanup;
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
    form.replaceChildren(
      el("p", { class: "checklist-dialog-title", text: "Print “" + c.meta.title + "”" }),
      el("fieldset", {}, [el("legend", { text: "Copy" }),
        option("copy", "filled", "Filled in: the copy “" + copy.name + "”", true),
        option("copy", "blank", "Blank, to fill in by hand")]),
      el("fieldset", {}, [el("legend", { text: "Layout" }),
        option("layout", "compact", "Compact: items, boxes and room to write", true),
        option("layout", "full", "Full: with the guidance for each item")]),
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

  /** @param {PageController} c @param {HTMLFormElement} form the dialog's choices */
  function printNow(c, form) {
    const f = /** @type {{copy: RadioNodeList, layout: RadioNodeList, scope?: RadioNodeList}} */ (/** @type {unknown} */ (form.elements));
    const pack = f.scope && f.scope.value === "pack" ? c.pack() : null;
    const cleanup = printSetup(pack ? pack.checklists : [c.id],
      { blank: f.copy.value === "blank", mode: /** @type {"compact" | "full"} */ (f.layout.value), pack: pack && c.copy().pack });
    cleanup.ready.then(() => {
      window.addEventListener("afterprint", cleanup, { once: true });
      window.print();
    }, (e) => {
      cleanup();
      c.notice("The pack could not be printed: " + e.message + ".");
    });
  }

  return { setup: printSetup, open: openPrint };
};
