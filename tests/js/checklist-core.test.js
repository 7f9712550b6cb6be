// Unit tests of the checklist script's pure logic, run with Node's built-in runner: node --test tests/js
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../ext/sphinx_checklist/static/checklist-core.js");

const NOW = "2026-11-25T10:00:00.000Z";
const SCALE = { levels: [{ value: 1, label: "Absent" }, { value: 2, label: "Emerging" }, { value: 3, label: "Established" }], unknown: "Don't know", low_below: 2 };

function item(id, extra) {
  return Object.assign({ id: id, section: "s1", sectionTitle: "First", roles: ["funder"], appliesTo: [], stages: [], text: "Item " + id, choices: [], weights: null, group: "" }, extra || {});
}

test("a missing store starts one empty copy", () => {
  const { store, problem } = core.parseStore(null, "demo", NOW);
  assert.equal(problem, null);
  assert.equal(store.format, core.FORMAT);
  assert.deepEqual(Object.keys(store.runs), ["run-1"]);
  assert.deepEqual(store.runs["run-1"].items, {});
});

test("saved answers round-trip through serialise and parse", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  core.setAnswer(store.runs["run-1"], "a", { done: true, note: "Bring the flip chart" }, NOW);
  const again = core.parseStore(core.serialise(store), "demo", NOW);
  assert.equal(again.problem, null);
  assert.deepEqual(again.store.runs["run-1"].items, { a: { done: true, note: "Bring the flip chart" } });
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
  assert.equal(store.format, 1);
  assert.deepEqual(store.runs[store.current].items, { a: { done: true }, b: { rating: "2" } });
});

test("unknown keys and wrong types inside answers are dropped", () => {
  const text = JSON.stringify({ format: 1, checklist: "demo", current: "r", runs: { r: { name: "X", items: { a: { done: "yes", note: "ok", colour: "red" }, b: 7 } } } });
  const { store } = core.parseStore(text, "demo", NOW);
  assert.deepEqual(store.runs.r.items, { a: { note: "ok" } });
});

test("pruning drops answers to removed items and keeps the rest", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  const run = store.runs["run-1"];
  core.setAnswer(run, "a", { done: true }, NOW);
  core.setAnswer(run, "gone", { done: true }, NOW);
  core.setAnswer(run, "c", { note: "n" }, NOW);
  assert.equal(core.pruneStore(store, ["c", "a", "new"]), 1);
  assert.deepEqual(Object.keys(run.items).sort(), ["a", "c"]);
});

test("copies are created, named, and deleting the last leaves a fresh one", () => {
  const { store } = core.parseStore(null, "demo", NOW);
  const id = core.addRun(store, "  Kigali workshop, March ", NOW);
  assert.equal(store.current, id);
  assert.equal(store.runs[id].name, "Kigali workshop, March");
  core.deleteRun(store, id, NOW);
  assert.equal(store.current, "run-1");
  core.deleteRun(store, "run-1", NOW);
  assert.equal(Object.keys(store.runs).length, 1);
  assert.deepEqual(store.runs[store.current].items, {});
});

test("clearing every field of an answer removes it", () => {
  const run = { items: {} };
  core.setAnswer(run, "a", { done: true }, NOW);
  core.setAnswer(run, "a", { done: false }, NOW);
  assert.deepEqual(run.items, {});
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

test("group scores average the ratings and skip don't know", () => {
  const items = [item("a", { group: "strategic" }), item("b", { group: "strategic" }), item("c", { group: "operational" })];
  const answers = { a: { rating: "3" }, b: { rating: "unknown" }, c: { rating: "1" } };
  const scores = core.groupScores(items, answers, SCALE, [{ id: "strategic", title: "Strategic" }, { id: "operational", title: "Operational" }]);
  assert.deepEqual(scores.map((s) => [s.id, s.mean, s.rated, s.count, s.percent]), [
    ["strategic", 3, 1, 2, 100],
    ["operational", 1, 1, 1, 0],
    ["", 2, 2, 3, 50],
  ]);
});

test("lowest items are those below low_below, lowest first", () => {
  const items = [item("a"), item("b"), item("c"), item("d")];
  const answers = { a: { rating: "1" }, b: { rating: "3" }, c: { rating: "1" }, d: { rating: "unknown" } };
  assert.deepEqual(core.lowestItems(items, answers, SCALE, 5).map((x) => x.item.id), ["a", "c"]);
  const higher = Object.assign({}, SCALE, { low_below: 3 });
  assert.deepEqual(core.lowestItems(items, { a: { rating: "2" }, c: { rating: "1" } }, higher, 5).map((x) => x.item.id), ["c", "a"]);
});

test("ranking weighs ratings towards outcomes and gives the reasons", () => {
  const outcomes = [{ id: "partner", title: "Practice partner" }, { id: "builder", title: "Network builder" }];
  const items = [
    item("q1", { weights: { partner: 3 }, text: "We want to improve practice" }),
    item("q2", { weights: { builder: 3, partner: 1 }, text: "We want a network" }),
    item("q3", { weights: { builder: 1 } }),
  ];
  const answers = { q1: { rating: "3" }, q2: { rating: "1" }, q3: { rating: "unknown" } };
  const ranked = core.ranking(items, answers, SCALE, outcomes);
  assert.deepEqual(ranked.map((r) => [r.id, r.percent]), [["partner", 75], ["builder", 0]]);
  assert.deepEqual(ranked[0].reasons.map((it) => it.id), ["q1"]);
  const none = core.ranking(items, {}, SCALE, outcomes);
  assert.ok(none.every((r) => r.percent === null));
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

test("CSV has a header, one row per item, quoting and no formulas", () => {
  const meta = { id: "demo", version: "1.0", kind: "checklist", scale: null };
  const items = [item("a", { text: 'Say "hello", then go' }), item("b", { choices: [{ id: "x", label: "Online" }] })];
  const run = { name: "Kigali", items: { a: { done: true, note: "=SUM(A1)" }, b: { choice: "x" } } };
  const lines = core.toCSV(meta, items, run).split("\r\n");
  assert.equal(lines[0], "checklist,version,run,section,item_id,item,roles,done,not_applicable,rating,rating_label,choice,note");
  assert.equal(lines[1], 'demo,1.0,Kigali,First,a,"Say ""hello"", then go",funder,yes,,,,,\'=SUM(A1)');
  assert.equal(lines[2], "demo,1.0,Kigali,First,b,Item b,funder,,,,,Online,");
  assert.equal(lines.length, 4);
});

test("Markdown is a task list with sections, n/a, choices and notes", () => {
  const meta = { id: "demo", title: "Before a convening", version: "1.0", kind: "checklist" };
  const items = [item("a"), item("b", { section: "s2", sectionTitle: "Second" }), item("c", { section: "s2", sectionTitle: "Second", choices: [{ id: "x", label: "Online" }] })];
  const run = { name: "Kigali", items: { a: { done: true, note: "line one\nline two" }, b: { na: true }, c: { choice: "x" } } };
  const md = core.toMarkdown(meta, items, run, "2026-11-25");
  assert.equal(md, [
    "## Before a convening", "", "Version 1.0 · Kigali · 2026-11-25", "",
    "### First", "", "- [x] Item a", "  > line one line two", "",
    "### Second", "", "- [x] ~~Item b~~ (not applicable)", "- [ ] Item c — chosen: Online", "",
  ].join("\n"));
});

test("Markdown of an assessment shows ratings", () => {
  const meta = { id: "r", title: "Enablers", version: "2.0", kind: "assessment", scale: SCALE };
  const md = core.toMarkdown(meta, [item("a"), item("b"), item("c")], { name: "Q1", items: { a: { rating: "3" }, b: { rating: "unknown" } } }, "2026-11-25");
  assert.match(md, /- Item a — \*\*3\. Established\*\*/);
  assert.match(md, /- Item b — \*\*Don't know\*\*/);
  assert.match(md, /- Item c — _not rated_/);
});

test("JSON export imports back, and wrong files say why", () => {
  const meta = { id: "demo", version: "1.0" };
  const run = { name: "Kigali", created: NOW, updated: NOW, items: { a: { done: true, note: "ñ ✓" } } };
  const text = core.toJSON(meta, run, NOW);
  assert.deepEqual(core.fromJSON(text, "demo", NOW), run);
  assert.throws(() => core.fromJSON(text, "other", NOW), /belongs to checklist “demo”/);
  assert.throws(() => core.fromJSON("nope", "demo", NOW), /not JSON/);
  assert.throws(() => core.fromJSON("{}", "demo", NOW), /not a checklist export/);
});

test("a share fragment carries the run, including non-ASCII notes", () => {
  const run = { name: "Atelier à Kigali", items: { a: { done: true, note: "Café ☕ at 10" }, b: { rating: "unknown" } } };
  const hash = core.shareFragment("before-convening", run);
  assert.match(hash, /^#share=before-convening~[A-Za-z0-9_-]+$/);
  const back = core.readShare(hash, NOW);
  assert.equal(back.checklist, "before-convening");
  assert.equal(back.run.name, "Atelier à Kigali");
  assert.deepEqual(back.run.items, run.items);
  assert.equal(core.readShare("#checklist-demo-a", NOW), null);
  assert.equal(core.readShare("#share=demo~!!!", NOW), null);
});
