/* Makes the rendered checklist tables interactive: answers, notes, named copies, progress, scores,
 * filters, exports, share links and printing. Progressive enhancement: without this script the
 * tables still read and print. All logic that can live without the DOM is in checklist-core.js. Loaded only
 * when a reader wants them: the paper copies and the Print or pack dialog (checklist-print.js), and the
 * exports, import and share links (checklist-export.js). */
(function () {
  "use strict";
  const core = window.ChecklistCore;
  if (!core) return;

  const now = function () { return new Date().toISOString(); };
  const today = function () { return new Date().toISOString().slice(0, 10); };

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const key of Object.keys(attrs || {})) {
      const value = attrs[key];
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function button(label, onClick, extra) {
    const b = el("button", Object.assign({ type: "button", class: "checklist-button", text: label }, extra || {}));
    b.addEventListener("click", onClick);
    return b;
  }

  function json(text, fallback) {
    try { return text ? JSON.parse(text) : fallback; } catch (e) { return fallback; }
  }

  function words(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  function readItem(row) {
    const table = row.closest("table");
    const title = table.querySelector(".checklist-section-title");
    const label = row.querySelector(".checklist-text");
    const choices = Array.from(row.querySelectorAll(".checklist-choice-input")).map(function (input) {
      const lab = row.querySelector('label[for="' + input.id + '"]');
      return { id: input.value, label: lab ? lab.textContent.trim() : input.value };
    });
    return {
      id: row.dataset.checklistItemId,
      section: row.dataset.checklistSection,
      sectionTitle: title ? title.textContent.trim() : row.dataset.checklistSection,
      roles: words(row.dataset.checklistRoles),
      allowNa: row.dataset.checklistAllowNa === "true",
      group: row.dataset.checklistGroup || "",
      weights: json(row.dataset.checklistWeights, null),
      appliesTo: words(row.dataset.checklistAppliesTo),
      stages: words(row.dataset.checklistStage),
      text: label ? label.textContent.replace(/\s+/g, " ").trim() : row.dataset.checklistItemId,
      choices: choices,
      row: row,
    };
  }

  function Controller(id, roots) {
    this.id = id;
    this.roots = roots;
    const first = roots[0];
    this.meta = {
      id: id,
      title: first.dataset.checklistTitle,
      version: first.dataset.checklistVersion,
      kind: first.dataset.checklistKind,
      scale: json(first.dataset.checklistScale, null),
      groups: json(first.dataset.checklistGroups, []),
      outcomes: json(first.dataset.checklistOutcomes, []),
      stageLabels: json(first.dataset.checklistStageLabels, {}),
    };
    this.items = [];
    for (const root of roots) {
      for (const row of root.querySelectorAll("tr.checklist-item")) this.items.push(readItem(row));
    }
    this.byId = new Map(this.items.map(function (it) { return [it.id, it]; }));
    // Only a page that shows every item may drop answers to items that are gone.
    this.known = this.items.length === Number(first.dataset.checklistItemCount) ? Array.from(this.byId.keys()) : null;
    this.filters = core.readFilters(location.search, id);
    this.saveTimer = null;
    this.pending = [];  // this tab's changes not yet written: replayed on whatever the other tabs saved
  }

  Controller.prototype.start = function () {
    this.load();
    this.buildToolbar();
    this.enhanceRows();
    if (this.meta.kind === "assessment") this.buildSummary();
    this.roots.forEach(function (root) { root.classList.add("checklist-enhanced"); });
    const self = this;
    this.roots.forEach(function (root) {
      root.addEventListener("change", function (event) { self.onChange(event); });
      root.addEventListener("input", function (event) { self.onInput(event); });
    });
    // A note typed just before leaving is saved even if its short delay has not run out.
    window.addEventListener("pagehide", function () {
      if (self.saveTimer !== null) self.save();
    });
    // Another tab saved: show its changes, with this tab's unsaved ones on top.
    window.addEventListener("storage", function (event) {
      if (event.key === self.key || event.key === null) self.reread();
      if (event.key === packsKey() || event.key === null) self.syncPacks(true);
    });
    this.applyRun();
    this.applyFilters(false);
  };

  /* ---- storage: every save merges this tab's changes into what is stored, so tabs never undo each other ---- */

  /* The folder of the built site ("/prod/"), from the page's path to the root. */
  function siteScope() {
    return new URL(document.documentElement.dataset.content_root || "./", location.href).pathname;
  }

  Controller.prototype.load = function () {
    this.key = core.storageKey(this.id, siteScope());
    this.store = this.readBase() || core.emptyStore(this.id, now());
    this.current = this.store.current;
    const shared = core.readShare(location.hash, now());
    if (shared && shared.checklist === this.id) {
      this.queue({ op: "add", run: core.newRunId(), name: shared.run.name + " (shared)", items: shared.run.items });
      history.replaceState(null, "", location.pathname + location.search);
      this.pendingStatus = "Opened the shared copy “" + shared.run.name + "”. It is saved in this browser as a copy of its own.";
    }
    this.syncPacks(false);
    // Record this page's version, and prune if it is the newest; a visitor who only reads writes nothing.
    if (this.stored !== null || this.pending.length) this.save(true);
  };

  /* The saved text; data saved before keys named the site's folder is copied across, never moved. */
  Controller.prototype.readText = function () {
    const legacy = core.storageKey(this.id, "");
    let text = localStorage.getItem(this.key);
    if (text !== null || legacy === this.key) return text;
    text = localStorage.getItem(legacy);
    if (text !== null) {
      try { localStorage.setItem(this.key, text); } catch (e) { /* read from the old key until a save succeeds */ }
    }
    return text;
  };

  /* The stored answers, or null when the page may not write (it says why, and keeps the saved text intact). */
  Controller.prototype.readBase = function () {
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
    if (!setAside(aside, text)) {
      return this.readOnly("Saved answers for this checklist " + why + ", and there is no room to set them aside. " +
        "They are left as they were and nothing is saved here: download them, then free some browser storage.", text);
    }
    // Met while open (another tab wrote it): what this page shows replaces it; on loading, a fresh copy.
    const base = this.store ? core.parseStore(core.serialise(this.store), this.id, now()).store : parsed.store;
    this.notice("Saved answers for this checklist " + why + ". They were set aside (browser storage key “" + aside + "”) and " +
      (this.store ? "the answers on this page replace them." : "a fresh copy was started."));
    this.asideText = text;
    try { this.write(base); } catch (e) { /* the next save tries again */ }
    return base;
  };

  const ROOM = "Storage has room again: every change on this page is now saved.";

  /* Keep a copy under another key, and check it reads back the same before anything may replace the original. */
  function setAside(key, text) {
    try {
      localStorage.setItem(key, text);
      if (localStorage.getItem(key) === text) return true;
    } catch (e) { /* full: nothing was written */ }
    try { localStorage.removeItem(key); } catch (e) { /* nothing to undo */ }
    return false;
  }

  Controller.prototype.readOnly = function (message, raw) {
    this.locked = true;
    this.raw = raw;
    this.notice(message);
    if (raw !== undefined && this.noticeLine) this.offerRaw();
    return null;
  };

  Controller.prototype.write = function (store) {
    const text = core.serialise(store);
    if (text !== this.stored) localStorage.setItem(this.key, text);
    this.stored = text;
  };

  Controller.prototype.run = function () {
    return this.store.runs[this.current];
  };

  /* A change made in this tab: shown at once, written now or (notes, while typing) soon. */
  Controller.prototype.change = function (op, soon) {
    this.queue(op);
    if (soon) this.saveSoon();
    else this.save();
  };

  Controller.prototype.queue = function (op) {
    op.at = now();
    const last = this.pending[this.pending.length - 1];
    // A note typed letter by letter is one change.
    if (op.op === "set" && last && last.op === "set" && last.run === op.run && last.item === op.item) {
      Object.assign(last.patch, op.patch);
      last.at = op.at;
    } else {
      this.pending.push(op);
    }
    core.applyOp(this.store, op);
    if (op.op === "add" || op.op === "current" || !this.store.runs[this.current]) this.current = this.store.current;
  };

  /* Re-read what every tab saved, replay this tab's changes on it, write the result. When the write fails
   * (storage full) nothing is dropped: the changes stay on screen and are retried with the next one. */
  Controller.prototype.save = function (tidy) {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.locked || !(tidy || this.pending.length)) return;
    const before = this.stored;
    const base = this.readBase();
    if (!base) return;
    const theirs = this.stored !== before;  // another tab saved since this one last read
    const next = core.replay(base, this.pending);
    if (core.observe(next, this.meta.version, this.known) && !this.older) {
      this.older = true;
      this.notice("This page is an older copy of the checklist (version " + this.meta.version + "; your answers were last used with version " +
        next.seen + "). Answers to items it does not show are kept. Reload to get the latest version.");
    }
    try {
      this.write(next);
    } catch (e) {
      if (this.pending.length) {
        // Replaces the notice that there was room (and one of these with the other reason), not the others.
        this.notice(this.unsaved = "Your latest changes are not saved yet: " + (e && e.name === "QuotaExceededError" ? "browser storage is full" : "the browser refused to store them") +
          ". They stay on this page and are saved with your next change once there is room; export them to be safe.", this.unsaved || ROOM);
      }
      return this.adopt(next, theirs);
    }
    this.pending = [];
    if (this.unsaved) {
      this.notice(ROOM, this.unsaved);
      this.unsaved = null;
    }
    this.adopt(next, theirs);
  };

  Controller.prototype.saveSoon = function () {
    const self = this;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(function () { self.save(); }, 250);
  };

  Controller.prototype.reread = function () {
    if (this.locked) return;
    const before = this.stored;
    const base = this.readBase();
    if (base) this.adopt(core.replay(base, this.pending), this.stored !== before);
  };

  /* Show the store; this tab keeps its own copy unless another tab deleted it. */
  Controller.prototype.adopt = function (store, changed) {
    const gone = !store.runs[this.current] && this.run();
    this.store = store;
    if (gone) {
      this.current = store.current;
      this.notice("The copy “" + gone.name + "” was deleted in another tab; now showing “" + this.run().name + "”.");
    }
    if (changed && this.runSelect) this.applyRun();
  };

  /* ---- toolbar ---- */

  Controller.prototype.buildToolbar = function () {
    const self = this;
    const prefix = "checklist-" + this.id + "-tool-";
    const bar = el("div", { class: "checklist-toolbar", role: "group", "aria-label": "Tools for " + this.meta.title });

    this.runSelect = el("select", { id: prefix + "run", class: "checklist-run-select" });
    this.runSelect.addEventListener("change", function () {
      self.change({ op: "current", run: self.runSelect.value });
      self.applyRun();
      self.status("Switched to “" + self.run().name + "”.");
    });
    bar.append(el("div", { class: "checklist-toolbar-row" }, [
      el("label", { for: prefix + "run", text: "Copy" }), this.runSelect,
      button("New copy", function () { self.newRun(); }),
      button("Rename", function () { self.renameRun(); }),
      button("Delete copy", function () { self.deleteRun(); }),
    ]));

    this.progressText = el("p", { class: "checklist-progress", "aria-live": "polite" });
    this.progressBar = el("progress", { class: "checklist-progress-bar", max: "1", value: "0", "aria-hidden": "true" });
    bar.append(el("div", { class: "checklist-toolbar-row" }, [this.progressText, this.progressBar]));

    const filters = el("div", { class: "checklist-toolbar-row checklist-filters" });
    const roles = Array.from(new Set([].concat.apply([], this.items.map(function (it) { return it.roles; }))));
    this.roleSelect = this.filterSelect(filters, prefix + "role", "Role", "Every role", roles.map(function (r) {
      return [r, r.replace(/-/g, " ").replace(/^./, function (c) { return c.toUpperCase(); })];
    }), "role");
    const stages = Object.keys(this.meta.stageLabels);
    // Only worth a filter when sections differ in when they apply.
    if (this.items.some(function (it) { return it.stages.length < stages.length; })) {
      const labels = this.meta.stageLabels;
      this.filterSelect(filters, prefix + "stage", "Stage", "Every stage", stages.map(function (st) { return [st, labels[st]]; }), "stage");
    }
    const sections = [];
    for (const it of this.items) if (!sections.some(function (s) { return s[0] === it.section; })) sections.push([it.section, it.sectionTitle]);
    if (sections.length > 1) this.filterSelect(filters, prefix + "section", "Section", "Every section", sections, "section");
    if (this.meta.outcomes.length && this.items.some(function (it) { return it.appliesTo.length; })) {
      this.filterSelect(filters, prefix + "outcome", "Only what matters for", "All", this.meta.outcomes.map(function (o) { return [o.id, o.title]; }), "outcome");
    }
    const unanswered = el("input", { type: "checkbox", id: prefix + "unanswered", checked: this.filters.unanswered ? true : null });
    unanswered.addEventListener("change", function () { self.setFilter("unanswered", unanswered.checked); });
    filters.append(el("span", { class: "checklist-inline" }, [unanswered, el("label", { for: prefix + "unanswered", text: "Unanswered only" })]));
    const search = el("input", { type: "search", id: prefix + "q", value: this.filters.q || "", autocomplete: "off" });
    search.addEventListener("input", function () { self.setFilter("q", search.value.trim()); });
    filters.append(el("span", { class: "checklist-inline" }, [el("label", { for: prefix + "q", text: "Search" }), search]));
    this.filterCount = el("span", { class: "checklist-filter-count" });
    filters.append(button("Clear filters", function () {
      self.filters = {};
      filters.querySelectorAll("select").forEach(function (s) { s.value = ""; });
      unanswered.checked = false;
      search.value = "";
      self.applyFilters(true);
    }), this.filterCount);
    bar.append(filters);

    this.fileInput = el("input", { type: "file", accept: "application/json,.json", class: "checklist-file-input", id: prefix + "import", hidden: true });
    this.fileInput.addEventListener("change", function () { self.later("Export", "importFile"); });
    bar.append(el("div", { class: "checklist-toolbar-row checklist-actions" }, [
      button("Export CSV", function () { self.later("Export", "download", "csv"); }),
      button("Export Markdown", function () { self.later("Export", "download", "md"); }),
      button("Export JSON", function () { self.later("Export", "download", "json"); }),
      button("Import JSON", function () { self.fileInput.click(); }),
      this.fileInput,
      button("Share link", function () { self.later("Export", "share"); }),
      this.openButton = button("Print or pack…", function () { self.later("Print", "open"); }, { "aria-haspopup": "dialog" }),
      button("Reset", function () { self.reset(); }, { class: "checklist-button checklist-button-danger" }),
    ]));
    this.shareBox = el("div", { class: "checklist-share", hidden: true });
    bar.append(this.shareBox);
    this.statusLine = el("p", { class: "checklist-status", role: "status" });
    this.noticeLine = el("div", { class: "checklist-notice", role: "alert", hidden: true });
    bar.append(this.statusLine, this.noticeLine);

    const first = this.roots[0];
    const anchor = first.querySelector(".checklist-scale-box, .checklist-table-wrapper");
    first.insertBefore(bar, anchor);
    if (this.notices) this.notice(this.notices.pop());
    if (this.raw !== undefined) this.offerRaw();
    if (this.pendingStatus) this.status(this.pendingStatus);
  };

  Controller.prototype.filterSelect = function (parent, id, label, allLabel, options, name) {
    const self = this;
    const select = el("select", { id: id }, [el("option", { value: "", text: allLabel })].concat(options.map(function (o) {
      return el("option", { value: o[0], text: o[1] });
    })));
    select.value = this.filters[name] || "";
    select.addEventListener("change", function () { self.setFilter(name, select.value); });
    parent.append(el("span", { class: "checklist-inline" }, [el("label", { for: id, text: label }), select]));
    return select;
  };

  /* ---- rows: notes and print helpers ---- */

  Controller.prototype.enhanceRows = function () {
    this.sections = new Map();  // section table -> its progress label and items
    for (const item of this.items) {
      const cell = item.row.querySelector(".checklist-col-item");
      const noteId = item.row.id + "-note";
      const area = el("textarea", { id: noteId, class: "checklist-note-input", rows: "2" });
      const wrap = el("div", { id: noteId + "-wrap", class: "checklist-note", hidden: true }, [
        el("label", { for: noteId, class: "checklist-note-label", text: "Note on: " + item.text }), area]);
      const toggle = button("Note", function () {
        wrap.hidden = !wrap.hidden;
        toggle.setAttribute("aria-expanded", String(!wrap.hidden));
        if (!wrap.hidden) area.focus();
      }, { class: "checklist-button checklist-note-toggle", "aria-expanded": "false", "aria-controls": wrap.id });
      item.note = { area: area, wrap: wrap, toggle: toggle, print: el("p", { class: "checklist-note-print" }) };
      cell.append(toggle, wrap, item.note.print);
      const table = item.row.closest("table");
      if (!this.sections.has(table)) {
        const label = el("span", { class: "checklist-section-progress" });
        table.querySelector("caption").append(label);
        this.sections.set(table, { label: label, items: [] });
      }
      this.sections.get(table).items.push(item);
    }
  };

  Controller.prototype.progressOf = function (items) {
    const p = core.progress(items, this.run().items, this.meta.kind);
    return { done: p.done, total: p.total, text: p.done + " of " + p.total + (this.meta.kind === "assessment" ? " rated" : " done") };
  };

  /* ---- answers ---- */

  Controller.prototype.onChange = function (event) {
    const input = event.target;
    const row = input.closest && input.closest("tr.checklist-item");
    if (!row || !input.classList) return;
    const itemId = row.dataset.checklistItemId;
    let patch = null;
    if (input.classList.contains("checklist-choice-input")) patch = { choice: input.value };
    else if (input.classList.contains("checklist-note-input")) patch = { note: input.value };
    else if (input.type === "checkbox" && input.value === "done") patch = { done: input.checked };
    else if (input.type === "checkbox" && input.value === "na") patch = { na: input.checked };
    else if (input.type === "radio") patch = { rating: input.value };
    if (!patch) return;
    this.change({ op: "set", run: this.current, item: itemId, patch: patch });
    this.refreshItem(this.byId.get(itemId));
    this.refreshTotals();
    if (this.filters.unanswered) this.applyFilters(false);
  };

  Controller.prototype.onInput = function (event) {
    const input = event.target;
    if (!input.classList || !input.classList.contains("checklist-note-input")) return;
    const itemId = input.closest("tr.checklist-item").dataset.checklistItemId;
    this.change({ op: "set", run: this.current, item: itemId, patch: { note: input.value } }, true);
    this.byId.get(itemId).note.print.textContent = input.value;
  };

  Controller.prototype.refreshItem = function (item) {
    const a = this.run().items[item.id] || {};
    for (const input of item.row.querySelectorAll("input.checklist-control")) {
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
    if (a.note) {
      item.note.wrap.hidden = false;
      item.note.toggle.setAttribute("aria-expanded", "true");
    }
  };

  Controller.prototype.applyRun = function () {
    const self = this;
    this.runSelect.replaceChildren.apply(this.runSelect, Object.keys(this.store.runs).map(function (id) {
      const run = self.store.runs[id];
      return el("option", { value: id, text: run.name + (run.pack ? " (convening pack)" : "") });
    }));
    this.runSelect.value = this.current;
    for (const item of this.items) this.refreshItem(item);
    this.refreshTotals();
    this.applyFilters(false);
  };

  Controller.prototype.refreshTotals = function () {
    const overall = this.progressOf(this.items);
    this.progressText.textContent = overall.text;
    this.progressBar.max = Math.max(overall.total, 1);
    this.progressBar.value = overall.done;
    const self = this;
    this.sections.forEach(function (section) { section.label.textContent = self.progressOf(section.items).text; });
    if (this.summary) this.renderSummary();
  };

  /* ---- assessment summary ---- */

  Controller.prototype.buildSummary = function () {
    const heading = el("p", { class: "checklist-summary-title", id: "checklist-" + this.id + "-summary-title", text: "Your results: " + this.meta.title });
    this.summary = el("div", { class: "checklist-summary", role: "region", "aria-labelledby": heading.id });
    this.summaryBody = el("div", { "aria-live": "polite" });
    this.summary.append(heading, this.summaryBody);
    this.roots[this.roots.length - 1].append(this.summary);
  };

  Controller.prototype.renderSummary = function () {
    const answers = this.run().items;
    const scale = this.meta.scale;
    const parts = [];
    const scores = core.groupScores(this.items, answers, scale, this.meta.groups);
    const table = el("table", { class: "checklist-score-table" }, [
      el("caption", { text: "Average rating by group (“" + scale.unknown + "” is left out)" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Group" }), el("th", { scope: "col", text: "Average" }), el("th", { scope: "col", text: "Rated" })])]),
      el("tbody", {}, scores.map(function (s) {
        return el("tr", {}, [el("th", { scope: "row", text: s.title }),
          el("td", { text: s.mean === null ? "–" : s.mean.toFixed(1) + " (" + s.percent + "%)" }),
          el("td", { text: s.rated + " of " + s.count })]);
      })),
    ]);
    parts.push(table);
    const low = core.lowestItems(this.items, answers, scale, 5);
    if (low.length) {
      parts.push(el("p", { class: "checklist-summary-subtitle", text: "Lowest-rated items, with what to do" }));
      parts.push(el("ul", { class: "checklist-low-list" }, low.map(function (x) {
        const guidance = x.item.row.querySelector(".checklist-low-guidance");
        const source = x.item.row.querySelector(".checklist-source a");
        const li = el("li", {}, [el("a", { href: "#" + x.item.row.id, text: x.item.text }),
          " — rated " + core.ratingLabel(scale, String(x.rating))]);
        if (guidance) li.append(el("span", { class: "checklist-low-text", text: " " + guidance.textContent.replace(/\s+/g, " ").trim() }));
        if (source) li.append(" ", el("a", { href: source.getAttribute("href"), text: "Read the guidance" }));
        return li;
      })));
    }
    if (this.meta.outcomes.length && this.items.some(function (it) { return it.weights; })) {
      const ranked = core.ranking(this.items, answers, scale, this.meta.outcomes);
      parts.push(el("p", { class: "checklist-summary-subtitle", text: "Which fits best" }));
      if (ranked.every(function (r) { return r.percent === null; })) {
        parts.push(el("p", { text: "Rate some statements to see a ranking." }));
      } else {
        parts.push(el("ol", { class: "checklist-ranking" }, ranked.map(function (r) {
          const li = el("li", {}, [el("strong", { text: r.title }), ": " + (r.percent === null ? "no rated statement bears on it" : r.percent + "% fit")]);
          if (r.reasons.length) li.append(el("span", { class: "checklist-reasons", text: " — because: " + r.reasons.map(function (it) { return it.text; }).join("; ") }));
          return li;
        })));
      }
    }
    this.summaryBody.replaceChildren.apply(this.summaryBody, parts);
  };

  /* ---- filters ---- */

  Controller.prototype.setFilter = function (name, value) {
    if (value) this.filters[name] = value;
    else delete this.filters[name];
    this.applyFilters(true);
  };

  Controller.prototype.applyFilters = function (writeUrl) {
    const answers = this.run().items;
    let shown = 0;
    for (const item of this.items) {
      const visible = core.matches(item, answers[item.id], this.filters, this.meta.kind);
      item.row.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const root of this.roots) {
      for (const wrapper of root.querySelectorAll(".checklist-table-wrapper")) {
        wrapper.hidden = !wrapper.querySelector("tr.checklist-item:not([hidden])");
      }
    }
    const active = Object.keys(this.filters).length > 0;
    this.filterCount.textContent = active ? "Showing " + shown + " of " + this.items.length + " items" : "";
    if (writeUrl) history.replaceState(null, "", location.pathname + core.writeFilters(location.search, this.id, this.filters) + location.hash);
  };

  /* ---- copies ---- */

  Controller.prototype.newRun = function () {
    const name = window.prompt("Name of the new copy (for example: Kigali workshop, March)", "");
    if (name === null) return;
    this.change({ op: "add", run: core.newRunId(), name: name.trim() || "Copy " + (Object.keys(this.store.runs).length + 1) });
    this.applyRun();
    this.status("Started the copy “" + this.run().name + "”.");
  };

  Controller.prototype.renameRun = function () {
    const name = window.prompt("New name for this copy", this.run().name);
    if (name === null || !name.trim()) return;
    const pack = this.pack();
    if (pack) changePacks({ op: "pack", pack: this.run().pack, name: name, checklists: pack.checklists });
    this.change({ op: "rename", run: this.current, name: name });
    this.applyRun();
    this.status("Renamed to “" + this.run().name + "”.");
  };

  Controller.prototype.deleteRun = function () {
    const name = this.run().name;
    if (!window.confirm("Delete the copy “" + name + "” and all its answers and notes? This cannot be undone.")) return;
    const pack = this.pack();
    const id = this.id;
    if (pack) this.setPack(pack.checklists.filter(function (c) { return c !== id; }));
    this.change({ op: "remove", run: this.current, fresh: core.newRunId() });
    this.applyRun();
    this.status("Deleted “" + name + "”.");
  };

  Controller.prototype.reset = function () {
    if (!window.confirm("Clear every answer and note in “" + this.run().name + "”? This cannot be undone.")) return;
    this.change({ op: "reset", run: this.current });
    this.applyRun();
    this.status("Cleared “" + this.run().name + "”.");
  };

  /* ---- saving files (exports, import and share links: checklist-export.js) ---- */

  function saveFile(name, content, type) {
    const link = el("a", { href: URL.createObjectURL(new Blob([content], { type: type + ";charset=utf-8" })), download: name, hidden: true });
    document.body.append(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  /* The saved text this page could not use, byte for byte, so it can be kept elsewhere. */
  Controller.prototype.offerRaw = function () {
    if (this.rawButton) return;
    const raw = this.raw;
    const self = this;
    this.rawButton = button("Download the saved data", function () {
      saveFile(self.id + "-saved-data.txt", raw, "text/plain");
    });
    this.noticeLine.after(this.rawButton);
  };

  /* ---- convening packs: one named copy kept by several checklists, printed together ---- */

  function packsKey() {
    return core.packsKey(siteScope());
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

  Controller.prototype.pack = function () {
    const id = this.run().pack;
    const packs = id && readPacks();
    return packs && packs.packs[id] ? packs.packs[id] : null;
  };

  /* This checklist keeps a copy for each pack that lists it, named as the pack; a copy whose pack no longer
   * lists it stays as an ordinary copy. `show`: save and show at once (else the page's first save does). */
  Controller.prototype.syncPacks = function (show) {
    const packs = this.locked ? null : readPacks();
    if (!packs) return;
    const store = this.store;
    const before = this.pending.length;
    for (const id of Object.keys(packs.packs)) {
      const pack = packs.packs[id];
      if (pack.checklists.indexOf(this.id) < 0) continue;
      const run = core.packRun(store, id);
      if (!run) this.queue({ op: "add", run: id, name: pack.name, pack: id });
      else if (store.runs[run].name !== pack.name) this.queue({ op: "rename", run: run, name: pack.name });
    }
    for (const run of Object.keys(store.runs)) {
      const pack = packs.packs[store.runs[run].pack];
      if (store.runs[run].pack && !(pack && pack.checklists.indexOf(this.id) >= 0)) this.queue({ op: "pack", run: run, pack: null });
    }
    if (show && this.pending.length > before) {
      this.save();
      this.applyRun();
    }
  };

  /* The current copy is kept by the checklists `ids`; fewer than two ends the pack (the copies stay). */
  Controller.prototype.setPack = function (ids) {
    const run = this.run();
    let pack = run.pack;
    if (!pack && ids.length < 2) return true;
    if (!pack) {
      pack = "pack-" + core.newRunId().slice(4);
      this.change({ op: "pack", run: this.current, pack: pack });
    }
    const saved = changePacks(ids.length < 2 ? { op: "unpack", pack: pack } : { op: "pack", pack: pack, name: run.name, checklists: ids });
    (window.checklistControllers || [this]).forEach(function (c) { c.syncPacks(true); });
    this.applyRun();
    return saved;
  };

  /* ---- parts loaded when wanted: checklist-print.js (paper, the Print or pack dialog), checklist-export.js ---- */

  // Beside this script; data-parts: the build's version of them, so that no cache keeps an older one.
  const script = document.currentScript;
  const parts = {};
  const loaded = {};

  /* The functions of checklist-<name>.js (which sets window.Checklist<Name>), loaded once; a failed load is tried again. */
  function load(name) {
    return parts[name] = parts[name] || new Promise(function (resolve, reject) {
      const tag = el("script", { src: new URL("checklist-" + name.toLowerCase() + ".js?v=" + script.dataset.parts, script.src).href });
      tag.addEventListener("load", function () {
        resolve(loaded[name] = window["Checklist" + name]({ core, el, button, words, readPacks, siteScope, now, today, saveFile }));
      });
      tag.addEventListener("error", function () {
        delete parts[name];
        tag.remove();
        reject(new Error("could not load its tools; try again when online"));
      });
      document.head.append(tag);
    });
  }

  /* Run `fn` of the part `name` for this checklist, once the part is loaded. */
  Controller.prototype.later = function (name, fn, arg) {
    const self = this;
    load(name).then(function (part) { part[fn](self, arg); }, function (e) { self.status("This page " + e.message + "."); });
  };

  /**
   * Prepare the page to print the checklists `ids` (one id or a list), in order, as one paper document, as the
   * Print dialog does, without printing. Loads checklist-print.js first when the page has not loaded it yet.
   * @param {string | string[]} ids
   * @param {{blank?: boolean, mode?: "compact" | "full", pack?: string}} [opts] blank: no answers; mode: compact
   *   (the default) or full, with the guidance; pack: the id of the convening pack whose copies to print.
   * @returns {(() => void) & {ready: Promise<Function>, cleanup: () => void}} the function that puts the page back
   *   (also as `.cleanup`; safe to call at any time, and more than once), whose `ready` resolves (to that function)
   *   once the page is prepared, or rejects with an Error saying what could not be loaded. The page is prepared at
   *   once when checklist-print.js is already loaded and every checklist is on this page. Usage:
   *   `const s = checklistPrintSetup(id, {blank: true}); await s.ready; window.print(); s();`
   */
  window.checklistPrintSetup = function (ids, opts) {
    let undo = null;
    const cleanup = function () {
      undo = undo || function () {};  // put back before it was prepared: it never will be
      undo();
    };
    const setup = function (part) {
      return undo ? cleanup : (undo = part.setup([].concat(ids), opts || {})).ready.then(function () { return cleanup; });
    };
    cleanup.cleanup = cleanup;
    cleanup.ready = loaded.Print ? setup(loaded.Print) : load("Print").then(setup);
    return cleanup;
  };

  /* ---- messages ---- */

  Controller.prototype.status = function (text) {
    this.statusLine.textContent = text;
  };

  /* Every notice stays, newest last, once each, until one that ends it (`ends`) arrives: the reader must see them all. */
  Controller.prototype.notice = function (text, ends) {
    const list = this.notices = (this.notices || []).filter(function (t) { return t !== text && t !== ends; });
    list.push(text);
    if (!this.noticeLine) return;
    this.noticeLine.replaceChildren.apply(this.noticeLine, list.map(function (t) { return el("p", { text: t }); }));
    this.noticeLine.hidden = false;
  };

  function start() {
    performance.mark("checklists-start");
    const groups = new Map();
    for (const root of document.querySelectorAll(".checklist[data-checklist-id]")) {
      const id = root.dataset.checklistId;
      if (!groups.has(id)) groups.set(id, []);
      groups.get(id).push(root);
    }
    const controllers = [];
    groups.forEach(function (roots, id) {
      const controller = new Controller(id, roots);
      controller.start();
      controllers.push(controller);
    });
    window.checklistControllers = controllers;
    performance.measure("checklists-ready", "checklists-start");
    document.documentElement.dataset.checklistsReady = "true";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
