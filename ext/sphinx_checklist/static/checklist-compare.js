// @ts-check
/* Compare, the partnership health check: several partners' answers to one assessment side by side. The facilitator
 * adds responses (JSON exports, share links, their own copies), names or anonymises them, and sees per item each rating,
 * the median and the range, the items two or more levels apart first; per group each score and the median, charted;
 * the ranking of outcomes per respondent and together; a notice when a response answered another version. It exports
 * as CSV and Markdown and prints as a workshop sheet. checklist.js loads this file (after checklist-results.js, whose
 * charts and statistics it uses) when Compare… is pressed. Files and links are read here: nothing leaves the browser,
 * and nothing is saved.
 * Reading responses is pure (readExport, readLink, Roster: `node --test` requires this file like checklist-core.js):
 * a response is known by its content (fingerprint), never by its file's name or size; whatever cannot be used is
 * named, with what is wrong and what to do. Files and links are read a few at a time, the page answering between,
 * and more than WIDE_LIMIT respondents are summarised on the page, so a thousand do not freeze it. */

(function (root, factory) {
  "use strict";
  const compare = factory();
  if (typeof module === "object" && module.exports) module.exports = compare;
  else /** @type {any} */ (root).ChecklistCompare = compare.view;  // checklist.js calls it once with the page's helpers
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /** @typedef {import("./checklist-core.js").Answers} Answers */
  /** @typedef {import("./checklist-core.js").Copy} Copy */
  /** @typedef {import("./checklist-core.js").Item} Item */
  /** @typedef {import("./checklist-core.js").Scale} Scale */
  /**
   * One response compared.
   * @typedef {object} Response
   * @property {string} key its fingerprint: the same answers, name and time are the same response
   * @property {string} [own] the id of the copy, for a copy of this browser
   * @property {string} name as the facilitator names it (at first, the copy's name)
   * @property {string} from where it came from, in words
   * @property {string | null} version the checklist version it answered, when known
   * @property {Answers} answers
   * @property {{id: string, text?: string}[] | null} listed the items it carries, when it carries them
   */
  /**
   * Something Compare could not use, or used only in part: `who` names it (a file's name, "Link 3"), `text` says
   * what is wrong and what to do; `reason` groups alike problems when there are too many to list.
   * @typedef {{who: string, reason: string, text: string}} Problem
   */
  /**
   * What reading one file or link (`who`) gave: a response, perhaps with a warning (reason "partly"), or a problem.
   * @typedef {{who: string, response?: Response, warning?: Problem, problem?: Problem}} Read
   */
  /**
   * What reading needs to know of the page.
   * @typedef {object} Context
   * @property {{cleanCopy: (raw: unknown, now: string) => Copy | null}} core
   * @property {string} checklist its id
   * @property {string} title
   * @property {Scale} scale
   * @property {Map<string, string>} labels the page's statements: id -> short label
   * @property {number} format the newest export format this page reads
   * @property {string} now
   * @property {(hash: string, now: string) => {checklist: string, copy: Copy | null, day: string, problem: string, raw?: unknown}} parseShare
   */

  /* The limits Compare supports, stated on the page and in docs/extension.md. */
  const FILE_LIMIT = 1024 * 1024;  // bytes of one file: an export is a few KB, notes and all
  const RESPONSE_LIMIT = 1000;
  const PASTE_LIMIT = 5000000;  // characters pasted into the links box at once
  const CHUNK = 25;  // files or links read between two pauses, in which the page answers
  const WIDE_LIMIT = 12;  // respondents with a column each on the page; more, and the tables count each level
  const MARK_LIMIT = 26;  // respondents drawn as a mark each on the charts (one letter each)
  const PROBLEMS_SHOWN = 100;  // problems listed one by one; the rest are counted by reason

  /* A pause in which the page draws and answers the reader: a task of its own. */
  const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** @param {number} n */
  const count = (n) => n.toLocaleString("en");

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

  /** @param {unknown} raw @returns {raw is Record<string, any>} */
  const isObject = (raw) => !!raw && typeof raw === "object" && !Array.isArray(raw);

  /* ---- responses known by their content ---- */

  /** The same text for the same value, whatever the order of its keys. @param {unknown} value @returns {string} */
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      const obj = /** @type {Record<string, unknown>} */ (value);
      return "{" + Object.keys(obj).sort().map((k) => JSON.stringify(k) + ":" + canonical(obj[k])).join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  /** A 53-bit hash of a text (cyrb53), in base 36: short keys, and two different responses never meet in practice. @param {string} text */
  function hash(text) {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }

  /* A response's fingerprint: its answers, its name and when it was last changed (a link: the day it was shared). Two
   * partners' files both called "My copy", of the same size, differ; the same file chosen twice does not. */
  /** @param {string} name @param {string} time @param {Answers} answers */
  function fingerprint(name, time, answers) {
    return "fp-" + hash(canonical({ n: name, t: time, a: answers }));
  }

  /* Ratings written as numbers (a file edited by hand) read as the text a page writes. */
  /** @param {unknown} raw */
  function textRatings(raw) {
    if (!isObject(raw)) return raw;
    /** @type {Record<string, unknown>} */
    const out = Object.create(null);
    for (const id of Object.keys(raw)) {
      const a = raw[id];
      out[id] = isObject(a) && typeof a.rating === "number" && Number.isFinite(a.rating) ? { ...a, rating: String(a.rating) } : a;
    }
    return out;
  }

  /** "1 Absent, 2 Emerging, 3 Established or Don't know" @param {Scale} scale */
  const scaleText = (scale) => scale.levels.map((lv) => lv.value + " " + lv.label).join(", ") + " or " + scale.unknown;

  /* The ratings a response holds that are not a level of the scale nor "don't know", with the statement each rates. */
  /** @param {unknown} raw @param {Context} ctx */
  function offScale(raw, ctx) {
    const levels = new Set(ctx.scale.levels.map((lv) => String(lv.value)).concat("unknown"));
    /** @type {string[]} */
    const found = [];
    if (!isObject(raw)) return found;
    for (const id of Object.keys(raw)) {
      const a = raw[id];
      if (!isObject(a) || a.rating === undefined || a.rating === null || a.rating === "") continue;
      const rating = typeof a.rating === "number" ? String(a.rating) : a.rating;
      if (typeof rating === "string" && levels.has(rating)) continue;
      const value = JSON.stringify(a.rating);
      found.push("“" + (ctx.labels.get(id) || id).slice(0, 60) + "” " + (value === undefined ? "?" : value.slice(0, 20)));
    }
    return found;
  }

  /** @param {string} who @param {string} reason @param {string} text @returns {Read} */
  const refuse = (who, reason, text) => ({ who, problem: { who, reason, text } });

  /**
   * A copy read from a file or link, judged: a response when it rates something on this page, with a warning when some
   * of its ratings are off the scale (those are left out); otherwise what is wrong with it.
   * @param {string} who @param {Copy} copy @param {unknown} raw its answers as read
   * @param {{time: string, from: string, version: string | null, listed: Response["listed"]}} info @param {Context} ctx
   * @returns {Read}
   */
  function judge(who, copy, raw, info, ctx) {
    const bad = offScale(raw, ctx);
    const ids = Object.keys(copy.items);
    const here = ids.filter((id) => ctx.labels.has(id));
    const rated = here.filter((id) => {
      const rating = copy.items[id].rating;
      return rating === "unknown" || ctx.scale.levels.some((lv) => String(lv.value) === rating);
    });
    const badText = bad.length ? (bad.length === 1 ? "1 rating is" : bad.length + " ratings are") + " not on this page's scale (" +
      scaleText(ctx.scale) + "): " + bad.slice(0, 5).join("; ") + (bad.length > 5 ? "; and " + (bad.length - 5) + " more" : "") : "";
    if (!ids.length && !bad.length) return refuse(who, "empty", "it holds no answers: ask for an export made after rating the statements.");
    if (!rated.length) {
      if (bad.length) return refuse(who, "off-scale", "nothing in it can be compared: " + badText + ". Check the file with its author, or ask for a fresh export.");
      if (!here.length) {
        return refuse(who, "elsewhere", "its " + (ids.length === 1 ? "answer is" : ids.length + " answers are") + " to statements this page does not have " +
          "(another version of the checklist?): ask for an export made on this page.");
      }
      return refuse(who, "no-ratings", "it rates none of the statements (it holds only notes or ticks): ask for an export made after rating them.");
    }
    /** @type {Response} */
    const response = { key: fingerprint(copy.name, info.time, copy.items), name: copy.name, from: info.from, version: info.version, answers: copy.items, listed: info.listed };
    return bad.length ? { who, response, warning: { who, reason: "partly", text: "added, but " + badText + "; those are left out. Check them with its author." } } : { who, response };
  }

  /**
   * A JSON export read for Compare, as Import JSON reads one, and more strictly: never throws.
   * @param {string} who the file's name @param {string} text @param {Context} ctx @returns {Read}
   */
  function readExport(who, text, ctx) {
    const choose = " Choose the .json file that “Export JSON” saved on this checklist's page.";
    let data;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (e) {
      if (!text.trim()) return refuse(who, "not-json", "the file is empty." + choose);
      // Bytes that are not text (an image, a PDF, a spreadsheet) read as control characters or U+FFFD.
      if (/[\u0000-\u0008\u000E-\u001A]|\uFFFD/.test(text)) return refuse(who, "binary", "it is not a text file (an image, a PDF or a spreadsheet?)." + choose);
      return refuse(who, "not-json", "it is not JSON (or it was cut short)." + choose);
    }
    if (!isObject(data) || data.type !== "checklist-run" || !isObject(data.run)) {
      return refuse(who, "not-export", "this JSON is not an export of a checklist's answers." + choose);
    }
    if (data.checklist !== ctx.checklist) {
      return refuse(who, "other-checklist", "it holds answers to " + (typeof data.checklist === "string" ? "the checklist “" + data.checklist.slice(0, 80) + "”" : "another checklist") +
        ", not to “" + ctx.title + "”: compare it on that checklist's page.");
    }
    const format = data.format;
    if (typeof format !== "number" || !Number.isInteger(format) || format < 1) {
      return refuse(who, "format", "its format number (" + String(JSON.stringify(format)).slice(0, 20) + ") is not one any page writes: the file was edited or damaged; ask for a fresh export.");
    }
    if (format > ctx.format) {
      return refuse(who, "newer", "it was made by a newer version of the handbook (format " + count(format) + "; this page reads format " + ctx.format +
        " and older): compare it on the newer site, or ask for a share link.");
    }
    const copy = /** @type {Copy} */ (ctx.core.cleanCopy({ ...data.run, items: textRatings(data.run.items) }, ctx.now));
    const listed = Array.isArray(data.items) ? data.items.filter((/** @type {any} */ x) => isObject(x) && typeof x.id === "string") : null;
    return judge(who, copy, data.run.items, {
      time: typeof data.run.updated === "string" ? data.run.updated : "", from: who,
      version: typeof data.version === "string" ? data.version.slice(0, 40) : null, listed,
    }, ctx);
  }

  /**
   * A share link read for Compare: never throws. `who`: "Link 3", its line in the box.
   * @param {string} who @param {string} line @param {Context} ctx @returns {Read}
   */
  function readLink(who, line, ctx) {
    const at = line.indexOf("#");
    if (at < 0 || !line.startsWith("#share=", at)) {
      return refuse(who, "not-link", "this is not a share link (one holds “#share=” and the answers): paste the whole link that “Share link” made.");
    }
    const link = ctx.parseShare(line.slice(at), ctx.now);
    if (!link.copy) return refuse(who, "broken-link", "this share link cannot be read: " + link.problem + ". Ask its author for a new link, or for a JSON export.");
    if (link.checklist !== ctx.checklist) {
      return refuse(who, "other-checklist", "it shares the checklist “" + link.checklist.slice(0, 80) + "”, not “" + ctx.title + "”: compare it on that checklist's page.");
    }
    const copy = /** @type {Copy} */ (ctx.core.cleanCopy({ name: link.copy.name, items: textRatings(link.raw) }, ctx.now));
    return judge(who, copy, link.raw, { time: link.day, from: "share link", version: null, listed: null }, ctx);
  }

  /* The responses compared: each once, by its fingerprint; at most RESPONSE_LIMIT; each under a name of its own. */
  class Roster {
    constructor() {
      /** @type {Response[]} */
      this.list = [];
    }

    get full() {
      return this.list.length >= RESPONSE_LIMIT;
    }

    /**
     * Add the responses read, in order; returns the problems of those not added (a duplicate, or one too many).
     * @param {{who: string, response: Response}[]} reads @returns {Problem[]}
     */
    add(reads) {
      const byKey = new Map(this.list.map((r) => [r.key, r]));
      const taken = new Set(this.list.map((r) => r.name));
      /** @type {Map<string, number>} the next number to try after each name, so that a thousand "My copy" are not slow */
      const next = new Map();
      /** @type {Problem[]} */
      const problems = [];
      for (const { who, response } of reads) {
        const same = byKey.get(response.key);
        if (same) {
          problems.push({ who, reason: "duplicate", text: "it holds the same answers, under the same name and time, as “" + same.name + "” (" + same.from + "): counted once." });
          continue;
        }
        if (this.full) {
          problems.push({ who, reason: "full", text: "not added: Compare compares up to " + count(RESPONSE_LIMIT) + " responses. Remove some first, or compare the rest in another tab." });
          continue;
        }
        const base = response.name;
        for (let n = next.get(base) || 2; taken.has(response.name); n++) {
          response.name = base + " (" + n + ")";
          next.set(base, n + 1);
        }
        taken.add(response.name);
        byKey.set(response.key, response);
        this.list.push(response);
      }
      return problems;
    }

    /** @param {Response} response */
    remove(response) {
      this.list = this.list.filter((r) => r !== response);
    }
  }

  /**
   * The problems of one batch as lines to show: the first PROBLEMS_SHOWN one by one, then the rest counted by reason.
   * @param {Problem[]} problems @returns {string[]}
   */
  function problemLines(problems) {
    const lines = problems.slice(0, PROBLEMS_SHOWN).map((p) => p.who + ": " + p.text);
    /** @type {Map<string, {n: number, text: string}>} */
    const rest = new Map();
    for (const p of problems.slice(PROBLEMS_SHOWN)) {
      const seen = rest.get(p.reason);
      if (seen) seen.n++;
      else rest.set(p.reason, { n: 1, text: p.text });
    }
    rest.forEach((r) => lines.push("And " + count(r.n) + " more like this: " + r.text));
    return lines;
  }

  /* ---- on the page ---- */

  /** @param {PageHelpers} page */
  function view(page) {
    const win = /** @type {any} */ (window);
    const stats = /** @type {typeof import("./checklist-stats.js")} */ (win.ChecklistStats);
    /** @type {{barChart: (chart: Chart) => HTMLElement}} */
    const charts = win.ChecklistResults(page);
    const { el, core, button } = page;
    /** @type {Map<string, View>} */
    const views = new Map();

    const label = stats.shortLabel;
    /** @param {number | null} n */
    const num = (n) => (n === null ? "–" : Number.isInteger(n) ? String(n) : n.toFixed(1));
    /** @param {number[]} values */
    const spread = (values) => (values.length ? [num(Math.min(...values)), num(stats.median(values)), num(Math.max(...values))] : ["–", "–", "–"]);

    /* Everything the view, the exports and the sheet show, worked out once per change. `wide`: few enough respondents
     * for a column (and a mark) each on the page; the CSV and Markdown always have a column each. */
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
      const median = (/** @type {Row} */ r) => medianText(scale, r.median);
      const range = (/** @type {Row} */ r) => (r.min === r.max ? num(r.min) : num(r.min) + "–" + num(r.max));
      // The tables as words, for the page, the CSV and the Markdown alike: the first column, the respondents, the rest.
      const items = (/** @type {Row[]} */ list) => list.map((r) => [label(r.item)].concat(names.map((n, i) => word(r, i)), [median(r), range(r)]));
      // Many respondents on the page: how many gave each level instead.
      const counts = (/** @type {Row[]} */ list) => list.map((r) => {
        const given = sets.map((s) => (s[r.item.id] || {}).rating);
        return [label(r.item)].concat(scale.levels.map((lv) => String(given.filter((g) => g === String(lv.value)).length)),
          [String(given.filter((g) => g === "unknown").length), String(given.filter((g) => g === undefined).length), median(r), range(r)]);
      });
      const wide = rs.length <= WIDE_LIMIT;
      const fitsOf = (/** @type {string} */ id) => /** @type {number[]} */ (fits.map((f) => (f.find((x) => x.id === id) || { percent: null }).percent).filter((p) => p !== null));
      return {
        c, scale, rows, names, fits, together, order: stats.talkOrder(rows), wide, marks: rs.length <= MARK_LIMIT,
        groups, items, itemHead: ["Statement"].concat(names, ["Median", "Range"]),
        rowsShown: wide ? items : counts,
        headShown: wide ? ["Statement"].concat(names, ["Median", "Range"])
          : ["Statement"].concat(scale.levels.map((lv) => lv.value + " " + lv.label), [scale.unknown, "Not rated", "Median", "Range"]),
        groupTable: [["Group"].concat(names, ["Median"])].concat(groups.map((g) => [g.title].concat(g.scores.map((s) => num(s.mean)), [num(g.median)]))),
        groupSummary: [["Group", "Rated by", "Lowest", "Median", "Highest"]].concat(groups.map((g) => {
          const means = /** @type {number[]} */ (g.scores.map((s) => s.mean).filter((m) => m !== null));
          return [g.title, String(means.length)].concat(spread(means));
        })),
        fitTable: [["Option"].concat(names, ["Together"])].concat(together.map((r) => [r.title].concat(fits.map((f) => fitText(f, r.id)), [fitText(together, r.id)]))),
        fitSummary: [["Option", "With a fit", "Lowest", "Median", "Highest", "Together"]].concat(together.map((r) =>
          [r.title, String(fitsOf(r.id).length)].concat(spread(fitsOf(r.id)).map((p) => (p === "–" ? p : p + "%")), [fitText(together, r.id)]))),
        notes: versionNotes(c, rs, names),
      };
    }
    /** @typedef {ReturnType<typeof compute>} Data */
    /** An item across the respondents; the item is the page's, with its row. @typedef {Omit<ReturnType<typeof stats.compareItems>[number], "item"> & {item: PageController["items"][number]}} Row */

    /* What matching each response by item id found, one note for all the responses it found the same in. */
    /** @param {PageController} c @param {Response[]} rs @param {string[]} names */
    function versionNotes(c, rs, names) {
      /** @type {Map<string, string[]>} */
      const alike = new Map();
      rs.forEach((r, i) => {
        const text = versionNote(c, r);
        if (text) alike.set(text, (alike.get(text) || []).concat(names[i]));
      });
      return Array.from(alike, ([text, who]) => (who.length > 5 ? who.slice(0, 3).join(", ") + " and " + count(who.length - 3) + " others" : who.join(", ")) + text);
    }

    /* What matching a response by item id found, when the page and the response differ; "" when they do not. */
    /** @param {PageController} c @param {Response} r */
    function versionNote(c, r) {
      const m = stats.matchItems(c.items, r.answers, r.listed);
      const other = r.version !== null && r.version !== c.meta.version;
      const texts = new Map((r.listed || []).map((x) => [x.id, x.text]));
      const list = (/** @type {string[]} */ texts) => texts.join("; ").replace(/\.(;|$)/g, "$1");  // each list ends a sentence
      const found = [(other || r.listed) && m.added.length ? "added (not " + (r.listed ? "in it" : "answered: new, or skipped") + "): " + list(m.added.map(label)) : "",
        m.removed.length ? "removed (in it, not on this page): " + list(m.removed.map((id) => texts.get(id) || id)) : "",
        m.reworded.length ? "reworded: " + list(m.reworded.map(label)) : ""].filter(Boolean);
      return found.length ? (other ? " answered version " + r.version + " (this page: " + c.meta.version + ")" : "") +
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

    /* Statements, their ratings (or, with many respondents, how many gave each level), median and range; flagged when two
     * or more levels apart. Wide, it scrolls sideways (by keyboard too), its first column staying in view; on a phone
     * each row is a card. */
    /** @param {Data} d @param {Row[]} rows @param {string} id the id of its title */
    function itemTable(d, rows, id) {
      const head = d.headShown;
      return el("div", { class: "checklist-compare-scroll", role: "region", tabindex: "0", "aria-labelledby": id }, [el("table", { class: "checklist-compare-table" }, [
        el("thead", {}, [el("tr", {}, head.map((h) => el("th", { scope: "col", text: h })))]),
        el("tbody", {}, d.rowsShown(rows).map((cells, j) => el("tr", { class: rows[j].disagree ? "checklist-compare-flag" : null }, cells.map((cell, k) => k
          ? el("td", { "data-label": head[k] }, cell === "–" ? [el("span", { "aria-hidden": "true", text: cell }), el("span", { class: "checklist-vh", text: "not rated" })] : [cell])
          : el("th", { scope: "row" }, [el("a", { href: "#" + rows[j].item.row.id, text: cell }),
            rows[j].disagree ? el("span", { class: "checklist-compare-apart", text: "⚑ " + rows[j].apart + " levels apart" }) : ""]))))),
      ])]);
    }

    /* A chart of Results (checklist-results.js), each respondent a mark (up to MARK_LIMIT), with its numbers as a table. */
    /** @param {Chart} spec */
    function chart(spec) {
      const figure = charts.barChart(spec);
      /** @type {HTMLDetailsElement} */ (figure.querySelector("details")).open = true;
      return figure;
    }

    /** @param {Data} d */
    const marksSaid = (d) => (d.marks ? "a mark per respondent" : count(d.names.length) + " respondents (a mark each is drawn up to " + MARK_LIMIT + ")");

    /** @param {Data} d */
    function groupChart(d) {
      const range = stats.scaleRange(d.scale);
      const at = (/** @type {number} */ v) => (v - range.min) / (range.max - range.min);
      return chart({
        title: "Average rating by group: " + marksSaid(d) + ", the bar their median",
        ticks: d.scale.levels.map((lv) => lv.label),
        bars: d.groups.map((g) => ({
          label: g.title, value: g.median === null ? null : at(g.median), text: g.median === null ? "not rated" : "median " + num(g.median),
          marks: d.marks ? g.scores.flatMap((s, i) => (s.mean === null ? [] : [{ value: at(s.mean), label: d.names[i] + ": " + num(s.mean), short: letter(i) }])) : [],
        })),
        table: d.wide ? d.groupTable : d.groupSummary,
      });
    }

    /** @param {Data} d */
    function fitChart(d) {
      return chart({
        title: "Fit of each option: " + marksSaid(d) + ", the bar the fit of the median ratings",
        ticks: ["0%", "50%", "100%"],
        bars: d.together.map((r) => ({
          label: r.title, value: r.percent === null ? null : r.percent / 100, text: r.enough ? r.percent + "% together" : "no fit yet together",
          marks: d.marks ? d.fits.flatMap((ranked, i) => ranked.filter((x) => x.id === r.id && x.percent !== null)
            .map((x) => ({ value: /** @type {number} */ (x.percent) / 100, label: d.names[i] + ": " + x.percent + "%", short: letter(i) }))) : [],
        })),
        table: d.wide ? d.fitTable : d.fitSummary,
      });
    }

    /* The comparison, disagreements first: on screen, and (sheet) on the workshop sheet, whose ids differ. */
    /** @param {Data} d @param {boolean} sheet */
    function content(d, sheet) {
      const base = "checklist-" + d.c.id + (sheet ? "-sheet-" : "-compare-");
      const subtitle = (/** @type {string} */ id, /** @type {string} */ text) => el("p", { class: "checklist-summary-subtitle", id: base + id, text });
      const who = d.wide ? d.names.join(", ") : count(d.names.length) + " responses";
      /** @type {HTMLElement[]} */
      const out = [el("p", { text: who + ": " + d.order.first.length + " of " + d.rows.length + " statements two or more levels apart. " +
        d.scale.levels.map((lv) => lv.value + " " + lv.label).join(" · ") + "; “" + d.scale.unknown + "” and unanswered left out." })];
      if (!d.wide) {
        out.push(el("p", { class: "checklist-compare-hint", text: "With more than " + WIDE_LIMIT + " responses, the tables count the ratings at each level " +
          "instead of a column each; the CSV and Markdown downloads keep each response's ratings." }));
      }
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
        this.roster = new Roster();
        /** @type {Data | null} */
        this.data = null;
        /** Files and links are read one batch after another. @type {Promise<void>} */
        this.queue = Promise.resolve();
        this.drawn = 0;  // which drawing of the list of respondents is current
        /** @type {ReturnType<typeof setTimeout> | 0} */
        this.soon = 0;
        const id = this.id = "checklist-" + c.id + "-compare";
        const field = (/** @type {HTMLElement} */ input, /** @type {string} */ text, /** @type {Node[]} */ ...more) =>
          el("div", {}, [el("label", { for: input.id, text }), input, ...more]);
        this.title = el("p", { class: "checklist-compare-title", id: id + "-title", tabindex: "-1", text: "Compare responses" });
        this.files = el("input", { type: "file", multiple: true, accept: "application/json,.json", id: id + "-files" });
        this.files.addEventListener("change", () => this.addFiles());
        this.links = el("textarea", { id: id + "-links", rows: "3", class: "checklist-compare-input" });
        this.own = el("fieldset", { class: "checklist-compare-own" });
        this.who = el("ol", { class: "checklist-compare-who" });
        this.anon = el("input", { type: "checkbox", role: "switch", id: id + "-anonymise" });
        this.anon.addEventListener("change", () => this.render());
        this.status = el("p", { class: "checklist-status", role: "status" });
        this.problems = el("ul", { class: "checklist-compare-problems", hidden: true, "aria-label": "What was not added, or added in part" });
        this.meter = el("progress", { id: id + "-progress", max: "1", value: "0" });
        this.meterText = el("span");
        this.progress = el("p", { class: "checklist-compare-progress", hidden: true }, [el("label", { for: this.meter.id, text: "Reading " }), this.meter, " ", this.meterText]);
        this.body = el("div");
        this.actions = el("div", { class: "checklist-toolbar-row" }, [button("Download CSV", () => this.save("csv")),
          button("Download Markdown", () => this.save("md")), button("Print workshop sheet", () => this.print())]);
        this.region = el("div", { class: "checklist-compare", id, role: "region", "aria-labelledby": this.title.id }, [
          el("div", { class: "checklist-compare-head" }, [this.title, button("Close", () => this.close())]),
          el("p", { text: "Add each partner's answers: the files they exported (Export JSON), share links, or copies on this browser. " +
            "Read on this page: nothing is sent or saved." }),
          el("p", { class: "checklist-compare-hint", text: "Up to " + count(RESPONSE_LIMIT) + " responses; files of up to " + FILE_LIMIT / 1024 / 1024 +
            " MB each, links of up to 100,000 characters. A response added twice (the same answers, name and time) counts once." }),
          el("div", { class: "checklist-compare-add" }, [field(this.files, "JSON files (choose several)"),
            field(this.links, "Share links, one per line", button("Add links", () => this.addLinks())), this.own]),
          this.progress, this.status, this.problems,
          el("div", { class: "checklist-inline" }, [this.anon, el("label", { for: this.anon.id, text: "Anonymise (A, B, C…)" })]),
          this.who, this.body, this.actions]);
        // What is typed or ticked here is Compare's own: the checklist's handlers (notes, answers) must not see it.
        for (const type of ["input", "change"]) this.region.addEventListener(type, (event) => { event.stopPropagation(); });
        /** @type {HTMLElement} */ (c.roots[0].querySelector(".checklist-toolbar")).after(this.region);
      }

      get responses() {
        return this.roster.list;
      }

      show() {
        // Own copies as they are now: they may have changed, or gone, since they were added.
        const runs = this.c.store.runs;
        for (const r of this.responses.filter((x) => x.own)) {
          const copy = runs[/** @type {string} */ (r.own)];
          if (!copy) this.roster.remove(r);
          else Object.assign(r, { answers: copy.items, key: fingerprint(copy.name, copy.updated, copy.items) });
        }
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

      /** What reading needs: the export part's reader of share links and its format. @returns {Promise<Context>} */
      async context() {
        const exp = await /** @type {NonNullable<PageHelpers["load"]>} */ (page.load)("Export");
        const c = this.c;
        return { core, checklist: c.id, title: c.meta.title, scale: /** @type {Scale} */ (c.meta.scale), labels: new Map(c.items.map((it) => [it.id, label(it)])),
          format: exp.COPY_FORMAT || 1, now: page.now(), parseShare: exp.parseShare };
      }

      /* Responses read from JSON exports, a few at a time; the chooser is emptied at once, so the same files can be chosen again. */
      addFiles() {
        const files = Array.from(this.files.files || []);
        this.files.value = "";
        if (files.length) this.later(() => this.readAll(files, "file", (file, ctx) => this.readFile(file, ctx)).then(() => {}));
      }

      /** @param {File} file @param {Context} ctx @returns {Promise<Read>} */
      async readFile(file, ctx) {
        if (this.roster.full) return refuse(file.name, "full", "not read: Compare compares up to " + count(RESPONSE_LIMIT) + " responses. Remove some first.");
        if (file.size > FILE_LIMIT) {
          return refuse(file.name, "too-large", "it is " + (file.size / 1024 / 1024).toFixed(1) + " MB; Compare reads files of up to " + FILE_LIMIT / 1024 / 1024 +
            " MB (an export is a few KB). Choose the file that “Export JSON” saved.");
        }
        try {
          return readExport(file.name, await file.text(), ctx);
        } catch (e) {
          return refuse(file.name, "unreadable", "it could not be read (moved, or not allowed?): choose it again.");
        }
      }

      /* Share links, one per line; those not added stay in the box, to be put right. */
      addLinks() {
        const text = this.links.value;
        if (text.length > PASTE_LIMIT) {
          this.say("The box holds " + count(text.length) + " characters; Compare reads up to " + count(PASTE_LIMIT) + " at a time: nothing was read. Add the links in parts.", []);
          return;
        }
        const lines = text.split("\n").map((line, i) => ({ line: line.trim(), who: "Link " + (i + 1) })).filter((x) => x.line);
        this.later(() => this.readAll(lines, "link", async (x, ctx) => (this.roster.full
          ? refuse(x.who, "full", "not read: Compare compares up to " + count(RESPONSE_LIMIT) + " responses. Remove some first.")
          : readLink(x.who, x.line, ctx))).then((problems) => {
          // Kept: the links not added (a link counted once, or added with ratings left out, is done with).
          const keep = new Set(problems.filter((p) => p.reason !== "duplicate" && p.reason !== "partly").map((p) => p.who));
          this.links.value = lines.filter((x) => keep.has(x.who)).map((x) => x.line).join("\n");
        }));
      }

      /** One batch after the other; a batch that fails says so and keeps what it added. @param {() => Promise<void>} job */
      later(job) {
        this.queue = this.queue.then(job).catch((/** @type {Error} */ e) => {
          this.progress.hidden = true;
          this.say("Compare stopped reading: " + e.message + ". The responses added so far are kept; add the rest again.", []);
        });
      }

      /**
       * Read `items` CHUNK at a time, pausing between chunks so the page answers, then say what was added and what was not.
       * @template T @param {T[]} items @param {string} kind "file" or "link" @param {(item: T, ctx: Context) => Promise<Read>} readOne
       * @returns {Promise<Problem[]>}
       */
      async readAll(items, kind, readOne) {
        const ctx = await this.context();
        const before = this.responses.length;
        /** @type {Problem[]} */
        const problems = [];
        this.progress.hidden = items.length <= CHUNK;
        for (let i = 0; i < items.length; i += CHUNK) {
          this.meter.max = items.length;
          this.meter.value = i;
          this.meterText.textContent = count(i) + " of " + count(items.length) + " " + kind + "s";
          if (i) await pause();
          const reads = await Promise.all(items.slice(i, i + CHUNK).map((item) => readOne(item, ctx)));
          /** @type {{who: string, response: Response}[]} */
          const found = [];
          for (const read of reads) {
            if (read.problem) problems.push(read.problem);
            if (read.warning) problems.push(read.warning);
            if (read.response) found.push({ who: read.who, response: read.response });
          }
          problems.push(...this.roster.add(found));
        }
        this.progress.hidden = true;
        const added = this.responses.length - before;
        const partly = problems.filter((p) => p.reason === "partly").length;
        const refused = problems.length - partly;
        this.say((added === 1 ? "Added 1 response" : "Added " + count(added) + " responses") + " (" + count(this.responses.length) + " in all)" +
          (refused ? "; " + count(refused) + " " + kind + (refused === 1 ? "" : "s") + " not added" : "") +
          (partly ? "; " + count(partly) + " added with ratings left out" : "") + (problems.length ? ": see below." : "."), problems);
        return problems;
      }

      /** The status line, the list of problems, then the view. @param {string} message @param {Problem[]} problems */
      say(message, problems) {
        this.problems.replaceChildren(...problemLines(problems).map((text) => el("li", { text })));
        this.problems.hidden = !problems.length;
        this.update(message);
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
            if (box.checked) {
              const key = fingerprint(copy.name, copy.updated, copy.items);
              const problems = this.roster.add([{ who: "Your copy “" + copy.name + "”", response: { key, own, name: copy.name, from: "your copy of " + date,
                version: this.c.meta.version, answers: copy.items, listed: null } }]);
              this.say(problems.length ? "Your copy was not added again: see below." : "Responses: " + count(this.responses.length) + ".", problems);
            } else {
              const r = this.responses.find((x) => x.own === own);
              if (r) this.remove(r);
            }
          });
          return el("span", { class: "checklist-inline" }, [box, el("label", { for: box.id, text: copy.name + " (" + date + ")" })]);
        }));
        void this.drawWho();
        this.render();
      }

      /* The respondents, each with a name field: drawn CHUNK * 8 at a time, a newer drawing replacing an older one. */
      async drawWho() {
        const run = ++this.drawn;
        const list = this.responses.slice();
        this.who.replaceChildren();
        for (let i = 0; i < list.length; i += CHUNK * 8) {
          if (i) {
            await pause();
            if (run !== this.drawn) return;
          }
          this.who.append(...list.slice(i, i + CHUNK * 8).map((r, j) => this.whoItem(r, i + j)));
        }
      }

      /** @param {Response} r @param {number} i */
      whoItem(r, i) {
        const input = el("input", { type: "text", id: this.id + "-name-" + i, value: r.name, class: "checklist-compare-input checklist-compare-name" });
        input.addEventListener("input", () => {
          r.name = input.value.trim() || letter(i);
          this.renderSoon();
        });
        return el("li", {}, [el("label", { for: input.id, text: letter(i) }), input, el("span", { class: "checklist-compare-from", text: r.from }),
          button("Remove", () => this.remove(r), { "aria-label": "Remove " + letter(i) })]);
      }

      /** @param {Response} r */
      remove(r) {
        this.roster.remove(r);
        this.update("Removed “" + r.name + "”; " + count(this.responses.length) + " responses.");
      }

      /* Typing a name draws the comparison once the keystrokes stop coming in the same task. */
      renderSoon() {
        if (this.soon) return;
        this.soon = setTimeout(() => {
          this.soon = 0;
          this.render();
        }, 0);
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
        const d = this.data;
        if (!d) return;
        page.saveFile(this.c.id + "-comparison." + format, format === "csv" ? toCSV(d) : toMarkdown(d), format === "csv" ? "text/csv" : "text/markdown");
      }

      /* The workshop sheet: only the comparison, disagreements first, printed as the page's paper document. */
      print() {
        const d = this.data;
        if (!d) return;
        const body = document.body;
        const doc = el("div", { class: "checklist-print-doc checklist-compare-sheet" }, [
          el("p", { class: "checklist-print-title", text: "Workshop sheet: " + d.c.meta.title }),
          el("p", { text: "Version " + d.c.meta.version + " · printed " + page.now().slice(0, 10) + " · " + count(d.names.length) + " responses" }), ...content(d, true)]);
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
  }

  return { FILE_LIMIT, RESPONSE_LIMIT, PASTE_LIMIT, CHUNK, WIDE_LIMIT, MARK_LIMIT, canonical, fingerprint, readExport, readLink, Roster, problemLines, view };
});
