/* Exports and imports of one copy of a checklist (CSV, Markdown and JSON files) and share links. checklist.js loads this file
 * the first time a reader exports, imports or shares, so the pages most visits read do not download it. Its pure
 * part (toCSV, toMarkdown, toJSON, fromJSON, shareFragment) needs no DOM: `node --test` requires it like checklist-core.js. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory({ core: require("./checklist-core.js") });
  else root.ChecklistExport = factory;  // checklist.js calls it once with the page's helpers
})(typeof self !== "undefined" ? self : this, function (page) {
  "use strict";
  const core = page.core;
  // Exports and imports carry one copy, whose shape has not changed since format 1.
  const RUN_FORMAT = 1;

  function choiceLabel(item, choice) {
    const found = (item.choices || []).find(function (c) { return c.id === choice; });
    return found ? found.label : choice || "";
  }

  /* A cell a spreadsheet will not run as a formula (even after spaces), quoted as RFC 4180 asks; a ";"
   * is quoted too, since spreadsheets in many locales split on it. */
  function csvCell(value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^\s*[=+\-@]|^[\t\r]/.test(text)) text = "'" + text;
    return /[",;\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCSV(meta, items, run) {
    const header = ["checklist", "version", "run", "section", "item_id", "item", "roles", "done", "not_applicable",
      "rating", "rating_label", "choice", "note"];
    const lines = [header.join(",")];
    for (const item of items) {
      const a = run.items[item.id] || {};
      lines.push([meta.id, meta.version, run.name, item.sectionTitle, item.id, item.text, item.roles.join(" "),
        a.done ? "yes" : "", a.na ? "yes" : "", a.rating || "", core.ratingLabel(meta.scale, a.rating),
        choiceLabel(item, a.choice), a.note || ""].map(csvCell).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  function mdEscape(text) {
    return String(text).replace(/([\\`*_[\]<>|])/g, "\\$1").replace(/\s*\n\s*/g, " ");
  }

  /* A GitHub-style task list: paste it into meeting notes or an issue. */
  function toMarkdown(meta, items, run, date) {
    const out = ["## " + mdEscape(meta.title), "", "Version " + meta.version + " · " + mdEscape(run.name) + " · " + date, ""];
    let section = null;
    for (const item of items) {
      if (item.sectionTitle !== section) {
        section = item.sectionTitle;
        out.push("", "### " + mdEscape(section), "");
      }
      const a = run.items[item.id] || {};
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

  function toJSON(meta, run, now) {
    return JSON.stringify({ format: RUN_FORMAT, type: "checklist-run", checklist: meta.id, version: meta.version, exported: now, run: run }, null, 2) + "\n";
  }

  /* A run read back from an export; throws an Error whose message says what is wrong. */
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
    if (typeof data.format !== "number" || data.format > RUN_FORMAT) throw new Error("this export was made by a newer version of the handbook");
    const run = core.cleanRun(data.run, now);
    if (!run) throw new Error("this export has no answers");
    return run;
  }

  /* ---- share links: the copy in the URL fragment (checklist-core.js reads them), so nothing goes through a server ---- */

  function toBase64Url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function shareFragment(checklistId, run) {
    return "#share=" + encodeURIComponent(checklistId) + "~" + toBase64Url(JSON.stringify({ n: run.name, i: run.items }));
  }

  /* ---- on the page: `c` is the page controller of one checklist ---- */

  function download(c, format) {
    const run = c.run();
    const content = format === "csv" ? toCSV(c.meta, c.items, run)
      : format === "md" ? toMarkdown(c.meta, c.items, run, page.today())
        : toJSON(c.meta, run, page.now());
    const types = { csv: "text/csv", md: "text/markdown", json: "application/json" };
    const slug = run.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "copy";
    page.saveFile(c.id + "-" + slug + "." + format, content, types[format]);
    c.status("Exported “" + run.name + "” as " + format.toUpperCase() + ".");
  }

  function importFile(c) {
    const file = c.fileInput.files[0];
    if (!file) return;
    file.text().then(function (text) {
      let run;
      try {
        run = fromJSON(text, c.id, page.now());
      } catch (e) {
        c.notice("Import failed: " + e.message + ". Nothing was changed.");
        return;
      }
      c.change({ op: "add", run: core.newRunId(), name: run.name, items: run.items });
      c.applyRun();
      c.status("Imported “" + run.name + "” as a new copy.");
    }).finally(function () { c.fileInput.value = ""; });
  }

  /* A link that carries the copy in its fragment, copied when the browser lets the page. */
  function share(c) {
    const url = location.origin + location.pathname + location.search + shareFragment(c.id, c.run());
    const field = page.el("input", { type: "text", readonly: true, value: url, id: "checklist-" + c.id + "-share-url", class: "checklist-share-url" });
    c.shareBox.replaceChildren(page.el("label", { for: field.id, text: "Share link (it carries your answers and notes; anyone with it can read them)" }), field);
    c.shareBox.hidden = false;
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { c.status("Share link copied."); },
        function () { c.status("Copy the share link from the box."); });
    } else {
      c.status("Copy the share link from the box.");
    }
  }

  return { RUN_FORMAT, toCSV, toMarkdown, toJSON, fromJSON, shareFragment, download, importFile, share };
});
