/* Pure logic of the interactive checklists: saved state, scoring, ranking, filters, reading share links.
 * No DOM here, so `node --test` checks it without a browser; checklist.js wires it to the page.
 * Answers are keyed by checklist id and item id, never by position or text. */
(function (root, factory) {
  "use strict";
  const core = factory();
  if (typeof module === "object" && module.exports) module.exports = core;
  else root.ChecklistCore = core;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const FORMAT = 3;
  const STORE_PREFIX = "clh:checklist:";
  // Convening packs: which checklists share a named copy, for the whole site (see parsePacks).
  const PACKS_PREFIX = "clh:packs:";
  const PACKS_FORMAT = 1;
  const ANSWER_KEYS = { done: "boolean", na: "boolean", rating: "string", choice: "string", note: "string" };
  // Item ids are slugs; run ids too ("run-1", or "run-<time>-<random>"). Anything else in saved data,
  // imports or share links is dropped, and maps keyed by them have no prototype: "__proto__" is just a key.
  const SAFE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const VERSION = /^\d+(\.\d+)*$/;

  function dict() {
    return Object.create(null);
  }

  function has(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key);
  }

  function isObject(raw) {
    return !!raw && typeof raw === "object" && !Array.isArray(raw);
  }

  function safeId(id) {
    return typeof id === "string" && id.length <= 64 && SAFE_ID.test(id);
  }

  /* The site's path is part of the key, so two builds on one origin (/prod/, /preview/) keep apart.
   * A site at the root of its origin keeps the key used before paths were added. */
  function storageKey(checklistId, scope) {
    return STORE_PREFIX + (scope && scope !== "/" ? scope : "") + checklistId;
  }

  function packsKey(scope) {
    return PACKS_PREFIX + (scope || "/");
  }

  /* Unique across tabs: two tabs counting copies would both make "run-3". */
  function newRunId() {
    return "run-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8).replace(/^$/, "0");
  }

  /* "1.10" is newer than "1.9": numbers compared part by part, missing parts count as 0. */
  function compareVersions(a, b) {
    const x = String(a).split(".");
    const y = String(b).split(".");
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = (Number(x[i]) || 0) - (Number(y[i]) || 0);
      if (d) return d < 0 ? -1 : 1;
    }
    return 0;
  }

  function newRun(name, now) {
    return { name: name, created: now, updated: now, items: dict() };
  }

  /* A fresh store always starts with "run-1", so two tabs that both start afresh share their first copy. */
  function emptyStore(checklistId, now) {
    const runs = dict();
    runs["run-1"] = newRun("My copy", now);
    return { format: FORMAT, checklist: checklistId, current: "run-1", seen: null, runs: runs };
  }

  /* One answer with only the keys and types we know; empty answers become null so they are not kept. */
  function cleanAnswer(raw) {
    if (!isObject(raw)) return null;
    const out = {};
    for (const key of Object.keys(ANSWER_KEYS)) {
      if (typeof raw[key] === ANSWER_KEYS[key] && raw[key] !== "" && raw[key] !== false) out[key] = raw[key];
    }
    return Object.keys(out).length ? out : null;
  }

  function cleanItems(raw) {
    const items = dict();
    if (!isObject(raw)) return items;
    for (const id of Object.keys(raw)) {
      const answer = safeId(id) && cleanAnswer(raw[id]);
      if (answer) items[id] = answer;
    }
    return items;
  }

  function cleanName(name, fallback) {
    return typeof name === "string" && name.trim() ? name.trim().slice(0, 120) : fallback;
  }

  function cleanRun(raw, now) {
    if (!isObject(raw)) return null;
    const run = {
      name: cleanName(raw.name, "Imported copy"),
      created: typeof raw.created === "string" ? raw.created : now,
      updated: typeof raw.updated === "string" ? raw.updated : now,
      items: cleanItems(raw.items),
    };
    if (safeId(raw.pack)) run.pack = raw.pack;
    return run;
  }

  /* Earlier shapes of saved data, upgraded in order. Format 0 was a bare {items} map without runs;
   * format 1 did not record the newest checklist version seen, so no page may prune until one is;
   * in format 2 no copy belonged to a convening pack. Format 3 lets a copy name its pack (run.pack): a page
   * of format 2 would drop that link when saving, so it must find format 3 newer and leave it alone. */
  const MIGRATIONS = {
    0: function (data) {
      return { format: 1, checklist: data.checklist, current: "run-1", runs: { "run-1": { name: "My copy", items: data.items } } };
    },
    1: function (data) {
      return Object.assign({}, data, { format: 2, seen: null });
    },
    2: function (data) {
      return Object.assign({}, data, { format: 3 });
    },
  };

  /* Read saved text. Returns {store, problem}: problem is null, or "corrupt", "foreign" or "newer".
   * The caller keeps the text safe before anything may overwrite it; "newer" text must never be replaced. */
  function parseStore(text, checklistId, now) {
    const fresh = emptyStore(checklistId, now);
    if (text === null || text === undefined) return { store: fresh, problem: null };
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { store: fresh, problem: "corrupt" };
    }
    if (!isObject(data)) return { store: fresh, problem: "corrupt" };
    if (data.checklist !== checklistId) return { store: fresh, problem: "foreign" };
    let format = data.format === undefined ? 0 : data.format;
    if (typeof format !== "number") return { store: fresh, problem: "corrupt" };
    if (format > FORMAT) return { store: fresh, problem: "newer" };
    while (format < FORMAT) {
      if (!has(MIGRATIONS, format)) return { store: fresh, problem: "corrupt" };
      data = MIGRATIONS[format](data);
      format = data.format;
    }
    const runs = dict();
    const raw = isObject(data.runs) ? data.runs : {};
    for (const id of Object.keys(raw)) {
      const run = safeId(id) && cleanRun(raw[id], now);
      if (run) runs[id] = run;
    }
    if (!Object.keys(runs).length) return { store: fresh, problem: "corrupt" };
    const store = {
      format: FORMAT, checklist: checklistId,
      current: has(runs, data.current) ? data.current : Object.keys(runs)[0],
      seen: typeof data.seen === "string" && VERSION.test(data.seen) ? data.seen : null,
      runs: runs,
    };
    return { store: store, problem: null };
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

  /* A page of checklist `version` saw the store. Only the newest version the store has seen may prune
   * (knownIds: every item of that version, or null when the page shows only some); an older page,
   * such as a copy kept offline, must keep answers to items it does not know. Returns true for an older page. */
  function observe(store, version, knownIds) {
    if (!version || !VERSION.test(version)) return false;
    const seen = store.seen;
    if (seen && compareVersions(version, seen) < 0) return true;
    store.seen = version;
    if (seen && knownIds) pruneStore(store, knownIds);
    return false;
  }

  function setAnswer(run, itemId, patch, now) {
    const merged = cleanAnswer(Object.assign({}, run.items[itemId], patch));
    if (merged) run.items[itemId] = merged;
    else delete run.items[itemId];
    run.updated = now;
  }

  /* ---- changes as operations: each tab replays its unsaved ones on the text saved by every tab ---- */

  /**
   * One change made in a tab, kept until it is written. `run` names the copy; `at` is when it was made.
   * @typedef {{op: "set", run: string, at: string, item: string, patch: object}
   *   | {op: "add", run: string, at: string, name: string, items?: object}
   *   | {op: "rename", run: string, at: string, name: string}
   *   | {op: "reset" | "current", run: string, at: string}
   *   | {op: "remove", run: string, at: string, fresh: string}
   *   | {op: "pack", run: string, at: string, pack: string | null}} Op
   */

  /* Each takes the store, the run the operation names (or undefined when it is gone) and the operation.
   * An operation on a copy another tab deleted does nothing: the copy stays deleted. */
  const OPS = {
    set: function (store, run, op) {
      if (run && safeId(op.item)) setAnswer(run, op.item, op.patch, op.at);
    },
    add: function (store, run, op) {
      if (run) return;
      store.runs[op.run] = cleanRun({ name: op.name, items: op.items, created: op.at, updated: op.at, pack: op.pack }, op.at);
      store.current = op.run;
    },
    rename: function (store, run, op) {
      if (run) run.name = cleanName(op.name, run.name);
    },
    reset: function (store, run, op) {
      if (!run) return;
      run.items = dict();
      run.updated = op.at;
    },
    remove: function (store, run, op) {
      if (run) delete store.runs[op.run];
      if (!Object.keys(store.runs).length) store.runs[op.fresh] = newRun("My copy", op.at);
    },
    current: function (store, run, op) {
      if (run) store.current = op.run;
    },
    /* The copy joins a convening pack, or (pack null) leaves it and keeps its answers. */
    pack: function (store, run, op) {
      if (!run) return;
      if (safeId(op.pack)) run.pack = op.pack;
      else delete run.pack;
    },
  };

  /** Apply one operation; the store's current copy stays one that exists. @param {Op} op */
  function applyOp(store, op) {
    if (!has(OPS, op.op) || !safeId(op.run)) return store;
    OPS[op.op](store, has(store.runs, op.run) ? store.runs[op.run] : undefined, op);
    if (!has(store.runs, store.current)) store.current = Object.keys(store.runs)[0];
    return store;
  }

  function replay(store, ops) {
    for (const op of ops) applyOp(store, op);
    return store;
  }

  /* ---- convening packs: one named copy over several checklists ----
   * The site keeps one list of packs (under packsKey): id -> {name, checklists}. Each checklist keeps its
   * answers in its own store, in the copy whose `pack` is the pack's id (made, with the pack's id as its
   * run id, when a page of that checklist first sees the pack). Changes to the list are operations too,
   * applied to the list as freshly read, so two tabs never undo each other. */

  function emptyPacks() {
    return { format: PACKS_FORMAT, packs: dict() };
  }

  /* The list of packs, or null when it was written by a newer version (and must be left alone). */
  function parsePacks(text) {
    let data = null;
    try { data = JSON.parse(text); } catch (e) { /* unreadable: start again */ }
    if (!isObject(data) || !isObject(data.packs)) return emptyPacks();
    if (typeof data.format === "number" && data.format > PACKS_FORMAT) return null;
    const out = emptyPacks();
    for (const id of Object.keys(data.packs)) {
      const raw = data.packs[id];
      if (!safeId(id) || !isObject(raw) || !Array.isArray(raw.checklists)) continue;
      const ids = raw.checklists.filter(function (c, i, all) { return safeId(c) && all.indexOf(c) === i; });
      if (ids.length) out.packs[id] = { name: cleanName(raw.name, "Convening pack"), checklists: ids };
    }
    return out;
  }

  /** @param {{op: "pack", pack: string, name: string, checklists: string[]} | {op: "unpack", pack: string}} op */
  function applyPackOp(packs, op) {
    if (!safeId(op.pack)) return packs;
    if (op.op === "unpack") delete packs.packs[op.pack];
    else if (op.op === "pack") {
      const clean = parsePacks(JSON.stringify({ packs: { [op.pack]: { name: op.name, checklists: op.checklists } } }));
      if (clean.packs[op.pack]) packs.packs[op.pack] = clean.packs[op.pack];
    }
    return packs;
  }

  /* The id of the copy that holds a checklist's answers in a pack, or null when it has none yet. */
  function packRun(store, packId) {
    if (has(store.runs, packId)) return packId;
    return Object.keys(store.runs).find(function (id) { return store.runs[id].pack === packId; }) || null;
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

  /* ---- labels ---- */

  function ratingLabel(scale, rating) {
    if (!scale || typeof rating !== "string") return "";
    if (rating === "unknown") return scale.unknown;
    const level = scale.levels.find(function (lv) { return String(lv.value) === rating; });
    return level ? level.label : "";
  }

  /* ---- share links: the run in the URL fragment, so nothing goes through a server ---- */

  function fromBase64Url(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
    return new TextDecoder().decode(bytes);
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
    FORMAT, MIGRATIONS, cleanRun, storageKey, packsKey, newRunId, compareVersions, emptyStore, parseStore, serialise, pruneStore, observe,
    setAnswer, applyOp, replay, emptyPacks, parsePacks, applyPackOp, packRun,
    isAnswered, progress, groupScores, lowestItems, ranking, readFilters, writeFilters, matches,
    ratingLabel, readShare,
  };
});
