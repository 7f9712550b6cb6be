// @ts-check
// Unit tests of the assessment statistics (checklist-stats.js), run with Node's built-in runner: node --test tests/js
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const stats = require("../../ext/sphinx_checklist/static/checklist-stats.js");

/** @typedef {import("../../ext/sphinx_checklist/static/checklist-core.js").Item} Item */

/** @type {import("../../ext/sphinx_checklist/static/checklist-core.js").Scale} */
const SCALE = { levels: [{ value: 1, label: "Absent" }, { value: 2, label: "Emerging" }, { value: 3, label: "Established" }], unknown: "Don't know", low_below: 2 };

/** @param {string} id @param {Partial<Item>} [extra] @returns {Item} */
function item(id, extra) {
  return Object.assign({ id: id, section: "s1", sectionTitle: "First", roles: ["funder"], appliesTo: [], stages: [], text: "Item " + id, choices: [], weights: null, group: "" }, extra || {});
}

test("group scores average the ratings and skip don't know", () => {
  const items = [item("a", { group: "strategic" }), item("b", { group: "strategic" }), item("c", { group: "operational" })];
  const answers = { a: { rating: "3" }, b: { rating: "unknown" }, c: { rating: "1" } };
  const scores = stats.groupScores(items, answers, SCALE, [{ id: "strategic", title: "Strategic" }, { id: "operational", title: "Operational" }]);
  assert.deepEqual(scores.map((s) => [s.id, s.mean, s.rated, s.count, s.percent]), [
    ["strategic", 3, 1, 2, 100],
    ["operational", 1, 1, 1, 0],
    ["", 2, 2, 3, 50],
  ]);
});

test("lowest items are those below low_below, lowest first", () => {
  const items = [item("a"), item("b"), item("c"), item("d")];
  const answers = { a: { rating: "1" }, b: { rating: "3" }, c: { rating: "1" }, d: { rating: "unknown" } };
  assert.deepEqual(stats.lowestItems(items, answers, SCALE, 5).map((x) => x.item.id), ["a", "c"]);
  const higher = Object.assign({}, SCALE, { low_below: 3 });
  assert.deepEqual(stats.lowestItems(items, { a: { rating: "2" }, c: { rating: "1" } }, higher, 5).map((x) => x.item.id), ["c", "a"]);
});

test("ranking weighs agreement towards outcomes, and says what raised and lowered each", () => {
  const outcomes = [{ id: "partner", title: "Practice partner" }, { id: "builder", title: "Network builder" }];
  const items = [
    item("q1", { weights: { partner: 3 }, text: "We want to improve practice" }),
    item("q2", { weights: { builder: 3, partner: 1 }, text: "We want a network" }),
    item("q3", { weights: { builder: 1 } }),
  ];
  const answers = { q1: { rating: "3" }, q2: { rating: "1" }, q3: { rating: "unknown" } };
  const ranked = stats.ranking(items, answers, SCALE, outcomes);
  // partner: (3 x 1 + 1 x 0) / 4; builder: 3 x 0 / 3, on one of its two statements (half is enough)
  assert.deepEqual(ranked.map((r) => [r.id, r.percent, r.rated, r.needed]), [["partner", 75, 2, 1], ["builder", 0, 1, 1]]);
  assert.deepEqual(ranked[0].raised.map((it) => it.id), ["q1"]);
  assert.deepEqual(ranked[0].lowered.map((it) => it.id), ["q2"]);
  assert.deepEqual(ranked[1].lowered.map((it) => it.id), ["q2"]);
  const none = stats.ranking(items, {}, SCALE, outcomes);
  assert.ok(none.every((r) => r.percent === null && !r.enough));
  assert.deepEqual(none.map((r) => r.id), ["partner", "builder"], "without fits, the order given");
});

test("no fit until half the statements bearing on an outcome are rated", () => {
  assert.deepEqual([0, 1, 2, 3, 13, 14].map(stats.rankingMinimum), [1, 1, 1, 2, 7, 7]);
  const outcomes = [{ id: "o", title: "O" }];
  const items = ["a", "b", "c", "d", "e"].map((id) => item(id, { weights: { o: 2 } })).concat([item("zero", { weights: { o: 0 } })]);
  // A zero weight does not bear on the outcome: five statements bear, so three are needed.
  const two = stats.ranking(items, { a: { rating: "3" }, b: { rating: "3" }, zero: { rating: "3" }, c: { rating: "unknown" } }, SCALE, outcomes)[0];
  assert.deepEqual([two.percent, two.enough, two.rated, two.needed, two.bearing], [null, false, 2, 3, 5]);
  const three = stats.ranking(items, { a: { rating: "3" }, b: { rating: "3" }, c: { rating: "1" } }, SCALE, outcomes)[0];
  assert.deepEqual([three.percent, three.enough], [67, true]);
});
