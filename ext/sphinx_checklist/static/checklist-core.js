/* Pure logic of the interactive checklists: saved state, scoring, ranking, filters, exports.
 * No DOM here, so `node --test` checks it without a browser; checklist.js wires it to the page.
 * Answers are keyed by checklist id and item id, never by position or text. */
(function (root, factory) {
  "use strict";
  const core = factory();
  if (typeof module === "object" && module.exports) module.exports = core;
  else root.ChecklistCore = core;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const FORMAT = 1;
  const STORE_PREFIX = "clh:checklist:";
  const ANSWER_KEYS = { done: "boolean", na: "boolean", rating: "string", choice: "string", note: "string" };

  function storageKey(checklistId) {
    return STORE_PREFIX + checklistId;
  }

  function newRun(name, now) {
    return { name: name, created: now, updated: now, items: {} };
  }

  function emptyStore(checklistId, now) {
    return { format: FORMAT, checklist: checklistId, current: "run-1", runs: { "run-1": newRun("My copy", now) } };
  }

  /* One answer with only the keys and types we know; empty answers become null so they are not kept. */
  function cleanAnswer(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    const out = {};
    for (const key of Object.keys(ANSWER_KEYS)) {
      if (typeof raw[key] === ANSWER_KEYS[key] && raw[key] !== "" && raw[key] !== false) out[key] = raw[key];
    }
    return Object.keys(out).length ? out : null;
  }

  function cleanItems(raw) {
    const items = {};
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return items;
    for (const id of Object.keys(raw)) {
      const answer = cleanAnswer(raw[id]);
      if (answer) items[id] = answer;
    }
    return items;
  }

  function cleanRun(raw, now) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    const name = typeof raw.name === "string" && raw.name.trim() ? raw.name.trim().slice(0, 120) : "Imported copy";
    return {
      name: name,
      created: typeof raw.created === "string" ? raw.created : now,
      updated: typeof raw.updated === "string" ? raw.updated : now,
      items: cleanItems(raw.items),
    };
  }

  /* Earlier shapes of saved data, upgraded in order. Format 0 was a bare {items} map without runs. */
  const MIGRATIONS = {
    0: function (data, now) {
      return { format: 1, checklist: data.checklist, current: "run-1", runs: { "run-1": Object.assign(newRun("My copy", now), { items: data.items }) } };
    },
  };

  /* Read saved text. Returns {store, problem}: problem is null, or "corrupt", "foreign" or "newer",
   * in which case the caller sets the text aside and starts afresh, telling the user. */
  function parseStore(text, checklistId, now) {
    if (text === null || text === undefined) return { store: emptyStore(checklistId, now), problem: null };
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { store: emptyStore(checklistId, now), problem: "corrupt" };
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) return { store: emptyStore(checklistId, now), problem: "corrupt" };
    if (data.checklist !== checklistId) return { store: emptyStore(checklistId, now), problem: "foreign" };
    let format = data.format === undefined ? 0 : data.format;
    if (typeof format !== "number") return { store: emptyStore(checklistId, now), problem: "corrupt" };
    if (format > FORMAT) return { store: emptyStore(checklistId, now), problem: "newer" };
    while (format < FORMAT) {
      if (!MIGRATIONS[format]) return { store: emptyStore(checklistId, now), problem: "corrupt" };
      data = MIGRATIONS[format](data, now);
      format = data.format;
    }
    const runs = {};
    for (const id of Object.keys(data.runs || {})) {
      const run = cleanRun(data.runs[id], now);
      if (run) runs[id] = run;
    }
    if (!Object.keys(runs).length) return { store: emptyStore(checklistId, now), problem: "corrupt" };
    const current = runs[data.current] ? data.current : Object.keys(runs)[0];
    return { store: { format: FORMAT, checklist: checklistId, current: current, runs: runs }, problem: null };
  }

  function serialise(store) {
    return JSON.stringify(store);
  }

  /* Drop answers to items the checklist no longer has; returns how many were dropped. */
  function pruneStore(store, knownIds) {
    const known = new Set(knownIds);
    let dropped = 0;
    for (const run of Object.values(store.runs)) {
      for (const id of Object.keys(run.items)) {
        if (!known.has(id)) {
          delete run.items[id];
          dropped += 1;
        }
      }
    }
    return dropped;
  }

  function addRun(store, name, now) {
    let n = Object.keys(store.runs).length + 1;
    while (store.runs["run-" + n]) n += 1;
    const id = "run-" + n;
    store.runs[id] = newRun(name && name.trim() ? name.trim().slice(0, 120) : "Copy " + n, now);
    store.current = id;
    return id;
  }

  function deleteRun(store, id, now) {
    delete store.runs[id];
    if (!Object.keys(store.runs).length) store.runs["run-1"] = newRun("My copy", now);
    if (!store.runs[store.current]) store.current = Object.keys(store.runs)[0];
  }

  function setAnswer(run, itemId, patch, now) {
    const merged = cleanAnswer(Object.assign({}, run.items[itemId] || {}, patch));
    if (merged) run.items[itemId] = merged;
    else delete run.items[itemId];
    run.updated = now;
  }

  /* ---- progress, scores and ranking ---- */

  function isAnswered(item, answer, kind) {
    if (!answer) return false;
    if (kind === "assessment") return typeof answer.rating === "string";
    return answer.done === true || answer.na === true;
  }

  /* "done of total": not-applicable items leave the total; unknown ratings count as answered. */
  function progress(items, answers, kind) {
    let done = 0;
    let total = 0;
    for (const item of items) {
      const answer = answers[item.id];
      if (kind !== "assessment" && answer && answer.na) continue;
      total += 1;
      if (isAnswered(item, answer, kind)) done += 1;
    }
    return { done: done, total: total };
  }

  function ratingOf(answer) {
    if (!answer || typeof answer.rating !== "string" || answer.rating === "unknown") return null;
    const value = Number(answer.rating);
    return Number.isFinite(value) ? value : null;
  }

  function scaleRange(scale) {
    const values = scale.levels.map(function (lv) { return lv.value; });
    return { min: Math.min.apply(null, values), max: Math.max.apply(null, values) };
  }

  /* Mean rating per group (and overall), leaving out unanswered and "don't know" items. */
  function groupScores(items, answers, scale, groups) {
    const range = scaleRange(scale);
    function summarise(members, id, title) {
      const ratings = members.map(function (it) { return ratingOf(answers[it.id]); }).filter(function (r) { return r !== null; });
      const mean = ratings.length ? ratings.reduce(function (a, b) { return a + b; }, 0) / ratings.length : null;
      return {
        id: id, title: title, rated: ratings.length, count: members.length, mean: mean,
        percent: mean === null ? null : Math.round((100 * (mean - range.min)) / (range.max - range.min)),
      };
    }
    const out = (groups || []).map(function (g) {
      return summarise(items.filter(function (it) { return it.group === g.id; }), g.id, g.title);
    });
    out.push(summarise(items, "", "Overall"));
    return out;
  }

  /* Items rated below low_below, lowest first, then in page order. */
  function lowestItems(items, answers, scale, limit) {
    const threshold = scale.low_below === null || scale.low_below === undefined ? scaleRange(scale).min + 1 : scale.low_below;
    return items
      .map(function (it, index) { return { item: it, rating: ratingOf(answers[it.id]), index: index }; })
      .filter(function (x) { return x.rating !== null && x.rating < threshold; })
      .sort(function (a, b) { return a.rating - b.rating || a.index - b.index; })
      .slice(0, limit || 5);
  }

  /* Weighted fit of each outcome: sum(weight x normalised rating) / sum(weight) over rated items.
   * The reasons are the items that pushed it up most. */
  function ranking(items, answers, scale, outcomes) {
    const range = scaleRange(scale);
    const results = outcomes.map(function (outcome) {
      let earned = 0;
      let possible = 0;
      const reasons = [];
      for (const item of items) {
        const weight = item.weights ? Number(item.weights[outcome.id] || 0) : 0;
        const rating = ratingOf(answers[item.id]);
        if (!weight || rating === null) continue;
        const norm = (rating - range.min) / (range.max - range.min);
        earned += weight * norm;
        possible += weight;
        if (norm > 0) reasons.push({ item: item, contribution: weight * norm });
      }
      reasons.sort(function (a, b) { return b.contribution - a.contribution; });
      return {
        id: outcome.id, title: outcome.title,
        percent: possible ? Math.round((100 * earned) / possible) : null,
        basis: possible,
        reasons: reasons.slice(0, 3).map(function (r) { return r.item; }),
      };
    });
    results.sort(function (a, b) { return (b.percent === null ? -1 : b.percent) - (a.percent === null ? -1 : a.percent); });
    return results;
  }

  /* ---- filters, kept in the page URL as <checklist>.<name>=value ---- */

  const FILTER_NAMES = ["role", "stage", "section", "outcome", "unanswered", "q"];

  function readFilters(search, checklistId) {
    const params = new URLSearchParams(search);
    const filters = {};
    for (const name of FILTER_NAMES) {
      const value = params.get(checklistId + "." + name);
      if (value) filters[name] = name === "unanswered" ? value === "1" : value;
    }
    return filters;
  }

  function writeFilters(search, checklistId, filters) {
    const params = new URLSearchParams(search);
    for (const name of FILTER_NAMES) {
      const value = filters[name];
      if (value === true) params.set(checklistId + "." + name, "1");
      else if (value) params.set(checklistId + "." + name, value);
      else params.delete(checklistId + "." + name);
    }
    const text = params.toString();
    return text ? "?" + text : "";
  }

  function matches(item, answer, filters, kind) {
    if (filters.role && item.roles.indexOf(filters.role) < 0) return false;
    if (filters.section && item.section !== filters.section) return false;
    if (filters.stage && item.stages.length && item.stages.indexOf(filters.stage) < 0) return false;
    if (filters.outcome && item.appliesTo.length && item.appliesTo.indexOf(filters.outcome) < 0) return false;
    if (filters.unanswered && isAnswered(item, answer, kind)) return false;
    if (filters.q) {
      const haystack = (item.text + " " + (answer && answer.note ? answer.note : "")).toLowerCase();
      if (haystack.indexOf(filters.q.toLowerCase()) < 0) return false;
    }
    return true;
  }

  /* ---- exports ---- */

  function ratingLabel(scale, rating) {
    if (!scale || typeof rating !== "string") return "";
    if (rating === "unknown") return scale.unknown;
    const level = scale.levels.find(function (lv) { return String(lv.value) === rating; });
    return level ? level.label : "";
  }

  function choiceLabel(item, choice) {
    const found = (item.choices || []).find(function (c) { return c.id === choice; });
    return found ? found.label : choice || "";
  }

  /* A cell a spreadsheet will not run as a formula, quoted as RFC 4180 asks. */
  function csvCell(value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCSV(meta, items, run) {
    const header = ["checklist", "version", "run", "section", "item_id", "item", "roles", "done", "not_applicable",
      "rating", "rating_label", "choice", "note"];
    const lines = [header.join(",")];
    for (const item of items) {
      const a = run.items[item.id] || {};
      lines.push([meta.id, meta.version, run.name, item.sectionTitle, item.id, item.text, item.roles.join(" "),
        a.done ? "yes" : "", a.na ? "yes" : "", a.rating || "", ratingLabel(meta.scale, a.rating),
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
        const label = ratingLabel(meta.scale, a.rating);
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
    return JSON.stringify({ format: FORMAT, type: "checklist-run", checklist: meta.id, version: meta.version, exported: now, run: run }, null, 2) + "\n";
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
    if (data.checklist !== checklistId) throw new Error("this export belongs to checklist “" + data.checklist + "”, not “" + checklistId + "”");
    if (typeof data.format !== "number" || data.format > FORMAT) throw new Error("this export was made by a newer version of the handbook");
    const run = cleanRun(data.run, now);
    if (!run) throw new Error("this export has no answers");
    return run;
  }

  /* ---- share links: the run in the URL fragment, so nothing goes through a server ---- */

  function toBase64Url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
    return new TextDecoder().decode(bytes);
  }

  function shareFragment(checklistId, run) {
    return "#share=" + encodeURIComponent(checklistId) + "~" + toBase64Url(JSON.stringify({ n: run.name, i: run.items }));
  }

  /* {checklist, run} from a location hash, or null when the hash is not a share link. */
  function readShare(hash, now) {
    const match = /^#share=([^~]+)~([A-Za-z0-9_-]+)$/.exec(hash || "");
    if (!match) return null;
    try {
      const data = JSON.parse(fromBase64Url(match[2]));
      const run = cleanRun({ name: data.n, items: data.i }, now);
      return run ? { checklist: decodeURIComponent(match[1]), run: run } : null;
    } catch (e) {
      return null;
    }
  }

  return {
    FORMAT, storageKey, emptyStore, parseStore, serialise, pruneStore, addRun, deleteRun, setAnswer,
    isAnswered, progress, groupScores, lowestItems, ranking, readFilters, writeFilters, matches,
    ratingLabel, toCSV, toMarkdown, toJSON, fromJSON, shareFragment, readShare,
  };
});
