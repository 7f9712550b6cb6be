// @ts-check
/* Compare, the partnership health check: several partners' answers to one assessment side by side. The facilitator
 * adds responses (JSON exports, share links, their own copies), names or anonymises them, and sees per item each rating,
 * the median and the range, the items two or more levels apart first; per group each score and the median, charted;
 * the ranking of outcomes per respondent and together; a notice when a response answered another version. It exports
 * as CSV and Markdown and prints as a workshop sheet. checklist.js loads this file (after checklist-results.js, whose
 * charts and statistics it uses) when Compare… is pressed. Files and links are read here: nothing leaves the browser,
 * and nothing is saved. */

(function () {
  "use strict";
  const win = /** @type {any} */ (window);

  /** @typedef {import("./checklist-core.js").Answers} Answers */
  /** @typedef {import("./checklist-core.js").Item} Item */
  /** @typedef {import("./checklist-core.js").Scale} Scale */
  /**
   * One response compared.
   * @typedef {object} Response
   * @property {string} key where it came from, so that nothing is added twice
   * @property {string} [own] the id of the copy, for a copy of this browser
   * @property {string} name as the facilitator names it (at first, the copy's name)
   * @property {string} from where it came from, in words
   * @property {string | null} version the checklist version it answered, when known
   * @property {Answers} answers
   * @property {{id: string, text?: string}[] | null} listed the items it carries, when it carries them
   */

  /* A to Z, then A2, B2, … */
  /** @param {number} i */
  const letter = (i) => String.fromCharCode(65 + (i % 26)) + (i < 26 ? "" : Math.floor(i / 26) + 1);

  /* A cell a spreadsheet will not run as a formula, quoted as RFC 4180 asks (and on ";", which many locales split on). */
  /** @param {string} text */
  function csvCell(text) {
    if (/^\s*[=+\-@]|^[\t\r]/.test(text)) text = "'" + text;
    return /[",;\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** @param {string} text */
  const mdCell = (text) => text.replace(/([\\`*_[\]<>|])/g, "\\$1").replace(/\s+/g, " ");

  /** @param {PageHelpers} page */
  win.ChecklistCompare = function (page) {
    const stats = /** @type {typeof import("./checklist-stats.js")} */ (win.ChecklistStats);
    /** @type {{barChart: (chart: Chart) => HTMLElement}} */
    const charts = win.ChecklistResults(page);
    const { el, core, button } = page;
    /** @type {Map<string, View>} */
    const views = new Map();

    const label = stats.shortLabel;
    /** @param {number | null} n */
    const num = (n) => (n === null ? "–" : Number.isInteger(n) ? String(n) : n.toFixed(1));

    /* Everything the view, the exports and the sheet show, worked out once per change. */
    /** @param {PageController} c @param {Response[]} rs @param {boolean} anonymous */
    function compute(c, rs, anonymous) {
      const scale = /** @type {Scale} */ (c.meta.scale);
      const sets = rs.map((r) => stats.onScale(r.answers, scale));
      const names = rs.map((r, i) => (anonymous ? letter(i) : r.name));
      const rows = stats.compareItems(c.items, sets, scale);
      const ranks = stats.ranksOutcomes(c.items, c.meta.outcomes);
      const rank = (/** @type {Answers} */ a) => stats.ranking(c.items, a, scale, c.meta.outcomes);
      const fits = ranks ? sets.map(rank) : [];
      const together = ranks ? rank(stats.medianAnswers(rows)) : [];
      // Each group, then Overall (alone when the checklist has no groups).
      const groups = stats.compareGroups(c.items, sets, scale, c.meta.groups);
      /* Respondent i's rating of an item in the scale's words, "–" when unanswered. */
      const word = (/** @type {Row} */ r, /** @type {number} */ i) => {
        const answer = sets[i][r.item.id];
        return core.ratingLabel(scale, answer && answer.rating) || "–";
      };
      // The tables as words, for the page, the CSV and the Markdown alike: the first column, the respondents, the rest.
      const items = (/** @type {Row[]} */ list) => list.map((r) => [label(r.item)].concat(names.map((n, i) => word(r, i)), [medianText(scale, r.median),
        r.min === r.max ? num(r.min) : num(r.min) + "–" + num(r.max)]));
      return {
        c, scale, rows, names, fits, together, order: stats.talkOrder(rows),
        groups, items, itemHead: ["Statement"].concat(names, ["Median", "Range"]),
        groupTable: [["Group"].concat(names, ["Median"])].concat(groups.map((g) => [g.title].concat(g.scores.map((s) => num(s.mean)), [num(g.median)]))),
        fitTable: [["Option"].concat(names, ["Together"])].concat(together.map((r) => [r.title].concat(fits.map((f) => fitText(f, r.id)), [fitText(together, r.id)]))),
        notes: rs.map((r, i) => versionNote(c, r, names[i])).filter(Boolean),
      };
    }
    /** @typedef {ReturnType<typeof compute>} Data */
    /** An item across the respondents; the item is the page's, with its row. @typedef {Omit<ReturnType<typeof stats.compareItems>[number], "item"> & {item: PageController["items"][number]}} Row */

    /* What matching a response by item id found, when the page and the response differ. */
    /** @param {PageController} c @param {Response} r @param {string} name */
    function versionNote(c, r, name) {
      const m = stats.matchItems(c.items, r.answers, r.listed);
      const other = r.version !== null && r.version !== c.meta.version;
      const texts = new Map((r.listed || []).map((x) => [x.id, x.text]));
      const list = (/** @type {string[]} */ texts) => texts.join("; ").replace(/\.(;|$)/g, "$1");  // each list ends a sentence
      const found = [(other || r.listed) && m.added.length ? "added (not " + (r.listed ? "in it" : "answered: new, or skipped") + "): " + list(m.added.map(label)) : "",
        m.removed.length ? "removed (in it, not on this page): " + list(m.removed.map((id) => texts.get(id) || id)) : "",
        m.reworded.length ? "reworded: " + list(m.reworded.map(label)) : ""].filter(Boolean);
      return found.length ? name + (other ? " answered version " + r.version + " (this page: " + c.meta.version + ")" : "") +
        "; matched by item id. Items " + found.join(". Items ") + "." : "";
    }

    /* "2.5 (Emerging to In place)": a median in numbers and in the scale's words. */
    /** @param {Scale} scale @param {number | null} m */
    function medianText(scale, m) {
      if (m === null) return "–";
      const below = scale.levels.filter((lv) => lv.value <= m).pop();
      const above = scale.levels.find((lv) => lv.value >= m) || below;
      return num(m) + " (" + (below && below !== above ? below.label + " to " : "") + (above ? above.label : "") + ")";
    }

    /** @param {ReturnType<typeof stats.ranking>} ranked @param {string} id */
    function fitText(ranked, id) {
      const r = /** @type {ReturnType<typeof stats.ranking>[number]} */ (ranked.find((x) => x.id === id));
      return r.enough ? r.percent + "%, rank " + (ranked.indexOf(r) + 1) : "no fit yet (" + r.rated + " of " + r.bearing + " rated, " + r.needed + " needed)";
    }

    /* Statements, their ratings, median and range; flagged when two or more levels apart. Wide with many respondents,
     * it scrolls sideways (by keyboard too), its first column staying in view; on a phone each row is a card. */
    /** @param {Data} d @param {Row[]} rows @param {string} id the id of its title */
    function itemTable(d, rows, id) {
      const head = d.itemHead;
      return el("div", { class: "checklist-compare-scroll", role: "region", tabindex: "0", "aria-labelledby": id }, [el("table", { class: "checklist-compare-table" }, [
        el("thead", {}, [el("tr", {}, head.map((h) => el("th", { scope: "col", text: h })))]),
        el("tbody", {}, d.items(rows).map((cells, j) => el("tr", { class: rows[j].disagree ? "checklist-compare-flag" : null }, cells.map((cell, k) => k
          ? el("td", { "data-label": head[k] }, cell === "–" ? [el("span", { "aria-hidden": "true", text: cell }), el("span", { class: "checklist-vh", text: "not rated" })] : [cell])
          : el("th", { scope: "row" }, [el("a", { href: "#" + rows[j].item.row.id, text: cell }),
            rows[j].disagree ? el("span", { class: "checklist-compare-apart", text: "⚑ " + rows[j].apart + " levels apart" }) : ""]))))),
      ])]);
    }

    /* A chart of Results (checklist-results.js), each respondent a mark, with its numbers shown as a table. */
    /** @param {Chart} spec */
    function chart(spec) {
      const figure = charts.barChart(spec);
      /** @type {HTMLDetailsElement} */ (figure.querySelector("details")).open = true;
      return figure;
    }

    /** @param {Data} d */
    function groupChart(d) {
      const range = stats.scaleRange(d.scale);
      const at = (/** @type {number} */ v) => (v - range.min) / (range.max - range.min);
      return chart({
        title: "Average rating by group: a mark per respondent, the bar their median",
        ticks: d.scale.levels.map((lv) => lv.label),
        bars: d.groups.map((g) => ({
          label: g.title, value: g.median === null ? null : at(g.median), text: g.median === null ? "not rated" : "median " + num(g.median),
          marks: g.scores.flatMap((s, i) => (s.mean === null ? [] : [{ value: at(s.mean), label: d.names[i] + ": " + num(s.mean), short: letter(i) }])),
        })),
        table: d.groupTable,
      });
    }

    /** @param {Data} d */
    function fitChart(d) {
      return chart({
        title: "Fit of each option: a mark per respondent, the bar the fit of the median ratings",
        ticks: ["0%", "50%", "100%"],
        bars: d.together.map((r) => ({
          label: r.title, value: r.percent === null ? null : r.percent / 100, text: r.enough ? r.percent + "% together" : "no fit yet together",
          marks: d.fits.flatMap((ranked, i) => ranked.filter((x) => x.id === r.id && x.percent !== null)
            .map((x) => ({ value: /** @type {number} */ (x.percent) / 100, label: d.names[i] + ": " + x.percent + "%", short: letter(i) }))),
        })),
        table: d.fitTable,
      });
    }

    /* The comparison, disagreements first: on screen, and (sheet) on the workshop sheet, whose ids differ. */
    /** @param {Data} d @param {boolean} sheet */
    function content(d, sheet) {
      const base = "checklist-" + d.c.id + (sheet ? "-sheet-" : "-compare-");
      const subtitle = (/** @type {string} */ id, /** @type {string} */ text) => el("p", { class: "checklist-summary-subtitle", id: base + id, text });
      /** @type {HTMLElement[]} */
      const out = [el("p", { text: d.names.join(", ") + ": " + d.order.first.length + " of " + d.rows.length + " statements two or more levels apart. " +
        d.scale.levels.map((lv) => lv.value + " " + lv.label).join(" · ") + "; “" + d.scale.unknown + "” and unanswered left out." })];
      if (d.notes.length) out.push(el("div", { class: "checklist-compare-versions" }, d.notes.map((text) => el("p", { text }))));
      out.push(subtitle("first", "Talk about these first"), d.order.first.length ? itemTable(d, d.order.first, base + "first")
        : el("p", { text: "No statement has ratings two or more levels apart." }), subtitle("groups", "By group"), groupChart(d));
      if (d.together.length) {
        out.push(subtitle("fit", "Which fits best"), fitChart(d), el("p", { class: "checklist-compare-hint",
          text: "An option gets a fit once half the statements bearing on it are rated; together ranks the median ratings." }));
      }
      if (d.order.rest.length) out.push(subtitle("rest", "Every other statement, in page order"), itemTable(d, d.order.rest, base + "rest"));
      return out;
    }

    /* ---- exports ---- */

    /** @param {Data} d */
    function toCSV(d) {
      const rows = d.order.first.concat(d.order.rest);
      const lines = [d.itemHead.concat(["Levels apart", "Talk about first", "Section", "Item id"])].concat(d.items(rows).map((cells, j) =>
        cells.concat([String(rows[j].apart), rows[j].disagree ? "yes" : "", rows[j].item.sectionTitle, rows[j].item.id])), [[]], d.groupTable,
        d.together.length ? /** @type {string[][]} */ ([[]]).concat(d.fitTable) : []);
      return "\ufeff" + lines.map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n";
    }

    /** @param {Data} d */
    function toMarkdown(d) {
      const md = (/** @type {string[][]} */ rows) => rows.slice(0, 1).concat([rows[0].map(() => "---")], rows.slice(1))
        .map((r) => "| " + r.map(mdCell).join(" | ") + " |").join("\n") + "\n";
      const items = (/** @type {Row[]} */ rows) => (rows.length ? md([d.itemHead].concat(d.items(rows))) : "None.\n");
      return ["## Compare: " + mdCell(d.c.meta.title), "Version " + d.c.meta.version + " · " + page.now().slice(0, 10) + " · " + mdCell(d.names.join(", "))]
        .concat(d.notes.map((n) => "> " + mdCell(n)), ["### Talk about these first", items(d.order.first),
          "### By group (average rating)", md(d.groupTable)], d.together.length ? ["### Which fits best", md(d.fitTable)] : [],
        ["### Every other statement", items(d.order.rest)]).join("\n\n");
    }

    /* ---- the view of one checklist: under its toolbar, not a dialog ---- */

    class View {
      /** @param {PageController} c */
      constructor(c) {
        this.c = c;
        /** @type {Response[]} */
        this.responses = [];
        /** @type {Data | null} */
        this.data = null;
        const id = this.id = "checklist-" + c.id + "-compare";
        const field = (/** @type {HTMLElement} */ input, /** @type {string} */ text, /** @type {Node[]} */ ...more) =>
          el("div", {}, [el("label", { for: input.id, text }), input, ...more]);
        this.title = el("p", { class: "checklist-compare-title", id: id + "-title", tabindex: "-1", text: "Compare responses" });
        this.files = el("input", { type: "file", multiple: true, accept: "application/json,.json", id: id + "-files" });
        this.files.addEventListener("change", () => this.addFiles());
        this.links = el("textarea", { id: id + "-links", rows: "3", class: "checklist-note-input" });
        this.own = el("fieldset", { class: "checklist-compare-own" });
        this.who = el("ol", { class: "checklist-compare-who" });
        this.anon = el("input", { type: "checkbox", role: "switch", id: id + "-anonymise" });
        this.anon.addEventListener("change", () => this.render());
        this.status = el("p", { class: "checklist-status", role: "status" });
        this.body = el("div");
        this.actions = el("div", { class: "checklist-toolbar-row" }, [button("Download CSV", () => this.save("csv")),
          button("Download Markdown", () => this.save("md")), button("Print workshop sheet", () => this.print())]);
        this.region = el("div", { class: "checklist-compare", id, role: "region", "aria-labelledby": this.title.id }, [
          el("div", { class: "checklist-compare-head" }, [this.title, button("Close", () => this.close())]),
          el("p", { text: "Add each partner's answers: the files they exported (Export JSON), share links, or copies on this browser. " +
            "Read on this page: nothing is sent or saved." }),
          el("div", { class: "checklist-compare-add" }, [field(this.files, "JSON files (choose several)"),
            field(this.links, "Share links, one per line", button("Add links", () => this.addLinks())), this.own]),
          this.status, el("div", { class: "checklist-inline" }, [this.anon, el("label", { for: this.anon.id, text: "Anonymise (A, B, C…)" })]),
          this.who, this.body, this.actions]);
        /** @type {HTMLElement} */ (c.roots[0].querySelector(".checklist-toolbar")).after(this.region);
      }

      show() {
        // Own copies as they are now: they may have changed, or gone, since they were added.
        const runs = this.c.store.runs;
        this.responses = this.responses.filter((r) => !r.own || (r.answers = (runs[r.own] || {}).items));
        this.region.hidden = false;
        this.expanded("true");
        this.update("");
        this.title.focus();
      }

      /** The Compare… button says whether the comparison is shown. @param {string} value */
      expanded(value) {
        const opener = this.c.roots[0].querySelector('[aria-controls="' + this.id + '"]');
        if (opener) opener.setAttribute("aria-expanded", value);
      }

      close() {
        this.region.hidden = true;
        this.expanded("false");
        // Back to Compare…, or to the Tools button on a phone, whose menu may have closed.
        const buttons = /** @type {HTMLElement[]} */ (Array.from(this.c.roots[0].querySelectorAll(".checklist-toolbar button")));
        const again = buttons.find((b) => b.textContent === "Compare…" && b.offsetParent) || buttons[0];
        if (again) again.focus();
      }

      /* Responses read from JSON exports: checklist-export.js checks each, as Import JSON does. */
      addFiles() {
        const files = Array.from(this.files.files || []);
        /** @type {NonNullable<PageHelpers["load"]>} */ (page.load)("Export").then((exp) => Promise.all(files.map((file) => file.text().then((text) => {
          try {
            const copy = exp.fromJSON(text, this.c.id, page.now());
            const data = JSON.parse(text);
            return /** @type {Response} */ ({ key: "file:" + file.name + text.length, name: copy.name, answers: copy.items,
              version: typeof data.version === "string" ? data.version : null, from: file.name,
              listed: Array.isArray(data.items) ? data.items.filter((/** @type {any} */ x) => x && typeof x.id === "string") : null });
          } catch (e) {
            return file.name + ": " + /** @type {Error} */ (e).message;
          }
        })))).then((read) => {
          this.files.value = "";
          this.add(/** @type {Response[]} */ (read.filter((r) => typeof r !== "string")), /** @type {string[]} */ (read.filter((r) => typeof r === "string")));
        });
      }

      addLinks() {
        /** @type {Response[]} */
        const found = [];
        /** @type {string[]} */
        const problems = [];
        // The links not added stay in the box, to be put right.
        this.links.value = this.links.value.split("\n").map((line) => line.trim()).filter((line, i) => {
          const hash = line.slice(Math.max(line.indexOf("#"), 0));
          const shared = core.readShare(hash, page.now());
          if (shared && shared.checklist === this.c.id) {
            found.push({ key: "link:" + hash, name: shared.copy.name, from: "share link", version: null, answers: shared.copy.items, listed: null });
            return false;
          }
          if (line) problems.push("Line " + (i + 1) + (shared ? " shares another checklist" : " is not a share link"));
          return !!line;
        }).join("\n");
        this.add(found, problems);
      }

      /** @param {Response[]} found @param {string[]} problems */
      add(found, problems) {
        for (const r of found) {
          if (this.responses.some((x) => x.key === r.key)) continue;
          const base = r.name;
          for (let n = 2; this.responses.some((x) => x.name === r.name); n++) r.name = base + " (" + n + ")";
          this.responses.push(r);
        }
        this.update(problems.map((p) => p + ": not added. ").join("") + (found.length ? "Responses: " + this.responses.length + "." : ""));
      }

      /* The lists of own copies and of respondents, then the comparison; `message` for the status line. */
      /** @param {string} message */
      update(message) {
        const runs = this.c.store.runs;
        this.status.textContent = message;
        this.own.replaceChildren(el("legend", { text: "Your copies on this browser" }), ...Object.keys(runs).map((own) => {
          const copy = runs[own];
          const date = copy.updated.slice(0, 10);
          const box = el("input", { type: "checkbox", id: this.id + "-own-" + own, checked: this.responses.some((r) => r.own === own) });
          box.addEventListener("change", () => {
            if (box.checked) this.add([{ key: own, own, name: copy.name, from: "your copy of " + date, version: this.c.meta.version, answers: copy.items, listed: null }], []);
            else this.remove(own);
          });
          return el("span", { class: "checklist-inline" }, [box, el("label", { for: box.id, text: copy.name + " (" + date + ")" })]);
        }));
        this.who.replaceChildren(...this.responses.map((r, i) => {
          const input = el("input", { type: "text", id: this.id + "-name-" + i, value: r.name, class: "checklist-note-input checklist-compare-name" });
          input.addEventListener("input", () => {
            r.name = input.value.trim() || letter(i);
            this.render();
          });
          return el("li", {}, [el("label", { for: input.id, text: letter(i) }), input, el("span", { class: "checklist-compare-from", text: r.from }),
            button("Remove", () => this.remove(r.key), { "aria-label": "Remove " + letter(i) })]);
        }));
        this.render();
      }

      /** @param {string} key */
      remove(key) {
        this.responses = this.responses.filter((r) => r.key !== key);
        this.update("");
      }

      render() {
        performance.mark("checklist-compare-start");
        const none = this.actions.hidden = !this.responses.length;
        this.data = none ? null : compute(this.c, this.responses, this.anon.checked);
        this.body.replaceChildren(...(this.data ? content(this.data, false) : []));
        void this.body.offsetHeight;  // laid out: the time measured is the time until it can be seen
        performance.measure("checklist-compare-render", "checklist-compare-start");
      }

      /** @param {"csv" | "md"} format */
      save(format) {
        const d = /** @type {Data} */ (this.data);
        page.saveFile(this.c.id + "-comparison." + format, format === "csv" ? toCSV(d) : toMarkdown(d), format === "csv" ? "text/csv" : "text/markdown");
      }

      /* The workshop sheet: only the comparison, disagreements first, printed as the page's paper document. */
      print() {
        const d = /** @type {Data} */ (this.data);
        const body = document.body;
        const doc = el("div", { class: "checklist-print-doc checklist-compare-sheet" }, [
          el("p", { class: "checklist-print-title", text: "Workshop sheet: " + d.c.meta.title }),
          el("p", { text: "Version " + d.c.meta.version + " · printed " + page.now().slice(0, 10) }), ...content(d, true)]);
        body.append(doc);
        body.dataset.checklistPrint = "compare";
        window.addEventListener("afterprint", () => {
          doc.remove();
          delete body.dataset.checklistPrint;
        }, { once: true });
        window.print();
      }
    }

    /** @param {PageController} c */
    function open(c) {
      const view = views.get(c.id) || new View(c);
      views.set(c.id, view);
      view.show();
    }

    return { open, compute, toCSV, toMarkdown };
  };
})();
