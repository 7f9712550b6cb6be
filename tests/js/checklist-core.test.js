// @ts-check
// Unit tests of the checklist script's pure logic, run with Node's built-in runner: node --test tests/js
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../ext/sphinx_checklist/static/checklist-core.js");
// Exports, imports and share links: loaded by the page only when wanted, tested here with the core.
const exp = require("../../ext/sphinx_checklist/static/checklist-export.js");
// The statistics the CSV of an assessment adds as results (in the page: loaded with the Results part).
const stats = require("../../ext/sphinx_checklist/static/checklist-stats.js");

/** @typedef {import("../../ext/sphinx_checklist/static/checklist-core.js").Item} Item */
/** @typedef {import("../../ext/sphinx_checklist/static/checklist-core.js").Meta} Meta */
/** @typedef {import("../../ext/sphinx_checklist/static/checklist-core.js").Copy} Copy */
/** @typedef {import("../../ext/sphinx_checklist/static/checklist-core.js").Op} Op */

const NOW = "2026-11-25T10:00:00.000Z";
/** @type {import("../../ext/sphinx_checklist/static/checklist-core.js").Scale} */
const SCALE = { levels: [{ value: 1, label: "Absent" }, { value: 2, label: "Emerging" }, { value: 3, label: "Established" }], unknown: "Don't know", low_below: 2 };

// Stores use maps without a prototype; compare their content as plain JSON.
const plain = (/** @type {unknown} */ value) => JSON.parse(JSON.stringify(value));

/** @param {string} id @param {Partial<Item>} [extra] @returns {Item} */
function item(id, extra) {
  return Object.assign({ id: id, section: "s1", sectionTitle: "First", roles: ["funder"], appliesTo: [], stages: [], text: "Item " + id, choices: [], weights: null, group: "" }, extra || {});
}

/** @param {Partial<Meta>} extra @returns {Meta} */
function meta(extra) {
  return Object.assign({ id: "demo", title: "Demo", version: "1.0", kind: "checklist", scale: null, groups: [], outcomes: [], stageLabels: {}, roleLabels: {} }, extra);
}

/** A copy with only names and answers, as the exports need. @param {string} name @param {Copy["items"]} items @returns {Copy} */
function copyOf(name, items) {
  return { name: name, created: NOW, updated: NOW, items: items };
}

test("a missing store starts one empty copy", () => {
  const { store, problem } = core.parseStore(null, "demo", NOW);
  assert.equal(problem, null);
  assert.equal(store.format, core.FORMAT);
  assert.deepEqual(Object.keys(store.runs), ["run-1"]);
  assert.deepEqual(plain(store.runs["run-1"].items), {});
  assert.equal(store.seen, null);
});

test("saved answers round-trip through serialise and parse", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  core.setAnswer(store.runs["run-1"], "a", { done: true, note: "Bring the flip chart" }, NOW);
  const again = core.parseStore(core.serialise(store), "demo", NOW);
  assert.equal(again.problem, null);
  assert.deepEqual(plain(again.store.runs["run-1"].items), { a: { done: true, note: "Bring the flip chart" } });
});

test("corrupt, foreign and newer data are reported, never thrown", () => {
  assert.equal(core.parseStore("{not json", "demo", NOW).problem, "corrupt");
  assert.equal(core.parseStore("[1,2]", "demo", NOW).problem, "corrupt");
  assert.equal(core.parseStore(JSON.stringify({ format: 1, checklist: "other", runs: {} }), "demo", NOW).problem, "foreign");
  assert.equal(core.parseStore(JSON.stringify({ format: 99, checklist: "demo", runs: {} }), "demo", NOW).problem, "newer");
  assert.equal(core.parseStore(JSON.stringify({ format: 1, checklist: "demo", runs: {} }), "demo", NOW).problem, "corrupt");
});

test("format 0 (a bare items map) migrates into a first copy", () => {
  const old = JSON.stringify({ checklist: "demo", items: { a: { done: true }, b: { rating: "2" } } });
  const { store, problem } = core.parseStore(old, "demo", NOW);
  assert.equal(problem, null);
  assert.equal(store.format, core.FORMAT);
  assert.deepEqual(plain(store.runs[store.current].items), { a: { done: true }, b: { rating: "2" } });
});

test("format 1 migrates with no version seen yet, keeping every copy", () => {
  const old = { format: 1, checklist: "demo", current: "run-2", runs: { "run-1": { name: "A", items: { a: { done: true } } }, "run-2": { name: "B", items: {} } } };
  assert.deepEqual(plain(core.MIGRATIONS[1](old)), Object.assign({}, old, { format: 2, seen: null }));
  const { store, problem } = core.parseStore(JSON.stringify(old), "demo", NOW);
  assert.equal(problem, null);
  assert.equal(store.format, core.FORMAT);
  assert.equal(store.seen, null);
  assert.equal(store.current, "run-2");
  assert.deepEqual(plain(store.runs["run-1"].items), { a: { done: true } });
});

test("format 2 migrates to 3 without losing a copy, an answer, a note or the version seen; no copy is in a pack", () => {
  const old = {
    format: 2, checklist: "demo", current: "run-kx1-aaa", seen: "1.4",
    runs: {
      "run-1": { name: "My copy", created: "2026-01-02T10:00:00.000Z", updated: "2026-01-03T10:00:00.000Z",
        items: { a: { done: true, note: "Ask Amina" }, b: { na: true }, c: { choice: "online" } } },
      "run-kx1-aaa": { name: "March convening", created: NOW, updated: NOW, items: { d: { rating: "3", note: "Better than last year" } } },
    },
  };
  assert.deepEqual(plain(core.MIGRATIONS[2](old)), Object.assign({}, old, { format: 3 }));
  const { store, problem } = core.parseStore(JSON.stringify(old), "demo", NOW);
  assert.equal(problem, null);
  assert.equal(core.FORMAT, 4);
  assert.equal(store.format, 4);
  assert.equal(store.current, "run-kx1-aaa");
  assert.equal(store.seen, "1.4");
  assert.deepEqual(plain(store.runs), old.runs);  // every field of every copy, and no `pack` on any
  // Saved again, it reads back the same: the migration runs once.
  assert.deepEqual(plain(core.parseStore(core.serialise(store), "demo", NOW).store), plain(store));
});

test("format 3 is newer to a page of format 2: such a page leaves it alone (it would drop the pack links)", () => {
  const saved = core.serialise(core.replay(core.emptyStore("demo", NOW), [{ op: "pack", copy: "run-1", pack: "pack-x1", at: NOW }]));
  assert.equal(JSON.parse(saved).format, core.FORMAT);
  assert.equal(JSON.parse(saved).runs["run-1"].pack, "pack-x1");
  assert.ok(JSON.parse(saved).format > 2);  // checklist-core.js of format 2 reports "newer" and never writes over it
});

test("the newest version seen is kept, and a malformed one dropped", () => {
  const text = (/** @type {unknown} */ seen) => JSON.stringify({ format: 2, checklist: "demo", seen: seen, current: "r", runs: { r: { name: "X", items: {} } } });
  assert.equal(core.parseStore(text("1.10"), "demo", NOW).store.seen, "1.10");
  assert.equal(core.parseStore(text("1.x"), "demo", NOW).store.seen, null);
  assert.equal(core.parseStore(text(3), "demo", NOW).store.seen, null);
});

test("unknown keys and wrong types inside answers are dropped", () => {
  const text = JSON.stringify({ format: 1, checklist: "demo", current: "r", runs: { r: { name: "X", items: { a: { done: "yes", note: "ok", colour: "red" }, b: 7 } } } });
  const { store } = core.parseStore(text, "demo", NOW);
  assert.deepEqual(plain(store.runs.r.items), { a: { note: "ok" } });
});

test("pruning drops answers to removed items and keeps the rest", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  const copy = store.runs["run-1"];
  core.setAnswer(copy, "a", { done: true }, NOW);
  core.setAnswer(copy, "gone", { done: true }, NOW);
  core.setAnswer(copy, "c", { note: "n" }, NOW);
  assert.equal(core.pruneStore(store, ["c", "a", "new"]), 1);
  assert.deepEqual(Object.keys(copy.items).sort(), ["a", "c"]);
});

test("copies are created, named, renamed, reset, and deleting the last leaves a fresh one", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  const id = core.newCopyId();
  core.applyOp(store, { op: "add", copy: id, name: "  Kigali workshop, March ", at: NOW });
  assert.equal(store.current, id);
  assert.equal(store.runs[id].name, "Kigali workshop, March");
  core.applyOp(store, { op: "set", copy: id, item: "a", patch: { done: true }, at: NOW });
  core.applyOp(store, { op: "rename", copy: id, name: " April ", at: NOW });
  assert.equal(store.runs[id].name, "April");
  core.applyOp(store, { op: "reset", copy: id, at: NOW });
  assert.deepEqual(plain(store.runs[id].items), {});
  core.applyOp(store, { op: "remove", copy: id, fresh: "run-x", at: NOW });
  assert.equal(store.current, "run-1");
  core.applyOp(store, { op: "remove", copy: "run-1", fresh: "run-x", at: NOW });
  assert.deepEqual(Object.keys(store.runs), ["run-x"]);
  assert.equal(store.current, "run-x");
  assert.deepEqual(plain(store.runs["run-x"].items), {});
});

test("copy ids are unique and safe, so tabs never make the same one (saved data keeps the prefix run-)", () => {
  const ids = new Set(Array.from({ length: 500 }, () => core.newCopyId()));
  assert.equal(ids.size, 500);
  for (const id of ids) assert.match(id, /^run-[a-z0-9]+-[a-z0-9]+$/);
});

test("clearing every field of an answer removes it", () => {
  const copy = copyOf("A", {});
  core.setAnswer(copy, "a", { done: true }, NOW);
  core.setAnswer(copy, "a", { done: false }, NOW);
  assert.deepEqual(copy.items, {});
});

/* What one tab stored, then what each tab did before writing. */
/** @param {Record<string, unknown>} runs @param {string} [current] */
function storedText(runs, current) {
  return JSON.stringify({ format: 2, checklist: "demo", current: current || Object.keys(runs)[0], seen: "1.0", runs: runs });
}

/** @param {string} text @param {Op[]} ops */
function afterSaving(text, ops) {
  const { store, problem } = core.parseStore(text, "demo", NOW);
  assert.equal(problem, null);
  return core.serialise(core.replay(store, ops));
}

test("two tabs saving in turn keep both sets of changes: answers merge per item and per field", () => {
  const start = storedText({ "run-1": { name: "My copy", items: { a: { note: "keep me" } } }, "run-2": { name: "Doomed", items: {} } });
  /** @type {Op[]} */
  const first = [
    { op: "set", copy: "run-1", item: "a", patch: { done: true }, at: NOW },
    { op: "add", copy: "run-kx1-aaa", name: "Workshop", items: { b: { done: true } }, at: NOW },
  ];
  /** @type {Op[]} */
  const second = [
    { op: "set", copy: "run-1", item: "c", patch: { na: true }, at: NOW },
    { op: "remove", copy: "run-2", fresh: "run-kx2-bbb", at: NOW },
    { op: "current", copy: "run-1", at: NOW },
  ];
  // The second tab read the start too, but writes after the first: it replays its changes on what is stored now.
  const text = afterSaving(afterSaving(start, first), second);
  const store = core.parseStore(text, "demo", NOW).store;
  assert.deepEqual(Object.keys(store.runs).sort(), ["run-1", "run-kx1-aaa"]);
  assert.deepEqual(plain(store.runs["run-1"].items), { a: { note: "keep me", done: true }, c: { na: true } });
  assert.deepEqual(plain(store.runs["run-kx1-aaa"].items), { b: { done: true } });
  assert.equal(store.current, "run-1");
});

test("a copy deleted in one tab stays deleted when another tab ticks an item in it or elsewhere", () => {
  const start = storedText({ "run-1": { name: "My copy", items: {} }, "run-2": { name: "Old", items: { a: { done: true } } } }, "run-2");
  const deleted = afterSaving(start, [{ op: "remove", copy: "run-2", fresh: "run-f", at: NOW }]);
  const text = afterSaving(deleted, [
    { op: "set", copy: "run-2", item: "b", patch: { done: true }, at: NOW },
    { op: "rename", copy: "run-2", name: "Back?", at: NOW },
    { op: "current", copy: "run-2", at: NOW },
    { op: "set", copy: "run-1", item: "c", patch: { done: true }, at: NOW },
  ]);
  const store = core.parseStore(text, "demo", NOW).store;
  assert.deepEqual(Object.keys(store.runs), ["run-1"]);
  assert.equal(store.current, "run-1");
  assert.deepEqual(plain(store.runs["run-1"].items), { c: { done: true } });
});

test("a reset replayed later clears only what was answered before it", () => {
  const start = storedText({ "run-1": { name: "My copy", items: { a: { done: true } } } });
  const text = afterSaving(start, [
    { op: "set", copy: "run-1", item: "b", patch: { done: true }, at: NOW },
    { op: "reset", copy: "run-1", at: NOW },
    { op: "set", copy: "run-1", item: "c", patch: { note: "after" }, at: NOW },
  ]);
  assert.deepEqual(plain(core.parseStore(text, "demo", NOW).store.runs["run-1"].items), { c: { note: "after" } });
});

test("unknown or unsafe operations change nothing", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  const before = core.serialise(store);
  for (const op of /** @type {Op[]} */ (/** @type {unknown} */ ([{ op: "constructor", copy: "run-1" }, { op: "__proto__", copy: "run-1" }, { op: "add", copy: "__proto__", name: "x" },
    { op: "set", copy: "run-1", item: "__proto__", patch: { done: true } }, { op: "set", copy: "toString", item: "a", patch: { done: true } }]))) {
    core.applyOp(store, op);
  }
  assert.equal(core.serialise(store), before);
  assert.equal(/** @type {any} */ ({}).done, undefined);
});

test("a copy joins a pack and leaves it keeping its answers; only safe pack ids are kept", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  core.replay(store, [
    { op: "set", copy: "run-1", item: "a", patch: { done: true }, at: NOW },
    { op: "pack", copy: "run-1", pack: "pack-m1", at: NOW },
  ]);
  assert.equal(store.runs["run-1"].pack, "pack-m1");
  assert.equal(core.packCopy(store, "pack-m1"), "run-1");
  assert.equal(core.packCopy(store, "pack-other"), null);
  core.applyOp(store, { op: "pack", copy: "run-1", pack: null, at: NOW });
  assert.equal(store.runs["run-1"].pack, undefined);
  assert.deepEqual(plain(store.runs["run-1"].items), { a: { done: true } });
  core.applyOp(store, { op: "pack", copy: "run-1", pack: "__proto__", at: NOW });
  core.applyOp(store, { op: "pack", copy: "run-1", pack: "<b>", at: NOW });
  assert.equal(store.runs["run-1"].pack, undefined);
  const crafted = JSON.stringify({ format: 3, checklist: "demo", current: "run-1", runs: { "run-1": { name: "x", items: {}, pack: { evil: 1 } } } });
  assert.equal(core.parseStore(crafted, "demo", NOW).store.runs["run-1"].pack, undefined);
});

test("a pack's copy is made once per checklist, with the pack's id, even when two tabs make it", () => {
  const start = storedText({ "run-1": { name: "My copy", items: {} } });
  /** @type {Op} */
  const make = { op: "add", copy: "pack-m1", name: "March convening", pack: "pack-m1", at: NOW };
  // Each tab saw no copy for the pack and made one; the second replays its "add" on what the first saved.
  const first = afterSaving(start, [make]);
  const text = afterSaving(first, [make, { op: "set", copy: "pack-m1", item: "a", patch: { done: true }, at: NOW }]);
  const store = core.parseStore(text, "demo", NOW).store;
  assert.deepEqual(Object.keys(store.runs), ["run-1", "pack-m1"]);
  assert.equal(store.runs["pack-m1"].name, "March convening");
  assert.equal(store.runs["pack-m1"].pack, "pack-m1");
  assert.equal(core.packCopy(store, "pack-m1"), "pack-m1");
  assert.deepEqual(plain(store.runs["pack-m1"].items), { a: { done: true } });
});

test("the list of packs merges operations from two tabs and drops what is unsafe", () => {
  let packs = core.emptyPacks();
  assert.deepEqual(plain(core.parsePacks(null)), plain(packs));
  assert.deepEqual(plain(packs), { format: 1, packs: {} });
  packs = core.applyPackOp(packs, { op: "pack", pack: "pack-m1", name: " March convening ", checklists: ["before", "during", "during", "<x>"] });
  const saved = JSON.stringify(packs);
  // Another tab read the list before, and now adds its own pack: both stay.
  const other = core.applyPackOp(core.parsePacks(saved) || assert.fail("read back"), { op: "pack", pack: "pack-j2", name: "June", checklists: ["after"] });
  assert.deepEqual(plain(core.parsePacks(JSON.stringify(other))?.packs), {
    "pack-m1": { name: "March convening", checklists: ["before", "during"] },
    "pack-j2": { name: "June", checklists: ["after"] },
  });
  assert.deepEqual(Object.keys(core.applyPackOp(other, { op: "unpack", pack: "pack-m1" }).packs), ["pack-j2"]);
  assert.deepEqual(plain(core.parsePacks("{not json")), { format: 1, packs: {} });
  assert.equal(core.parsePacks(JSON.stringify({ format: 9, packs: {} })), null);  // newer: left alone
  const crafted = core.parsePacks(JSON.stringify({ packs: { "__proto__": { name: "x", checklists: ["a"] }, "pack-a": { name: "y", checklists: "a" }, "pack-b": { checklists: [] } } }));
  assert.deepEqual(Object.keys(crafted?.packs || { none: 1 }), []);
  assert.notEqual(core.packsKey("clh", "/prod/"), core.packsKey("clh", "/preview/"));
});

test("versions compare numerically, part by part", () => {
  assert.equal(core.compareVersions("1.10", "1.9"), 1);
  assert.equal(core.compareVersions("1.2", "1.2.0"), 0);
  assert.equal(core.compareVersions("2.0", "10.0"), -1);
  assert.equal(core.compareVersions("1.0.1", "1.0"), 1);
});

test("no page prunes: answers to items a page does not know are kept and counted; an older page says it is older", () => {
  const text = JSON.stringify({ format: 2, checklist: "demo", current: "r", seen: null,
    runs: { r: { name: "X", items: { a: { done: true }, b: { done: true }, fresh: { done: true } } }, s: { name: "Y", items: { a: { na: true } } } } });
  const { store } = core.parseStore(text, "demo", NOW);
  assert.equal(core.observe(store, "1.1"), false);
  assert.equal(store.seen, "1.1");
  // An older page (kept offline, say) neither prunes nor lowers what was seen.
  assert.equal(core.observe(store, "1.0"), true);
  assert.equal(store.seen, "1.1");
  // "1.10" is newer than "1.9", not older.
  assert.equal(core.observe(core.parseStore(text.replace('"seen":null', '"seen":"1.9"'), "demo", NOW).store, "1.10"), false);
  // The newest page, seen again, still keeps every answer; it finds those to items it does not have.
  assert.equal(core.observe(store, "1.1"), false);
  assert.deepEqual(Object.keys(store.runs.r.items).sort(), ["a", "b", "fresh"]);
  const unknown = core.unknownAnswers(store, ["a", "fresh"]);
  assert.equal(unknown.count, 1);
  assert.deepEqual(plain(unknown.copies), { r: { b: { done: true } } });
  assert.equal(core.unknownAnswers(store, ["a", "b", "fresh"]).count, 0);
  core.observe(store, "2.0");
  assert.equal(store.seen, "2.0");
});

test("answers kept aside are discarded only when asked, and an undo restores exactly what was there", () => {
  const start = storedText({ "run-1": { name: "My copy", items: { a: { done: true }, gone: { note: "keep?", done: true } } } });
  const unknown = core.unknownAnswers(core.parseStore(start, "demo", NOW).store, ["a"]);
  const discarded = afterSaving(start, [{ op: "discard", copy: "run-1", items: Object.keys(unknown.copies["run-1"]), at: NOW }]);
  assert.deepEqual(plain(core.parseStore(discarded, "demo", NOW).store.runs["run-1"].items), { a: { done: true } });
  const restored = afterSaving(discarded, [{ op: "restore", copy: "run-1", items: unknown.copies["run-1"], at: NOW }]);
  assert.deepEqual(plain(core.parseStore(restored, "demo", NOW).store.runs["run-1"].items), { a: { done: true }, gone: { note: "keep?", done: true } });
});

test("a reset or a deleted copy is undone exactly: answers, notes, name, creation time and pack", () => {
  const start = storedText({ "run-1": { name: "My copy", items: {} }, "run-2": { name: "Kigali", created: "2026-01-01T00:00:00.000Z", items: { a: { done: true, note: "n" } }, pack: "pack-k" } });
  const was = core.parseStore(start, "demo", NOW).store.runs["run-2"];
  const reset = afterSaving(start, [{ op: "reset", copy: "run-2", at: NOW }]);
  const back = afterSaving(reset, [{ op: "restore", copy: "run-2", items: was.items, at: NOW }]);
  assert.deepEqual(plain(core.parseStore(back, "demo", NOW).store.runs["run-2"].items), plain(was.items));
  const removed = afterSaving(start, [{ op: "remove", copy: "run-2", fresh: "run-f", at: NOW }]);
  const undone = afterSaving(removed, [{ op: "add", copy: "run-2", name: was.name, items: was.items, created: was.created, pack: was.pack, at: NOW }]);
  const copy = core.parseStore(undone, "demo", NOW).store.runs["run-2"];
  assert.deepEqual({ name: copy.name, created: copy.created, items: plain(copy.items), pack: copy.pack },
    { name: "Kigali", created: "2026-01-01T00:00:00.000Z", items: { a: { done: true, note: "n" } }, pack: "pack-k" });
});

test("the same note edited in two tabs keeps both texts: this tab's in the note, the other's as its conflict", () => {
  const start = storedText({ "run-1": { name: "My copy", items: { a: { note: "base", done: true } } } });
  // Both tabs started from "base"; the first saved "first tab's text", then the second saves its own.
  const first = afterSaving(start, [{ op: "set", copy: "run-1", item: "a", patch: { note: "first tab's text" }, base: "base", at: NOW }]);
  const second = afterSaving(first, [{ op: "set", copy: "run-1", item: "a", patch: { note: "second tab's text" }, base: "base", at: NOW }]);
  const answer = core.parseStore(second, "demo", NOW).store.runs["run-1"].items.a;
  assert.deepEqual(plain(answer), { note: "second tab's text", done: true, conflict: "first tab's text" });
  // A note edited from what is saved (no concurrent edit) is no conflict; nor are two tabs typing the same text.
  const later = afterSaving(start, [{ op: "set", copy: "run-1", item: "a", patch: { note: "edited" }, base: "base", at: NOW }]);
  assert.equal(core.parseStore(later, "demo", NOW).store.runs["run-1"].items.a.conflict, undefined);
  const same = afterSaving(first, [{ op: "set", copy: "run-1", item: "a", patch: { note: "first tab's text" }, base: "base", at: NOW }]);
  assert.equal(core.parseStore(same, "demo", NOW).store.runs["run-1"].items.a.conflict, undefined);
  // A tab whose note is back to its base changes nothing: the other tab's text stays.
  const back = afterSaving(first, [{ op: "set", copy: "run-1", item: "a", patch: { note: "base", done: false }, base: "base", at: NOW }]);
  assert.deepEqual(plain(core.parseStore(back, "demo", NOW).store.runs["run-1"].items.a), { note: "first tab's text" });
  // A third version joins the kept one; choosing one (conflict "") ends the conflict.
  const third = afterSaving(second, [{ op: "set", copy: "run-1", item: "a", patch: { note: "third" }, base: "base", at: NOW }]);
  assert.equal(core.parseStore(third, "demo", NOW).store.runs["run-1"].items.a.conflict, "first tab's text\n\n---\n\nsecond tab's text");
  const chosen = afterSaving(second, [{ op: "set", copy: "run-1", item: "a", patch: { note: "first tab's text", conflict: "" }, base: "second tab's text", at: NOW }]);
  assert.deepEqual(plain(core.parseStore(chosen, "demo", NOW).store.runs["run-1"].items.a), { note: "first tab's text", done: true });
  // Without a base (older operations, ticks) the last writer wins as before.
  assert.deepEqual(plain(core.mergeNote({ note: "x" }, { patch: { note: "y" } })), { note: "y" });
});

test("format 4 (a note's second version) is newer to a page of format 3; format 3 migrates unchanged", () => {
  const old = { format: 3, checklist: "demo", current: "run-1", seen: "1.0", runs: { "run-1": { name: "M", created: NOW, updated: NOW, items: { a: { note: "n" } }, pack: "pack-a" } } };
  assert.deepEqual(plain(core.MIGRATIONS[3](old)), Object.assign({}, old, { format: 4 }));
  const { store } = core.parseStore(JSON.stringify(old), "demo", NOW);
  assert.deepEqual(plain(store.runs), old.runs);
  assert.equal(JSON.parse(core.serialise(store)).format, 4);
});

test("a pack adopts a same-named copy with its answers instead of starting an empty one", () => {
  const { store } = core.parseStore(storedText({
    "run-1": { name: "My copy", items: {} },
    "run-2": { name: " march  Convening", items: { a: { done: true } } },
    "run-3": { name: "March convening", items: { a: { done: true }, b: { done: true } } },
  }), "demo", NOW);
  assert.equal(core.sameNamedCopy(store, "March convening"), "run-3");  // the fullest of the two
  const plan = core.packOps(store, "pack-m", "March convening");
  assert.equal(plan.adopted, "run-3");
  core.replay(store, plan.ops.map((op) => ({ ...op, at: NOW })));
  assert.equal(store.current, "run-1");  // adopting selects nothing
  assert.equal(core.packCopy(store, "pack-m"), "run-3");
  assert.equal(Object.keys(store.runs).length, 3);
  // Once it belongs, nothing more is done; another name gets a new empty copy, which a page of another checklist need not select.
  assert.deepEqual(core.packOps(store, "pack-m", "March convening").ops, []);
  const other = core.packOps(store, "pack-j", "June");
  assert.equal(other.adopted, null);
  assert.deepEqual(other.ops, [{ op: "add", copy: "pack-j", name: "June", pack: "pack-j" }]);
  core.applyOp(store, { op: "add", copy: "pack-j", name: "June", pack: "pack-j", select: false, at: NOW });
  assert.equal(store.current, "run-1");
  assert.equal(core.answerCount(store.runs["run-3"]), 2);
});

test("storage keys carry the site's folder; a site at the root keeps the old key", () => {
  assert.equal(core.storageKey("clh", "tasks", "/prod/"), "clh:checklist:/prod/tasks");
  assert.notEqual(core.storageKey("clh", "tasks", "/prod/"), core.storageKey("clh", "tasks", "/preview/"));
  assert.equal(core.storageKey("clh", "tasks", "/"), "clh:checklist:tasks");
  assert.equal(core.storageKey("clh", "tasks", ""), "clh:checklist:tasks");
  assert.equal(core.packsKey("clh", "/prod/"), "clh:packs:/prod/");
  assert.equal(core.packsKey("clh", ""), "clh:packs:/");
});

test("storage keys start with the site's prefix, so two projects on one origin keep apart", () => {
  // The handbook's prefix "clh" gives the keys its readers' answers are saved under: they must not move.
  assert.equal(core.storageKey("clh", "before-convening", "/"), "clh:checklist:before-convening");
  assert.equal(core.storageKey("my.site_2", "tasks", "/docs/"), "my.site_2:checklist:/docs/tasks");
  assert.equal(core.packsKey("my.site_2", "/docs/"), "my.site_2:packs:/docs/");
  assert.notEqual(core.storageKey("a", "tasks", "/"), core.storageKey("b", "tasks", "/"));
  assert.notEqual(core.packsKey("a", "/"), core.packsKey("b", "/"));
});

test("crafted keys in saved data are dropped or harmless, never thrown", () => {
  const text = '{"format":2,"checklist":"demo","current":"__proto__","seen":"1.0","runs":{' +
    '"__proto__":{"name":"P","items":{"a":{"done":true}}},"hasOwnProperty":{"name":"H","items":{}},' +
    '"constructor":{"name":"C","items":{"__proto__":{"done":true},"constructor":{"done":true},"toString":{"note":"x"},"a":{"done":true}}}}}';
  const { store, problem } = core.parseStore(text, "demo", NOW);
  assert.equal(problem, null);
  assert.deepEqual(Object.keys(store.runs), ["constructor"]);
  assert.equal(store.current, "constructor");
  /** @type {string} */
  const name = "constructor";  // a string, so that the type checker does not read Object's constructor
  assert.deepEqual(plain(store.runs[name].items), { constructor: { done: true }, a: { done: true } });
  assert.equal(Object.getPrototypeOf(store.runs[name].items), null);
  const items = [item("a"), item("constructor"), item("b")];
  assert.deepEqual(core.progress(items, store.runs[name].items, "checklist"), { done: 2, total: 3 });
  assert.equal(/** @type {any} */ ({}).done, undefined);
  // A current copy that names a built-in property falls back to a real copy.
  const { store: other } = core.parseStore('{"format":2,"checklist":"demo","current":"toString","runs":{"run-1":{"name":"A","items":{}}}}', "demo", NOW);
  assert.equal(other.current, "run-1");
  // Nothing safe at all: corrupt, not a crash.
  assert.equal(core.parseStore('{"format":2,"checklist":"demo","runs":{"__proto__":{"name":"P"}}}', "demo", NOW).problem, "corrupt");
  assert.equal(core.parseStore('{"format":"__proto__","checklist":"demo"}', "demo", NOW).problem, "corrupt");
  assert.equal(core.parseStore('{"format":0.5,"checklist":"demo"}', "demo", NOW).problem, "corrupt");
});

test("crafted keys in imports and share links are dropped", () => {
  const exported = '{"format":1,"type":"checklist-run","checklist":"demo","run":{"name":"X","items":{"__proto__":{"done":true},"hasOwnProperty":{"done":true},"a":{"done":true}}}}';
  assert.deepEqual(plain(exp.fromJSON(exported, "demo", NOW).items), { a: { done: true } });
  assert.throws(() => exp.fromJSON('{"type":"checklist-run","checklist":{"toString":1},"run":{}}', "demo", NOW), /belongs to another checklist/);
  const payload = Buffer.from('{"n":"X","i":{"__proto__":{"done":true},"constructor":{"note":"n"}}}').toString("base64url");
  const shared = core.readShare("#share=demo~" + payload, NOW);
  assert.deepEqual(plain(shared && shared.copy.items), { constructor: { note: "n" } });
  assert.equal(/** @type {any} */ ({}).done, undefined);
});

test("progress leaves not-applicable items out of the total", () => {
  const items = [item("a"), item("b"), item("c"), item("d")];
  const answers = { a: { done: true }, b: { na: true }, c: { note: "only a note" } };
  assert.deepEqual(core.progress(items, answers, "checklist"), { done: 1, total: 3 });
});

test("assessment progress counts ratings, including don't know", () => {
  const items = [item("a"), item("b"), item("c")];
  assert.deepEqual(core.progress(items, { a: { rating: "3" }, b: { rating: "unknown" } }, "assessment"), { done: 2, total: 3 });
});

test("filters read from and write to the URL, namespaced by checklist", () => {
  const filters = core.readFilters("?demo.role=funder&demo.unanswered=1&other.role=member&x=1", "demo");
  assert.deepEqual(filters, { role: "funder", unanswered: true });
  const search = core.writeFilters("?x=1&other.role=member", "demo", { q: "agenda", section: "s2" });
  const params = new URLSearchParams(search);
  assert.equal(params.get("demo.q"), "agenda");
  assert.equal(params.get("demo.section"), "s2");
  assert.equal(params.get("other.role"), "member");
  assert.equal(core.writeFilters("?demo.q=a", "demo", {}), "");
});

test("matches applies role, section, outcome, unanswered and text filters", () => {
  const it = item("a", { roles: ["funder", "member"], section: "s2", appliesTo: ["partner"], text: "Share the agenda" });
  assert.ok(core.matches(it, undefined, { role: "member", section: "s2", q: "AGENDA" }, "checklist"));
  assert.ok(!core.matches(it, undefined, { role: "facilitator" }, "checklist"));
  assert.ok(!core.matches(it, undefined, { outcome: "builder" }, "checklist"));
  assert.ok(core.matches(item("b"), undefined, { outcome: "builder" }, "checklist"), "items for every outcome always match");
  assert.ok(!core.matches(it, { done: true }, { unanswered: true }, "checklist"));
  assert.ok(core.matches(it, { note: "bring the venue list" }, { q: "venue" }, "checklist"), "search covers notes");
  const after = item("c", { stages: ["after", "between"] });
  assert.ok(core.matches(after, undefined, { stage: "between" }, "checklist"));
  assert.ok(!core.matches(after, undefined, { stage: "before" }, "checklist"));
});

test("CSV starts with a byte-order mark, the item's text first, ids in words and the item id kept, quoted, with no formulas", () => {
  const items = [item("a", { text: 'Say "hello", then go', roles: ["philanthropy-staff", "funder"], stages: ["before"] }),
    item("b", { choices: [{ id: "x", label: "Online" }], roles: ["member"], stages: ["before", "after"] })];
  const copy = copyOf("Kigali", { a: { done: true, note: "=SUM(A1)" }, b: { choice: "x" } });
  const labels = { roleLabels: { "philanthropy-staff": "Philanthropy staff", funder: "Funder" }, stageLabels: { before: "Before a convening", after: "After a convening" } };
  const text = exp.toCSV(meta(labels), items, copy);
  assert.equal(text.charCodeAt(0), 0xfeff, "a UTF-8 byte-order mark, so Excel on Windows reads “facilitator’s” right");
  const lines = text.slice(1).split("\r\n");
  assert.equal(lines[0], "item,section,stage,roles,done,not_applicable,rating,rating_label,choice,note,item_id,checklist,version,run");
  assert.equal(lines[1], '"Say ""hello"", then go",First,Before a convening,"Philanthropy staff, Funder",yes,,,,,\'=SUM(A1),a,demo,1.0,Kigali');
  assert.equal(lines[2], 'Item b,First,"Before a convening, After a convening",member,,,,,Online,,b,demo,1.0,Kigali', "an id without a label stays as it is");
  assert.equal(lines.length, 4);
});

test("CSV has a summary column when items have one, and an assessment's group in words", () => {
  const enablers = meta({ kind: "assessment", scale: SCALE, groups: [{ id: "g", title: "Strategic" }] });
  const lines = exp.toCSV(enablers, [item("a", { summary: "Leaders", group: "g" }), item("b")], copyOf("Q1", { a: { rating: "3" } })).slice(1).split("\r\n");
  assert.equal(lines[0], "item,summary,section,group,roles,done,not_applicable,rating,rating_label,choice,note,item_id,checklist,version,run");
  assert.equal(lines[1], "Item a,Leaders,First,Strategic,funder,,,3,Established,,,a,demo,1.0,Q1");
  assert.equal(lines[2], "Item b,,First,,funder,,,,,,,b,demo,1.0,Q1");
});

test("CSV of an assessment, given the statistics, ends with its results: group averages in words and each outcome's fit", () => {
  const fit = meta({ id: "fit", kind: "assessment", scale: SCALE, groups: [{ id: "s", title: "Strategic" }, { id: "o", title: "Operational" }],
    outcomes: [{ id: "partner", title: "Practice partner" }, { id: "builder", title: "Network builder" }] });
  const items = [item("lead", { group: "s", weights: { partner: 3 } }), item("budget", { group: "o", weights: { builder: 3, partner: 1 } }),
    item("time", { group: "o", weights: { builder: 1 } }), item("space", { group: "o", weights: { builder: 1 } })];
  const copy = copyOf("Q1", { lead: { rating: "3" }, budget: { rating: "2" }, time: { rating: "unknown" } });
  const text = exp.toCSV(fit, items, copy, stats);
  const rows = text.slice(1).split("\r\n");
  assert.equal(rows[5], "", "an empty row between the items and the results");
  const results = rows.slice(6, -1).map((r) => r.split(","));
  const column = (/** @type {string} */ name) => rows[0].split(",").indexOf(name);
  assert.deepEqual(results.map((r) => [r[column("item")], r[column("section")], r[column("rating")], r[column("rating_label")], r[column("item_id")]]), [
    ["Group average: Strategic", "Results", "3.0", "Established", "result:group:s"],
    ["Group average: Operational", "Results", "2.0", "Emerging", "result:group:o"],
    ["Overall average", "Results", "2.5", "between Emerging and Established", "result:overall"],
    ["Fit: Practice partner", "Results", "", "88% fit", "result:fit:partner"],
    ["Fit: Network builder", "Results", "", "not enough answers", "result:fit:builder"],
  ]);
  assert.equal(results[4][column("note")], "1 of 3 statements rated (2 needed for a fit)");
  assert.ok(results.every((r) => r.length === rows[0].split(",").length && r[column("run")] === "Q1"), "the results keep the items' columns");
  // Without the statistics (a page that could not load them), and for a plain checklist, no results.
  assert.equal(exp.toCSV(fit, items, copy).slice(1).split("\r\n").length, 6);
  assert.equal(exp.toCSV(meta({}), [item("a")], copyOf("R", {}), stats).slice(1).split("\r\n").length, 3);
});

test("an assessment without groups has only its overall average in the CSV", () => {
  const lines = exp.toCSV(meta({ kind: "assessment", scale: SCALE }), [item("a"), item("b")], copyOf("Q", {}), stats).slice(1).split("\r\n");
  assert.deepEqual(lines.slice(3), ["", "Overall average,Results,,,,,not rated yet,,0 of 2 rated,result:overall,demo,1.0,Q", ""]);
});

test("CSV cells are safe in semicolon locales and after leading spaces", () => {
  const cells = (/** @type {string} */ note) => exp.toCSV(meta({}), [item("a")], copyOf("R", { a: { note: note } })).split("\r\n")[1].replace(/,a,demo,1\.0,R$/, "");
  assert.ok(cells(";=1+1").endsWith(',";=1+1"'), "a ; is quoted, so no locale splits the cell");
  assert.ok(cells("a;b").endsWith(',"a;b"'));
  assert.ok(cells(" =HYPERLINK(1)").endsWith(",' =HYPERLINK(1)"));
  assert.ok(cells("\t@SUM(1)").endsWith(",'\t@SUM(1)"));
  assert.ok(cells("\n+1").endsWith(',"\'\n+1"'));
  assert.ok(cells("-2").endsWith(",'-2"));
  assert.ok(cells("plain text").endsWith(",plain text"));
});

test("Markdown is a task list with sections, n/a, choices and notes", () => {
  const items = [item("a"), item("b", { section: "s2", sectionTitle: "Second" }), item("c", { section: "s2", sectionTitle: "Second", choices: [{ id: "x", label: "Online" }] })];
  const copy = copyOf("Kigali", { a: { done: true, note: "line one\nline two" }, b: { na: true }, c: { choice: "x" } });
  const md = exp.toMarkdown(meta({ title: "Before a convening" }), items, copy, "2026-11-25");
  assert.equal(md, [
    "## Before a convening", "", "Version 1.0 · Kigali · 2026-11-25", "",
    "### First", "", "- [x] Item a", "  > line one\\", "  > line two", "",
    "### Second", "", "- [x] ~~Item b~~ (not applicable)", "- [ ] Item c — chosen: Online", "",
  ].join("\n"));
});

test("Markdown of an assessment shows ratings", () => {
  const enablers = meta({ id: "r", title: "Enablers", version: "2.0", kind: "assessment", scale: SCALE });
  const md = exp.toMarkdown(enablers, [item("a"), item("b"), item("c")], copyOf("Q1", { a: { rating: "3" }, b: { rating: "unknown" } }), "2026-11-25");
  assert.match(md, /- Item a — \*\*3\. Established\*\*/);
  assert.match(md, /- Item b — \*\*Don't know\*\*/);
  assert.match(md, /- Item c — _not rated_/);
});

test("JSON export imports back, and wrong files say why", () => {
  const copy = copyOf("Kigali", { a: { done: true, note: "ñ ✓" } });
  const text = exp.toJSON(meta({}), copy, NOW);
  assert.deepEqual(plain(exp.fromJSON(text, "demo", NOW)), copy);
  assert.deepEqual(Object.keys(JSON.parse(text)), ["format", "type", "checklist", "version", "exported", "run"], "the field names older pages import");
  assert.equal(JSON.parse(text).format, 1, "exports keep the format older pages import");
  assert.throws(() => exp.fromJSON(text, "other", NOW), /belongs to checklist “demo”/);
  assert.throws(() => exp.fromJSON("nope", "demo", NOW), /not JSON/);
  assert.throws(() => exp.fromJSON("{}", "demo", NOW), /not a checklist export/);
  // With the page's items, the export also lists each statement's id and text, for Compare to find rewordings.
  const listed = JSON.parse(exp.toJSON(meta({}), copy, NOW, [item("a", { text: "First" }), item("b")]));
  assert.deepEqual(listed.items, [{ id: "a", text: "First" }, { id: "b", text: "Item b" }]);
  assert.deepEqual(plain(exp.fromJSON(JSON.stringify(listed), "demo", NOW)), copy, "the list changes nothing on import");
});

test("a share fragment carries the copy, including non-ASCII notes", () => {
  const copy = copyOf("Atelier à Kigali", { a: { done: true, note: "Café ☕ at 10" }, b: { rating: "unknown" } });
  const hash = exp.shareFragment("before-convening", copy);
  assert.match(hash, /^#share=before-convening~[A-Za-z0-9_-]+$/);
  const back = core.readShare(hash, NOW);
  assert.ok(back);
  assert.equal(back.checklist, "before-convening");
  assert.equal(back.copy.name, "Atelier à Kigali");
  assert.deepEqual(plain(back.copy.items), copy.items);
  assert.equal(core.readShare("#checklist-demo-a", NOW), null);
  assert.equal(core.readShare("#share=demo~!!!", NOW), null);
});

test("Markdown keeps a note's lines and paragraphs under its item, and escapes what would start a heading or a list", () => {
  const note = "Ask Amina:\r\n# of chairs\n- projector?\n\n\n  2. the key  \nR&D *first*";
  const md = exp.toMarkdown(meta({}), [item("a"), item("b")], copyOf("K", { a: { note: note }, b: { note: " \n " } }), "2026-11-25");
  assert.equal(md.split("\n").slice(6).join("\n"), [
    "- [ ] Item a",
    "  > Ask Amina:\\",
    "  > \\# of chairs\\",
    "  > \\- projector?",
    "  >",
    "  > 2\\. the key\\",
    "  > R&D \\*first\\*",
    "- [ ] Item b",
    "",
  ].join("\n"), "each line a hard break (a backslash), an empty line a new paragraph; a blank note adds nothing");
});

test("a share fragment carries the day it was shared, and opening it names the copy's checklist, copy and day", () => {
  const hash = exp.shareFragment("tasks", copyOf("Amina's copy", { a: { done: true }, b: { note: "x" } }), "2026-11-26");
  const link = exp.parseShare(hash, NOW);
  assert.equal(link.problem, "");
  assert.equal(link.checklist, "tasks");
  assert.equal(link.day, "2026-11-26");
  assert.equal(link.copy && link.copy.name, "Amina's copy");
  assert.deepEqual(plain(link.copy && link.copy.items), { a: { done: true }, b: { note: "x" } });
  // Links made before they carried a day still open, without one.
  assert.equal(exp.parseShare(exp.shareFragment("tasks", copyOf("Old", {})), NOW).day, "");
  for (const day of ["26/11/2026", "2026-13-01", 20261126]) {
    assert.equal(exp.parseShare("#share=tasks~" + Buffer.from(JSON.stringify({ n: "X", i: {}, d: day })).toString("base64url"), NOW).day, "", String(day));
  }
});

test("broken and oversized share links say what is wrong, never throw; readShare refuses them", () => {
  const encode = (/** @type {string | Buffer} */ data) => Buffer.from(data).toString("base64url");
  // [link, the problem named, whether core's readShare refuses it too (it reads any JSON object as a copy, maybe empty)]
  /** @type {[string, RegExp, boolean][]} */
  const cases = [
    ["#share=tasks~" + "A".repeat(exp.SHARE_LIMIT), /too long \(100,013 characters; this page opens links of up to 100,000\)/, true],
    ["#share=", /incomplete/, true],
    ["#share=tasks", /incomplete/, true],
    ["#share=tasks~", /incomplete/, true],
    ["#share=%E0%A4%A~" + encode('{"n":"X","i":{}}'), /incomplete/, true],
    ["#share=tasks~abc!def", /damaged: its answers hold characters/, true],
    ["#share=tasks~A", /damaged: its answers hold characters/, true],
    ["#share=tasks~" + encode(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])), /damaged: its answers hold characters/, true],
    ["#share=tasks~" + encode('{"n":"X","i":{"a":{"done":true}}}').slice(0, 30), /cut short or changed/, true],
    ["#share=tasks~" + encode("null"), /does not hold a copy/, true],
    ["#share=tasks~" + encode('{"name":"X","items":{}}'), /does not hold a copy/, false],
    ["#share=tasks~" + encode('{"n":"X","i":[1,2]}'), /does not hold a copy/, false],
  ];
  for (const [hash, problem, refused] of cases) {
    const link = exp.parseShare(hash, NOW);
    assert.match(link.problem, problem, hash.slice(0, 60));
    assert.equal(link.copy, null);
    if (refused) assert.equal(core.readShare(hash, NOW), null, hash.slice(0, 60));
  }
  assert.equal(exp.parseShare("#share=fit~!", NOW).checklist, "fit", "a broken link still names its checklist, so its page can answer");
});

test("readShare refuses a link longer than the export part's limit, and reads one as long as the limit", () => {
  /** @param {number} length */
  const linkOf = (length) => {
    const start = exp.shareFragment("demo", copyOf("X", { a: { note: "" } }));
    let hash = start;
    for (let n = 0; hash.length < length; n++) hash = exp.shareFragment("demo", copyOf("X", { a: { note: "n".repeat(n * 3 + Math.max(0, Math.floor((length - start.length) * 0.75) - 40)) } }));
    return hash;
  };
  const longest = linkOf(exp.SHARE_LIMIT - 3);
  assert.ok(longest.length <= exp.SHARE_LIMIT, String(longest.length));
  assert.ok(core.readShare(longest, NOW), "a link within the limit opens");
  assert.equal(exp.parseShare(longest, NOW).problem, "");
  const over = linkOf(exp.SHARE_LIMIT + 1);
  assert.ok(over.length > exp.SHARE_LIMIT);
  assert.equal(core.readShare(over, NOW), null, "core's limit is the export part's");
  assert.match(exp.parseShare(over, NOW).problem, /too long/);
});

test("item fields decode from their attributes by the encoding the build declares", () => {
  assert.equal(core.decodeField("text", "handbook"), "handbook");
  assert.equal(core.decodeField("text", null), "");
  assert.deepEqual(core.decodeField("words", " funder  learning-partner "), ["funder", "learning-partner"]);
  assert.deepEqual(core.decodeField("words", null), []);
  assert.deepEqual(core.decodeField("json", '{"x":2}'), { x: 2 });
  assert.equal(core.decodeField("json", null), null);
  assert.equal(core.decodeField("json", "{not json"), null, "invalid JSON reads as absent, never throws");
  assert.equal(core.decodeField("flag", ""), true, "a flag is its attribute's presence, whatever its value");
  assert.equal(core.decodeField("flag", null), false);
  assert.equal(core.decodeField("flag", undefined), false, "dataset gives undefined for an absent attribute");
  assert.equal(core.decodeField(/** @type {any} */ ("later"), "x"), "x", "an encoding the script does not know reads as text");
});

test("an item is read generically from the build's field list, so a new field needs no script change", () => {
  /** @type {import("../../ext/sphinx_checklist/static/checklist-core.js").Field[]} */
  const fields = [["roles", "data-checklist-roles", "words"], ["allowNa", "data-checklist-allow-na", "flag"],
    ["basis", "data-checklist-basis", "text"], ["group", "data-checklist-group", "text"],
    ["weights", "data-checklist-weights", "json"], ["appliesTo", "data-checklist-applies-to", "words"],
    ["effort", "data-checklist-effort", "text"]];
  const row = new Map([["data-checklist-roles", "funder member"], ["data-checklist-allow-na", ""],
    ["data-checklist-weights", '{"partner":3}'], ["data-checklist-effort", "low"]]);
  const read = core.readFields(fields, (name) => row.get(name) ?? null);
  assert.deepEqual(read, { roles: ["funder", "member"], allowNa: true, basis: "", group: "", weights: { partner: 3 }, appliesTo: [], effort: "low" });
  assert.deepEqual(core.readFields([], () => "x"), {});
});
