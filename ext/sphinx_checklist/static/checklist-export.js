// @ts-check
/* Exports and imports of one copy of a checklist (CSV, Markdown and JSON files) and share links. checklist.js loads this file
 * the first time a reader exports, imports or shares, or opens a share link, so the pages most visits read do not download
 * it. Its pure part (toCSV, toMarkdown, toJSON, fromJSON, shareFragment, parseShare) needs no DOM: `node --test` requires it
 * like checklist-core.js.
 * An export's fields (format, type "checklist-run", run; the CSV columns' names, such as "run" and "item_id") keep their
 * names: older pages import the JSON, and spreadsheets made from the CSV look its columns up by name. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(/** @type {PageHelpers} */ ({ core: require("./checklist-core.js") }));
  else /** @type {any} */ (root).ChecklistExport = factory;  // checklist.js calls it once with the page's helpers
})(typeof self !== "undefined" ? self : this, function (/** @type {PageHelpers} */ page) {
  "use strict";
  /** @typedef {import("./checklist-core.js").Meta} Meta */
  /** @typedef {import("./checklist-core.js").Item} Item */
  /** @typedef {import("./checklist-core.js").Copy} Copy */
  /** @typedef {import("./checklist-core.js").Scale} Scale */
  /** @typedef {typeof import("./checklist-stats.js")} Stats */
  const core = page.core;
  // Exports and imports carry one copy, whose shape has not changed since format 1.
  const COPY_FORMAT = 1;
  /* The longest share link this page opens, in characters with its "#share=": about 70 KB of answers and notes, far
   * more than a filled checklist needs. A longer one is refused before it is decoded (checklist-core.js's readShare
   * refuses it too, for Compare; a unit test keeps the two limits equal): a JSON export carries any size. */
  const SHARE_LIMIT = 100000;
  const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

  /* "26 Nov 2026" from an ISO date or time: the same words in every browser and locale. */
  /** @param {string} iso */
  function dayText(iso) {
    const [y, m, d] = iso.slice(0, 10).split("-");
    return Number(d) + " " + MONTHS[Number(m) - 1] + " " + y;
  }

  /** @param {Item} item @param {string | undefined} choice */
  function choiceLabel(item, choice) {
    const found = (item.choices || []).find((c) => c.id === choice);
    return found ? found.label : choice || "";
  }

  /** Ids in the words readers see. @param {string[]} ids @param {Record<string, string>} labels */
  const inWords = (ids, labels) => (ids || []).map((id) => labels[id] || id).join(", ");

  /* A cell a spreadsheet will not run as a formula (even after spaces), quoted as RFC 4180 asks; a ";"
   * is quoted too, since spreadsheets in many locales split on it. */
  /** @param {unknown} value */
  function csvCell(value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^\s*[=+\-@]|^[\t\r]/.test(text)) text = "'" + text;
    return /[",;\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* An assessment's results as CSV rows, as the page shows them: the average of each group (or of all) with the
   * nearest level's word, then, where it ranks outcomes, each one's fit, best first. */
  /** @param {Meta} meta @param {Item[]} items @param {Copy} copy @param {Stats} stats @returns {Record<string, string>[]} */
  function resultRows(meta, items, copy, stats) {
    const scale = /** @type {Scale} */ (meta.scale);
    const scores = stats.groupScores(items, copy.items, scale, meta.groups);
    const rows = scores.map((s) => ({
      item: s.id ? "Group average: " + s.title : "Overall average",
      item_id: "result:" + (s.id ? "group:" + s.id : "overall"),
      rating: s.mean === null ? "" : s.mean.toFixed(1),
      rating_label: s.mean === null ? "not rated yet" : stats.levelWords(scale, s.mean),
      note: s.rated + " of " + s.count + " rated",
    }));
    if (stats.ranksOutcomes(items, meta.outcomes)) {
      for (const r of stats.ranking(items, copy.items, scale, meta.outcomes)) {
        rows.push({
          item: "Fit: " + r.title,
          item_id: "result:fit:" + r.id,
          rating: "",
          rating_label: r.enough ? r.percent + "% fit" : "not enough answers",
          note: r.rated + " of " + r.bearing + " statements rated (" + r.needed + " needed for a fit)",
        });
      }
    }
    return rows;
  }

  /**
   * A spreadsheet of one copy: a byte-order mark (so Excel on Windows reads UTF-8), then one row per item, its text
   * first and every id and code in words, the item's id kept (for matching) after the answers. Columns that only some
   * checklists fill (summary, stage, group) are there when an item fills them. Given the statistics
   * (checklist-stats.js), an assessment's results follow after an empty row, in the same columns: "item" says what
   * each is, "section" is "Results" and "item_id" starts "result:".
   * @param {Meta} meta @param {Item[]} items @param {Copy} copy @param {Stats | null} [stats]
   */
  function toCSV(meta, items, copy, stats) {
    const groups = new Map(meta.groups.map((g) => [g.id, g.title]));
    const cols = ["item"];
    if (items.some((it) => it.summary)) cols.push("summary");
    cols.push("section");
    if (items.some((it) => it.stages && it.stages.length)) cols.push("stage");
    if (items.some((it) => groups.has(it.group))) cols.push("group");
    cols.push("roles", "done", "not_applicable", "rating", "rating_label", "choice", "note", "item_id", "checklist", "version", "run");
    const base = { checklist: meta.id, version: meta.version, run: copy.name };
    /** @param {Record<string, unknown>} row */
    const line = (row) => cols.map((col) => csvCell(row[col])).join(",");
    const lines = [cols.join(",")];
    for (const item of items) {
      const a = copy.items[item.id] || {};
      lines.push(line({
        ...base, item: item.text, summary: item.summary, section: item.sectionTitle, stage: inWords(item.stages, meta.stageLabels),
        group: groups.get(item.group), roles: inWords(item.roles, meta.roleLabels), done: a.done ? "yes" : "", not_applicable: a.na ? "yes" : "",
        rating: a.rating, rating_label: core.ratingLabel(meta.scale, a.rating), choice: choiceLabel(item, a.choice), note: a.note, item_id: item.id,
      }));
    }
    if (stats && meta.kind === "assessment" && meta.scale) {
      lines.push("");
      for (const row of resultRows(meta, items, copy, stats)) lines.push(line({ ...base, section: "Results", ...row }));
    }
    return "\uFEFF" + lines.join("\r\n") + "\r\n";
  }

  /* Text on one line of Markdown, its markup shown as written. */
  /** @param {string} text */
  function mdEscape(text) {
    return String(text).replace(/([\\`*_[\]<>|~])/g, "\\$1").replace(/\s*\n\s*/g, " ");
  }

  /* A note, quoted under its list item line for line: a line followed by another ends in a hard break (a backslash),
   * an empty line starts a paragraph, and what would begin a heading, list or code block is escaped. */
  /** @param {string} note */
  function mdNote(note) {
    const lines = note.replace(/\r\n?/g, "\n").replace(/\n\s*\n/g, "\n\n").trim().split("\n");
    return lines.map((line, i) => {
      const text = mdEscape(line.trim()).replace(/^([#=+-])|^(\d+)([.)])/, "$2\\$1$3");
      return "  >" + (text ? " " + text + (lines[i + 1] ? "\\" : "") : "");
    });
  }

  /* A GitHub-style task list: paste it into meeting notes or an issue. */
  /** @param {Meta} meta @param {Item[]} items @param {Copy} copy @param {string} date */
  function toMarkdown(meta, items, copy, date) {
    const out = ["## " + mdEscape(meta.title), "", "Version " + meta.version + " · " + mdEscape(copy.name) + " · " + date, ""];
    let section = null;
    for (const item of items) {
      if (item.sectionTitle !== section) {
        section = item.sectionTitle;
        out.push("", "### " + mdEscape(section), "");
      }
      const a = copy.items[item.id] || {};
      let line;
      if (meta.kind === "assessment") {
        const label = core.ratingLabel(meta.scale, a.rating);
        line = "- " + mdEscape(item.text) + " — " + (label ? "**" + (a.rating === "unknown" ? "" : a.rating + ". ") + mdEscape(label) + "**" : "_not rated_");
      } else if (a.na) {
        line = "- [x] ~~" + mdEscape(item.text) + "~~ (not applicable)";
      } else {
        line = "- [" + (a.done ? "x" : " ") + "] " + mdEscape(item.text);
      }
      if (a.choice) line += " — chosen: " + mdEscape(choiceLabel(item, a.choice));
      out.push(line);
      if (a.note && a.note.trim()) out.push(...mdNote(a.note));
    }
    return out.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  }

  /** @param {Meta} meta @param {Copy} copy @param {string} now @param {Item[]} [items] */
  function toJSON(meta, copy, now, items) {
    // `items`: each statement's id and text when exported, so that Compare can name those since reworded;
    // older pages import the file as before (they read only `run`).
    const listed = items ? items.map((it) => ({ id: it.id, text: it.text })) : undefined;
    return JSON.stringify({ format: COPY_FORMAT, type: "checklist-run", checklist: meta.id, version: meta.version, exported: now, run: copy, items: listed }, null, 2) + "\n";
  }

  /* A copy read back from an export; throws an Error whose message says what is wrong. */
  /** @param {string} text @param {string} checklistId @param {string} now */
  function fromJSON(text, checklistId, now) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error("this file is not JSON; choose a file exported with “Export JSON”");
    }
    if (!data || data.type !== "checklist-run" || !data.run) throw new Error("this JSON is not a checklist export");
    if (data.checklist !== checklistId) {
      throw new Error("this export belongs to " + (typeof data.checklist === "string" ? "checklist “" + data.checklist + "”" : "another checklist") + ", not “" + checklistId + "”");
    }
    if (typeof data.format !== "number" || data.format > COPY_FORMAT) throw new Error("this export was made by a newer version of the handbook");
    const copy = core.cleanCopy(data.run, now);
    if (!copy) throw new Error("this export has no answers");
    return copy;
  }

  /* ---- share links: the copy in the URL fragment, so nothing goes through a server ---- */

  /** @param {string} text */
  function toBase64Url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /* `d`: the day it was shared, which the page that opens it names the copy after (older pages ignore it). */
  /** @param {string} checklistId @param {{name: string, items: import("./checklist-core.js").Answers}} copy @param {string} [day] */
  function shareFragment(checklistId, copy, day) {
    return "#share=" + encodeURIComponent(checklistId) + "~" + toBase64Url(JSON.stringify({ n: copy.name, i: copy.items, d: day }));
  }

  /**
   * A share link read to be opened: its checklist ("" when it names none), and either its copy (cleaned by core's
   * readShare) and the day it was shared ("" when the link does not say), or `problem`: what is wrong, in words.
   * Never throws.
   * @param {string} hash @param {string} now
   * @returns {{checklist: string, copy: Copy | null, day: string, problem: string, raw?: unknown}}
   */
  function parseShare(hash, now) {
    const parts = /^#share=([^~]*)(?:~(.*))?$/s.exec(hash) || [];
    let checklist = "";
    try { checklist = decodeURIComponent(parts[1] || ""); } catch (e) { /* a broken name: the link names no checklist */ }
    /** @param {string} problem */
    const broken = (problem) => ({ checklist, copy: null, day: "", problem });
    if (hash.length > SHARE_LIMIT) {
      return broken("it is too long (" + hash.length.toLocaleString("en") + " characters; this page opens links of up to " + SHARE_LIMIT.toLocaleString("en") + ")");
    }
    if (!checklist || !parts[2]) return broken("it is incomplete: it does not name a checklist and hold answers, as a share link does");
    let data;
    try {
      if (!/^[A-Za-z0-9_-]+$/.test(parts[2])) throw new Error();
      const binary = atob(parts[2].replace(/-/g, "+").replace(/_/g, "/"));
      data = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
    } catch (e) {
      return broken("it is damaged: its answers hold characters that a share link never has");
    }
    try {
      data = JSON.parse(data);
    } catch (e) {
      return broken("it is damaged: its answers are cut short or changed, as happens when only part of a long link is copied");
    }
    const shared = data && typeof data === "object" && data.i && typeof data.i === "object" && !Array.isArray(data.i) && core.readShare(hash, now);
    if (!shared) return broken("it does not hold a copy of a checklist that this page can read");
    // `raw`: the answers as the link holds them, before cleaning, so that Compare can name ratings it cannot use.
    return { checklist, copy: shared.copy, day: typeof data.d === "string" && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(data.d) ? data.d : "",
      problem: "", raw: data.i };
  }

  /* ---- on the page: `c` is the page controller of one checklist ---- */

  /** @param {PageController} c @param {"csv" | "md" | "json"} format */
  async function download(c, format) {
    /** @type {Stats | null} */
    let stats = null;
    let missing = "";
    if (format === "csv" && c.meta.kind === "assessment" && page.load) {
      try {
        await page.load("Results");
        stats = /** @type {any} */ (window).ChecklistStats;
      } catch (e) {
        missing = ", without the results (this page could not load them; try again when online)";
      }
    }
    const copy = c.copy();
    const content = format === "csv" ? toCSV(c.meta, c.items, copy, stats)
      : format === "md" ? toMarkdown(c.meta, c.items, copy, page.now().slice(0, 10))
        : toJSON(c.meta, copy, page.now(), c.items);
    const types = { csv: "text/csv", md: "text/markdown", json: "application/json" };
    const slug = copy.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "copy";
    page.saveFile(c.id + "-" + slug + "." + format, content, types[format]);
    c.status("Exported “" + copy.name + "” as " + format.toUpperCase() + missing + ".");
  }

  /** @param {PageController} c */
  function importFile(c) {
    const file = c.fileInput.files && c.fileInput.files[0];
    if (!file) return;
    file.text().then((text) => {
      let copy;
      try {
        copy = fromJSON(text, c.id, page.now());
      } catch (e) {
        c.notice("Import failed: " + /** @type {Error} */ (e).message + ". Nothing was changed.");
        return;
      }
      c.change({ op: "add", copy: core.newCopyId(), name: copy.name, items: copy.items });
      c.showCopy();
      // Answers to items this page does not show (from a newer version, say) are kept with the copy: say how many.
      const unknown = c.unknownCount ? c.unknownCount(c.copy()) : 0;
      c.status("Imported “" + copy.name + "” as a new copy" + (unknown ? "; it holds " + (unknown === 1 ? "1 answer" : unknown + " answers") +
        " for items this page does not show, kept aside with it (and exported again with “Export JSON”)" : "") + ".");
    }).finally(() => { c.fileInput.value = ""; });
  }

  /* A link that carries the copy in its fragment, copied when the browser lets the page. */
  /** @param {PageController} c */
  function share(c) {
    const url = location.origin + location.pathname + location.search + shareFragment(c.id, c.copy(), page.now().slice(0, 10));
    const field = page.el("input", { type: "text", readonly: true, value: url, id: "checklist-" + c.id + "-share-url", class: "checklist-share-url" });
    c.shareBox.replaceChildren(page.el("label", { for: field.id, text: "Share link (it carries your answers and notes; anyone with it can read them)" }), field);
    c.shareBox.hidden = false;
    field.select();
    const fragment = url.length - url.indexOf("#");
    if (fragment > SHARE_LIMIT) {
      c.status("This copy is too long for a share link (" + fragment.toLocaleString("en") + " characters; pages open links of up to " +
        SHARE_LIMIT.toLocaleString("en") + "): send a JSON export (“Export JSON”) instead.");
    } else if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(() => { c.status("Share link copied."); },
        () => { c.status("Copy the share link from the box."); });
    } else {
      c.status("Copy the share link from the box.");
    }
  }

  /* A share link opened with the page or on it (checklist.js calls this for each checklist of the page): the
   * link's checklist, or the first when the link's is not here, scrolls into view and says what the link holds.
   * A good link asks before it adds the shared copy as a new copy; nothing is ever replaced. The link leaves the
   * address at once, so a reload does not ask again. */
  /** @param {PageController} c */
  function offerShare(c) {
    const hash = location.hash;
    if (!/^#share=/.test(hash)) return;  // not a share link, or another checklist of the page has answered it
    const all = /** @type {Window & ChecklistGlobals} */ (window).checklistControllers || [c];
    const link = parseShare(hash, page.now());
    const target = all.find((x) => x.id === link.checklist);
    if ((target || all[0]) !== c) return;
    history.replaceState(history.state, "", location.pathname + location.search);
    c.roots[0].scrollIntoView({ block: "start" });
    const copy = link.copy;
    if (!copy || !target) {
      c.notice(copy ? "This share link is for the checklist “" + link.checklist + "”, which is not on this page: open the link on the page that has it. Nothing was changed."
        : "This share link could not be opened: " + link.problem + ". Ask the person who sent it for a JSON export of their answers (“Export JSON”) " +
          "and open the file with “Import JSON”. Nothing was changed.");
      return;
    }
    const count = Object.keys(copy.items).length;
    const name = copy.name + " (" + (link.day ? "shared " + dayText(link.day) : "received " + dayText(page.now())) + ")";
    const text = page.el("p", { id: "checklist-" + c.id + "-offer", text: "A share link holds “" + copy.name + "”, a copy of this checklist with " +
      (count === 1 ? "1 answer" : (count || "no") + " answers") + (link.day ? ", shared on " + dayText(link.day) : "") +
      ". Add it as a new copy? Your own copies stay as they are." });
    const box = page.el("div", { class: "checklist-share-offer", role: "group", tabindex: "-1", "aria-labelledby": text.id });
    /** @param {string} outcome */
    const answered = (outcome) => {
      box.replaceChildren(page.el("p", { text: outcome }));
      box.removeAttribute("aria-labelledby");
      box.setAttribute("aria-label", "Share link");
      box.focus();
    };
    box.append(text, page.el("div", {}, [
      page.button("Add as a new copy", () => {
        c.change({ op: "add", copy: core.newCopyId(), name, items: copy.items });
        c.showCopy();
        answered("Added “" + c.copy().name + "” as a new copy; it is the copy shown now. Your other copies are as they were (choose one under “Copy”).");
      }),
      " ",
      page.button("Not now", () => answered("The shared copy was not added. Open the link again to add it later.")),
    ]));
    c.shareBox.replaceChildren(box);
    c.shareBox.hidden = false;
    box.focus({ preventScroll: true });  // it sits near the checklist's top, where the (smooth) scroll is going
  }

  return { COPY_FORMAT, SHARE_LIMIT, toCSV, toMarkdown, toJSON, fromJSON, shareFragment, parseShare, download, importFile, share, offerShare };
});
