// @ts-check
/* Exports and imports of one copy of a checklist (CSV, Markdown and JSON files) and share links. checklist.js loads this file
 * the first time a reader exports, imports or shares, so the pages most visits read do not download it. Its pure
 * part (toCSV, toMarkdown, toJSON, fromJSON, shareFragment) needs no DOM: `node --test` requires it like checklist-core.js.
 * An export's fields (format, type "checklist-run", run, the CSV column "run") keep their names: older pages import the JSON, and spreadsheets made from the CSV expect its columns. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(/** @type {PageHelpers} */ ({ core: require("./checklist-core.js") }));
  else /** @type {any} */ (root).ChecklistExport = factory;  // checklist.js calls it once with the page's helpers
})(typeof self !== "undefined" ? self : this, function (/** @type {PageHelpers} */ page) {
  "use strict";
  /** @typedef {import("./checklist-core.js").Meta} Meta */
  /** @typedef {import("./checklist-core.js").Item} Item */
  /** @typedef {import("./checklist-core.js").Copy} Copy */
  const core = page.core;
  // Exports and imports carry one copy, whose shape has not changed since format 1.
  const COPY_FORMAT = 1;

  /** @param {Item} item @param {string | undefined} choice */
  function choiceLabel(item, choice) {
    const found = (item.choices || []).find((c) => c.id === choice);
    return found ? found.label : choice || "";
  }

  /* A cell a spreadsheet will not run as a formula (even after spaces), quoted as RFC 4180 asks; a ";"
   * is quoted too, since spreadsheets in many locales split on it. */
  /** @param {unknown} value */
  function csvCell(value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^\s*[=+\-@]|^[\t\r]/.test(text)) text = "'" + text;
    return /[",;\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** @param {Meta} meta @param {Item[]} items @param {Copy} copy */
  function toCSV(meta, items, copy) {
    const header = ["checklist", "version", "run", "section", "item_id", "item", "roles", "done", "not_applicable",
      "rating", "rating_label", "choice", "note"];
    const lines = [header.join(",")];
    for (const item of items) {
      const a = copy.items[item.id] || {};
      lines.push([meta.id, meta.version, copy.name, item.sectionTitle, item.id, item.text, item.roles.join(" "),
        a.done ? "yes" : "", a.na ? "yes" : "", a.rating || "", core.ratingLabel(meta.scale, a.rating),
        choiceLabel(item, a.choice), a.note || ""].map(csvCell).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  /** @param {string} text */
  function mdEscape(text) {
    return String(text).replace(/([\\`*_[\]<>|])/g, "\\$1").replace(/\s*\n\s*/g, " ");
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
      if (a.note) out.push("  > " + mdEscape(a.note));
    }
    return out.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  }

  /** @param {Meta} meta @param {Copy} copy @param {string} now */
  function toJSON(meta, copy, now) {
    return JSON.stringify({ format: COPY_FORMAT, type: "checklist-run", checklist: meta.id, version: meta.version, exported: now, run: copy }, null, 2) + "\n";
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

  /* ---- share links: the copy in the URL fragment (checklist-core.js reads them), so nothing goes through a server ---- */

  /** @param {string} text */
  function toBase64Url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** @param {string} checklistId @param {{name: string, items: import("./checklist-core.js").Answers}} copy */
  function shareFragment(checklistId, copy) {
    return "#share=" + encodeURIComponent(checklistId) + "~" + toBase64Url(JSON.stringify({ n: copy.name, i: copy.items }));
  }

  /* ---- on the page: `c` is the page controller of one checklist ---- */

  /** @param {PageController} c @param {"csv" | "md" | "json"} format */
  function download(c, format) {
    const copy = c.copy();
    const content = format === "csv" ? toCSV(c.meta, c.items, copy)
      : format === "md" ? toMarkdown(c.meta, c.items, copy, page.now().slice(0, 10))
        : toJSON(c.meta, copy, page.now());
    const types = { csv: "text/csv", md: "text/markdown", json: "application/json" };
    const slug = copy.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "copy";
    page.saveFile(c.id + "-" + slug + "." + format, content, types[format]);
    c.status("Exported “" + copy.name + "” as " + format.toUpperCase() + ".");
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
      c.status("Imported “" + copy.name + "” as a new copy.");
    }).finally(() => { c.fileInput.value = ""; });
  }

  /* A link that carries the copy in its fragment, copied when the browser lets the page. */
  /** @param {PageController} c */
  function share(c) {
    const url = location.origin + location.pathname + location.search + shareFragment(c.id, c.copy());
    const field = page.el("input", { type: "text", readonly: true, value: url, id: "checklist-" + c.id + "-share-url", class: "checklist-share-url" });
    c.shareBox.replaceChildren(page.el("label", { for: field.id, text: "Share link (it carries your answers and notes; anyone with it can read them)" }), field);
    c.shareBox.hidden = false;
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(() => { c.status("Share link copied."); },
        () => { c.status("Copy the share link from the box."); });
    } else {
      c.status("Copy the share link from the box.");
    }
  }

  return { toCSV, toMarkdown, toJSON, fromJSON, shareFragment, download, importFile, share };
});
