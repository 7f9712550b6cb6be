// @ts-check
/* Pure logic of the interactive checklists: saved state, progress, filters, reading share links (scores,
 * ranking and the statistics of a comparison: checklist-stats.js, which only assessments load).
 * No DOM here, so `node --test` checks it without a browser; checklist.js wires it to the page.
 * Answers are keyed by checklist id and item id, never by position or text.
 *
 * Words: the interface calls a named set of answers a "copy", and so does this code. Saved data and exports
 * call it a "run" (store.runs, ids "run-1", an export's `run` and type "checklist-run"): those names are kept
 * as they are, so that pages already deployed, and copies of them kept offline, still read what newer pages save. */

/* ---- the shapes shared by checklist.js, the parts it loads and the Node tests (import("./checklist-core.js").Name) ---- */

/**
 * One answer: only these keys, and an empty answer is not kept. `conflict`: another version of the note, saved in
 * another tab while this one was being edited (both kept until the reader chooses; see mergeNote).
 * @typedef {{done?: boolean, na?: boolean, rating?: string, choice?: string, note?: string, conflict?: string}} Answer
 */
/** Answers by item id (a map without a prototype). @typedef {Record<string, Answer>} Answers */
/**
 * A copy: one named set of answers to a checklist, as saved (under `store.runs`) and exported (as `run`).
 * @typedef {object} Copy
 * @property {string} name
 * @property {string} created ISO time
 * @property {string} updated ISO time
 * @property {Answers} items
 * @property {string} [pack] the id of the convening pack the copy belongs to
 */
/**
 * What one checklist keeps in localStorage. The field names are those older pages read: keep them.
 * @typedef {object} Store
 * @property {number} format
 * @property {string} checklist
 * @property {string} current the id of the copy shown
 * @property {string | null} seen the newest checklist version that saw the store
 * @property {Record<string, Copy>} runs the copies, by id
 */
/** @typedef {null | "corrupt" | "foreign" | "newer"} Problem */
/**
 * One change made in a tab, kept until it is written. `copy` names the copy; `at` is when it was made.
 * Changes live only in memory, never in storage. A "set" of a note carries `base`: the note as this tab last saw
 * it, so that a replay can tell a note another tab changed meanwhile (a conflict) from one it did not.
 * "add" selects the new copy unless `select` is false; "discard" removes answers (to items a page no longer has),
 * "restore" puts answers back as they were (an undo).
 * @typedef {{op: "set", copy: string, at?: string, item: string, patch: Answer, base?: string}
 *   | {op: "add", copy: string, at?: string, name: string, items?: Answers, pack?: string, created?: string, select?: boolean}
 *   | {op: "discard", copy: string, at?: string, items: string[]}
 *   | {op: "restore", copy: string, at?: string, items: Answers}
 *   | {op: "rename", copy: string, at?: string, name: string}
 *   | {op: "reset" | "current", copy: string, at?: string}
 *   | {op: "remove", copy: string, at?: string, fresh: string}
 *   | {op: "pack", copy: string, at?: string, pack: string | null}} Op
 */
/** A convening pack: one named copy kept by several checklists. @typedef {{name: string, checklists: string[]}} Pack */
/** The site's packs, as saved. @typedef {{format: number, packs: Record<string, Pack>}} Packs */
/** @typedef {{op: "pack", pack: string, name: string, checklists: string[]} | {op: "unpack", pack: string}} PackOp */
/** @typedef {{value: number, label: string}} Level */
/**
 * measures: "strength" (a low rating means something is weak: the results list the weakest items) or "agreement"
 * (a low rating only means "disagree").
 * @typedef {{levels: Level[], unknown: string, low_below?: number | null, measures?: "strength" | "agreement"}} Scale
 */
/** A group of statements, or an outcome an assessment ranks. @typedef {{id: string, title: string}} Named */
/**
 * What the page knows of a checklist, from the attributes of its rendering.
 * @typedef {object} Meta
 * @property {string} id
 * @property {string} title
 * @property {string} version
 * @property {string} kind "checklist" or "assessment"
 * @property {Scale | null} scale
 * @property {Named[]} groups
 * @property {Named[]} outcomes
 * @property {Record<string, string>} stageLabels
 * @property {Record<string, string>} roleLabels role id -> the words readers see
 */
/** A choice an item offers. @typedef {{id: string, label: string}} Choice */
/**
 * One item of a checklist. The fields the build declares (data-checklist-fields) are read generically
 * (readFields), so a new one reaches the script without code here; those below are the ones it uses.
 * @typedef {object} Item
 * @property {string} id
 * @property {string} section
 * @property {string} sectionTitle
 * @property {string[]} stages
 * @property {string} text
 * @property {Choice[]} choices
 * @property {string[]} roles
 * @property {string[]} appliesTo
 * @property {string} group
 * @property {Record<string, number> | null} weights
 * @property {boolean} [allowNa]
 * @property {string} [basis]
 * @property {string} [summary] a short label of the item, when it has one
 */
/** @typedef {{role?: string, stage?: string, section?: string, outcome?: string, unanswered?: boolean, q?: string}} Filters */
/** How an attribute's text becomes a value. @typedef {"text" | "words" | "json" | "flag"} Encoding */
/** An item field the build writes on each row: [property, attribute, encoding]. @typedef {[string, string, Encoding]} Field */

(function (root, factory) {
  "use strict";
  const core = factory();
  if (typeof module === "object" && module.exports) module.exports = core;
  else /** @type {any} */ (root).ChecklistCore = core;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const FORMAT = 4;
  const ANSWER_KEYS = { done: "boolean", na: "boolean", rating: "string", choice: "string", note: "string", conflict: "string" };
  // Item ids are slugs; copy ids too ("run-1", or "run-<time>-<random>"). Anything else in saved data,
  // imports or share links is dropped, and maps keyed by them have no prototype: "__proto__" is just a key.
  const SAFE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const VERSION = /^\d+(\.\d+)*$/;

  /** @returns {Record<string, any>} */
  function dict() {
    return Object.create(null);
  }

  /** @param {object} map @param {any} key */
  function has(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key);
  }

  /** @param {unknown} raw @returns {raw is Record<string, any>} */
  function isObject(raw) {
    return !!raw && typeof raw === "object" && !Array.isArray(raw);
  }

  /** @param {unknown} id @returns {id is string} */
  function safeId(id) {
    return typeof id === "string" && id.length <= 64 && SAFE_ID.test(id);
  }

  /* Keys are "<prefix>:checklist:<scope><checklist>": the prefix is the site's (checklist_storage_prefix),
   * and the site's path is part of the key, so two builds on one origin (/prod/, /preview/) keep apart.
   * A site at the root of its origin keeps the key used before paths were added. */
  /** @param {string} prefix @param {string} checklistId @param {string} [scope] */
  function storageKey(prefix, checklistId, scope) {
    return prefix + ":checklist:" + (scope && scope !== "/" ? scope : "") + checklistId;
  }

  /* Convening packs: which checklists share a named copy, for the whole site (see parsePacks). */
  /** @param {string} prefix @param {string} [scope] */
  function packsKey(prefix, scope) {
    return prefix + ":packs:" + (scope || "/");
  }

  /* Unique across tabs: two tabs counting copies would both make "run-3". */
  function newCopyId() {
    return "run-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8).replace(/^$/, "0");
  }

  /* "1.10" is newer than "1.9": numbers compared part by part, missing parts count as 0. */
  /** @param {string} a @param {string} b */
  function compareVersions(a, b) {
    const x = a.split(".");
    const y = b.split(".");
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = (Number(x[i]) || 0) - (Number(y[i]) || 0);
      if (d) return d < 0 ? -1 : 1;
    }
    return 0;
  }

  /** @param {string} name @param {string} now @returns {Copy} */
  function newCopy(name, now) {
    return { name, created: now, updated: now, items: dict() };
  }

  /* A fresh store always starts with "run-1", so two tabs that both start afresh share their first copy. */
  /** @param {string} checklistId @param {string} now @returns {Store} */
  function emptyStore(checklistId, now) {
    const runs = dict();
    runs["run-1"] = newCopy("My copy", now);
    return { format: FORMAT, checklist: checklistId, current: "run-1", seen: null, runs };
  }

  /* One answer with only the keys and types we know; empty answers become null so they are not kept. */
  /** @param {unknown} raw @returns {Answer | null} */
  function cleanAnswer(raw) {
    if (!isObject(raw)) return null;
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, type] of Object.entries(ANSWER_KEYS)) {
      if (typeof raw[key] === type && raw[key] !== "" && raw[key] !== false) out[key] = raw[key];
    }
    return Object.keys(out).length ? out : null;
  }

  /** @param {unknown} raw @returns {Answers} */
  function cleanItems(raw) {
    const items = dict();
    if (!isObject(raw)) return items;
    for (const id of Object.keys(raw)) {
      const answer = safeId(id) && cleanAnswer(raw[id]);
      if (answer) items[id] = answer;
    }
    return items;
  }

  /** @param {unknown} name @param {string} fallback */
  function cleanName(name, fallback) {
    return typeof name === "string" && name.trim() ? name.trim().slice(0, 120) : fallback;
  }

  /** A copy from saved data, an import or a share link, with only what we know. @param {unknown} raw @param {string} now */
  function cleanCopy(raw, now) {
    if (!isObject(raw)) return null;
    /** @type {Copy} */
    const copy = {
      name: cleanName(raw.name, "Imported copy"),
      created: typeof raw.created === "string" ? raw.created : now,
      updated: typeof raw.updated === "string" ? raw.updated : now,
      items: cleanItems(raw.items),
    };
    if (safeId(raw.pack)) copy.pack = raw.pack;
    return copy;
  }

  /* Earlier shapes of saved data, upgraded in order. Format 0 was a bare {items} map without copies;
   * format 1 did not record the newest checklist version seen, so no page may prune until one is;
   * in format 2 no copy belonged to a convening pack. Format 3 lets a copy name its pack (run.pack): a page
   * of format 2 would drop that link when saving, so it must find format 3 newer and leave it alone. Format 4 lets
   * an answer keep a second version of its note (answer.conflict), which a page of format 3 would drop. */
  /** @type {Record<number, (data: any) => any>} */
  const MIGRATIONS = {
    0: (data) => ({ format: 1, checklist: data.checklist, current: "run-1", runs: { "run-1": { name: "My copy", items: data.items } } }),
    1: (data) => ({ ...data, format: 2, seen: null }),
    2: (data) => ({ ...data, format: 3 }),
    3: (data) => ({ ...data, format: 4 }),
  };

  /* Read saved text. Returns {store, problem}: problem is null, or "corrupt", "foreign" or "newer".
   * The caller keeps the text safe before anything may overwrite it; "newer" text must never be replaced. */
  /** @param {string | null | undefined} text @param {string} checklistId @param {string} now @returns {{store: Store, problem: Problem}} */
  function parseStore(text, checklistId, now) {
    const fresh = emptyStore(checklistId, now);
    if (text == null) return { store: fresh, problem: null };
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
      const copy = safeId(id) && cleanCopy(raw[id], now);
      if (copy) runs[id] = copy;
    }
    if (!Object.keys(runs).length) return { store: fresh, problem: "corrupt" };
    const store = {
      format: FORMAT, checklist: checklistId,
      current: has(runs, data.current) ? data.current : Object.keys(runs)[0],
      seen: typeof data.seen === "string" && VERSION.test(data.seen) ? data.seen : null,
      runs,
    };
    return { store, problem: null };
  }

  /** @param {Store} store */
  function serialise(store) {
    return JSON.stringify(store);
  }

  /* Drop answers to items the checklist no longer has; returns how many were dropped. Only when the reader asks
   * (discarding what unknownAnswers found): pages never prune by themselves. */
  /** @param {Store} store @param {string[]} knownIds */
  function pruneStore(store, knownIds) {
    const known = new Set(knownIds);
    let dropped = 0;
    for (const copy of Object.values(store.runs)) {
      for (const id of Object.keys(copy.items)) {
        if (!known.has(id)) {
          delete copy.items[id];
          dropped++;
        }
      }
    }
    return dropped;
  }

  /* A page of checklist `version` saw the store: it records the newest version seen. Nothing is pruned: answers to
   * items a page does not know (removed since, added by a newer version, or imported from one) are kept, and the page
   * says so (unknownAnswers). Returns true for a page older than one that saw the store (a copy kept offline, say). */
  /** @param {Store} store @param {string | undefined} version */
  function observe(store, version) {
    if (!version || !VERSION.test(version)) return false;
    const seen = store.seen;
    if (seen && compareVersions(version, seen) < 0) return true;
    store.seen = version;
    return false;
  }

  /* The answers of each copy to items not in `knownIds` (by copy id; copies with none left out) and how many. */
  /** @param {Store} store @param {string[]} knownIds @returns {{count: number, copies: Record<string, Answers>}} */
  function unknownAnswers(store, knownIds) {
    const known = new Set(knownIds);
    let count = 0;
    /** @type {Record<string, Answers>} */
    const copies = dict();
    for (const id of Object.keys(store.runs)) {
      const items = store.runs[id].items;
      for (const item of Object.keys(items)) {
        if (known.has(item)) continue;
        (copies[id] = copies[id] || dict())[item] = items[item];
        count++;
      }
    }
    return { count, copies };
  }

  /** How many answers a copy holds (to any item). @param {Copy | undefined} copy */
  function answerCount(copy) {
    return copy ? Object.keys(copy.items).length : 0;
  }

  /* Two versions of a note, kept in one text field: each once, in order. */
  /** @param {string | undefined} kept @param {string} other */
  function joinVersions(kept, other) {
    if (!kept || kept === other) return other;
    return kept.split("\n\n---\n\n").indexOf(other) >= 0 ? kept : kept + "\n\n---\n\n" + other;
  }

  /* The patch a "set" writes over `answer` as saved now. A note is merged, not last-writer-wins: when the saved
   * note differs from the one this tab started from (op.base) and from this tab's, both sides changed it since their
   * common base; this tab's text stays the note and the saved one is kept as its conflict, for the reader to choose.
   * A note this tab did not change in the end (back to its base) leaves the saved one as it is. */
  /** @param {Answer | undefined} answer @param {{patch: Answer, base?: string}} op @returns {Answer} */
  function mergeNote(answer, op) {
    const mine = op.patch.note;
    if (typeof mine !== "string" || typeof op.base !== "string") return op.patch;
    const theirs = (answer && answer.note) || "";
    if (mine === op.base) {
      const { note, ...rest } = op.patch;
      return rest;
    }
    if (theirs === op.base || theirs === mine || !theirs) return op.patch;
    const kept = typeof op.patch.conflict === "string" ? op.patch.conflict : answer && answer.conflict;
    return { ...op.patch, conflict: joinVersions(kept, theirs) };
  }

  /** @param {Copy} copy @param {string} itemId @param {Answer} patch @param {string} now */
  function setAnswer(copy, itemId, patch, now) {
    const merged = cleanAnswer({ ...copy.items[itemId], ...patch });
    if (merged) copy.items[itemId] = merged;
    else delete copy.items[itemId];
    copy.updated = now;
  }

  /* ---- changes as operations: each tab replays its unsaved ones on the text saved by every tab ---- */

  /* Each takes the store, the copy the operation names (or undefined when it is gone) and the operation.
   * An operation on a copy another tab deleted does nothing: the copy stays deleted. */
  /** @type {Record<string, (store: Store, copy: Copy | undefined, op: any) => void>} */
  const OPS = {
    set: (store, copy, op) => {
      if (copy && safeId(op.item)) setAnswer(copy, op.item, mergeNote(copy.items[op.item], op), op.at);
    },
    add: (store, copy, op) => {
      if (copy) return;
      store.runs[op.copy] = /** @type {Copy} */ (cleanCopy({ name: op.name, items: op.items, created: op.created || op.at, updated: op.at, pack: op.pack }, op.at));
      if (op.select !== false) store.current = op.copy;
    },
    discard: (store, copy, op) => {
      if (!copy || !Array.isArray(op.items)) return;
      for (const id of op.items) delete copy.items[id];
      copy.updated = op.at;
    },
    restore: (store, copy, op) => {
      if (!copy) return;
      const items = cleanItems(op.items);
      for (const id of Object.keys(items)) copy.items[id] = items[id];
      copy.updated = op.at;
    },
    rename: (store, copy, op) => {
      if (copy) copy.name = cleanName(op.name, copy.name);
    },
    reset: (store, copy, op) => {
      if (!copy) return;
      copy.items = dict();
      copy.updated = op.at;
    },
    remove: (store, copy, op) => {
      if (copy) delete store.runs[op.copy];
      if (!Object.keys(store.runs).length) store.runs[op.fresh] = newCopy("My copy", op.at);
    },
    current: (store, copy, op) => {
      if (copy) store.current = op.copy;
    },
    /* The copy joins a convening pack, or (pack null) leaves it and keeps its answers. */
    pack: (store, copy, op) => {
      if (!copy) return;
      if (safeId(op.pack)) copy.pack = op.pack;
      else delete copy.pack;
    },
  };

  /** Apply one operation; the store's current copy stays one that exists. @param {Store} store @param {Op} op */
  function applyOp(store, op) {
    if (!has(OPS, op.op) || !safeId(op.copy)) return store;
    OPS[op.op](store, has(store.runs, op.copy) ? store.runs[op.copy] : undefined, op);
    if (!has(store.runs, store.current)) store.current = Object.keys(store.runs)[0];
    return store;
  }

  /** @param {Store} store @param {Op[]} ops */
  function replay(store, ops) {
    for (const op of ops) applyOp(store, op);
    return store;
  }

  /* ---- convening packs: one named copy over several checklists ----
   * The site keeps one list of packs (under packsKey): id -> {name, checklists}. Each checklist keeps its
   * answers in its own store, in the copy whose `pack` is the pack's id (made, with the pack's id as its
   * copy id, when a page of that checklist first sees the pack). Changes to the list are operations too,
   * applied to the list as freshly read, so two tabs never undo each other. */

  const PACKS_FORMAT = 1;

  /** @returns {Packs} */
  function emptyPacks() {
    return { format: PACKS_FORMAT, packs: dict() };
  }

  /* The list of packs, or null when it was written by a newer version (and must be left alone). */
  /** @param {string | null} text @returns {Packs | null} */
  function parsePacks(text) {
    let data = null;
    try { data = JSON.parse(/** @type {string} */ (text)); } catch (e) { /* unreadable: start again */ }
    if (!isObject(data) || !isObject(data.packs)) return emptyPacks();
    if (typeof data.format === "number" && data.format > PACKS_FORMAT) return null;
    const out = emptyPacks();
    for (const id of Object.keys(data.packs)) {
      const raw = data.packs[id];
      if (!safeId(id) || !isObject(raw) || !Array.isArray(raw.checklists)) continue;
      /** @type {string[]} */
      const ids = raw.checklists.filter((/** @type {unknown} */ c, /** @type {number} */ i, /** @type {unknown[]} */ all) => safeId(c) && all.indexOf(c) === i);
      if (ids.length) out.packs[id] = { name: cleanName(raw.name, "Convening pack"), checklists: ids };
    }
    return out;
  }

  /** @param {Packs} packs @param {PackOp} op */
  function applyPackOp(packs, op) {
    if (!safeId(op.pack)) return packs;
    if (op.op === "unpack") delete packs.packs[op.pack];
    else if (op.op === "pack") {
      const clean = /** @type {Packs} */ (parsePacks(JSON.stringify({ packs: { [op.pack]: { name: op.name, checklists: op.checklists } } })));
      if (clean.packs[op.pack]) packs.packs[op.pack] = clean.packs[op.pack];
    }
    return packs;
  }

  /* The id of the copy that holds a checklist's answers in a pack, or null when it has none yet. */
  /** @param {Store} store @param {string} packId @returns {string | null} */
  function packCopy(store, packId) {
    if (has(store.runs, packId)) return packId;
    return Object.keys(store.runs).find((id) => store.runs[id].pack === packId) || null;
  }

  /** @param {string} name */
  const nameKey = (name) => name.trim().replace(/\s+/g, " ").toLowerCase();

  /* A copy in no pack with the name `name` (spaces and case aside), the one with the most answers: the copy a
   * facilitator already filled under the pack's name, which the pack adopts rather than starting an empty one. */
  /** @param {Store} store @param {string} name @returns {string | null} */
  function sameNamedCopy(store, name) {
    const ids = Object.keys(store.runs).filter((id) => !store.runs[id].pack && nameKey(store.runs[id].name) === nameKey(name));
    ids.sort((a, b) => answerCount(store.runs[b]) - answerCount(store.runs[a]));
    return ids[0] || null;
  }

  /* What a checklist's store needs to keep its answers in the pack `packId` named `name`: nothing when its copy is
   * there and named so; a rename; the adoption of a same-named copy (its answers kept, its selection unchanged); or a
   * new empty copy. `adopted`: the copy adopted, if any. */
  /** @param {Store} store @param {string} packId @param {string} name @returns {{ops: Op[], adopted: string | null}} */
  function packOps(store, packId, name) {
    const copy = packCopy(store, packId);
    if (copy) return { ops: store.runs[copy].name === name ? [] : [{ op: "rename", copy, name }], adopted: null };
    const same = sameNamedCopy(store, name);
    if (same) return { ops: [{ op: "pack", copy: same, pack: packId }], adopted: same };
    return { ops: [{ op: "add", copy: packId, name, pack: packId }], adopted: null };
  }

  /* ---- reading an item from the attributes the build writes ---- */

  /* One attribute's text (null or undefined when the attribute is absent) as a value: text -> the text, or "";
   * words -> the words, [] when absent; json -> the value, null when absent or invalid; flag -> whether the
   * attribute is there. An encoding this script does not know yet reads as text. */
  /** @param {Encoding} encoding @param {string | null | undefined} text @returns {any} */
  function decodeField(encoding, text) {
    if (encoding === "flag") return text != null;
    if (encoding === "words") return (text || "").split(/\s+/).filter(Boolean);
    if (encoding !== "json") return text || "";
    try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }

  /* The item fields the build declares (data-checklist-fields), read with `attribute(name)`: its text, or null. */
  /** @param {Field[]} fields @param {(name: string) => string | null} attribute */
  function readFields(fields, attribute) {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [name, attr, encoding] of fields) out[name] = decodeField(encoding, attribute(attr));
    return out;
  }

  /* ---- progress ---- */

  /** @param {Answer | undefined} answer @param {string} kind */
  function isAnswered(answer, kind) {
    if (!answer) return false;
    if (kind === "assessment") return typeof answer.rating === "string";
    return answer.done === true || answer.na === true;
  }

  /* "done of total": not-applicable items leave the total; unknown ratings count as answered. */
  /** @param {Item[]} items @param {Answers} answers @param {string} kind */
  function progress(items, answers, kind) {
    let done = 0;
    let total = 0;
    for (const item of items) {
      const answer = answers[item.id];
      if (kind !== "assessment" && answer && answer.na) continue;
      total++;
      if (isAnswered(answer, kind)) done++;
    }
    return { done, total };
  }

  /* ---- filters, kept in the page URL as <checklist>.<name>=value ---- */

  const FILTER_NAMES = ["role", "stage", "section", "outcome", "unanswered", "q"];

  /** @param {string} search @param {string} checklistId @returns {Filters} */
  function readFilters(search, checklistId) {
    const params = new URLSearchParams(search);
    /** @type {Record<string, string | boolean>} */
    const filters = {};
    for (const name of FILTER_NAMES) {
      const value = params.get(checklistId + "." + name);
      if (value) filters[name] = name === "unanswered" ? value === "1" : value;
    }
    return filters;
  }

  /** @param {string} search @param {string} checklistId @param {Filters} filters */
  function writeFilters(search, checklistId, filters) {
    const params = new URLSearchParams(search);
    for (const name of FILTER_NAMES) {
      const value = /** @type {Record<string, string | boolean | undefined>} */ (filters)[name];
      if (value === true) params.set(checklistId + "." + name, "1");
      else if (value) params.set(checklistId + "." + name, value);
      else params.delete(checklistId + "." + name);
    }
    const text = params.toString();
    return text ? "?" + text : "";
  }

  /** @param {Item} item @param {Answer | undefined} answer @param {Filters} filters @param {string} kind */
  function matches(item, answer, filters, kind) {
    if (filters.role && item.roles.indexOf(filters.role) < 0) return false;
    if (filters.section && item.section !== filters.section) return false;
    if (filters.stage && item.stages.length && item.stages.indexOf(filters.stage) < 0) return false;
    if (filters.outcome && item.appliesTo.length && item.appliesTo.indexOf(filters.outcome) < 0) return false;
    if (filters.unanswered && isAnswered(answer, kind)) return false;
    if (filters.q) {
      const haystack = (item.text + " " + (answer && answer.note ? answer.note : "")).toLowerCase();
      if (haystack.indexOf(filters.q.toLowerCase()) < 0) return false;
    }
    return true;
  }

  /* ---- labels ---- */

  /** @param {Scale | null} scale @param {string | undefined} rating */
  function ratingLabel(scale, rating) {
    if (!scale || typeof rating !== "string") return "";
    if (rating === "unknown") return scale.unknown;
    const level = scale.levels.find((lv) => String(lv.value) === rating);
    return level ? level.label : "";
  }

  /* ---- share links: the copy in the URL fragment, so nothing goes through a server ---- */

  /** @param {string} text */
  function fromBase64Url(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  }

  /* {checklist, copy} from a location hash, or null when the hash is not a share link. */
  /** @param {string} hash @param {string} now @returns {{checklist: string, copy: Copy} | null} */
  function readShare(hash, now) {
    const match = (hash || "").length <= 100000 && /^#share=([^~]+)~([A-Za-z0-9_-]+)$/.exec(hash);  // longer: refused unread (SHARE_LIMIT, checklist-export.js)
    if (!match) return null;
    try {
      const data = JSON.parse(fromBase64Url(match[2]));
      const copy = cleanCopy({ name: data.n, items: data.i }, now);
      return copy ? { checklist: decodeURIComponent(match[1]), copy } : null;
    } catch (e) {
      return null;
    }
  }

  return {
    FORMAT, MIGRATIONS, cleanCopy, storageKey, packsKey, newCopyId, compareVersions, emptyStore, parseStore, serialise, pruneStore, observe,
    unknownAnswers, answerCount, setAnswer, mergeNote, applyOp, replay, emptyPacks, parsePacks, applyPackOp, packCopy, sameNamedCopy, packOps,
    decodeField, readFields,
    isAnswered, progress, readFilters, writeFilters, matches,
    ratingLabel, readShare,
  };
});
