// @ts-check
// Unit tests of the assessment statistics (checklist-stats.js), run with Node's built-in runner: node --test tests/js
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const stats = require("../../ext/sphinx_checklist/static/checklist-stats.js");

/** @typedef {import("../../ext/sphinx_checklist/static/checklist-core.js").Item} Item */
/** @typedef {import("../../ext/sphinx_checklist/static/checklist-core.js").Answers} Answers */

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

// ---- Compare: several respondents ----

/** @type {import("../../ext/sphinx_checklist/static/checklist-core.js").Scale} */
const FOUR = { levels: [1, 2, 3, 4].map((v) => ({ value: v, label: "L" + v })), unknown: "Don't know", low_below: 3 };

test("the median of an odd count is the middle value, of an even count the mean of the middle two", () => {
  assert.equal(stats.median([]), null);
  assert.equal(stats.median([3]), 3);
  assert.equal(stats.median([4, 1, 2]), 2);
  assert.equal(stats.median([4, 1, 2, 2]), 2);
  assert.equal(stats.median([1, 4, 2, 3]), 2.5);
  assert.equal(stats.median([1, 4]), 2.5);
  const given = [2, 1, 3];
  stats.median(given);
  assert.deepEqual(given, [2, 1, 3], "the values given are not sorted in place");
});

test("levels apart counts the scale's steps, whatever values its levels have", () => {
  assert.equal(stats.levelsApart(FOUR, 1, 4), 3);
  assert.equal(stats.levelsApart(FOUR, 2, 2), 0);
  const tens = { levels: [0, 10, 20].map((v) => ({ value: v, label: "L" + v })), unknown: "?" };
  assert.equal(stats.levelsApart(tens, 0, 20), 2);
  assert.equal(stats.levelsApart(tens, 10, 20), 1);
});

test("answers keep only ratings on the scale, and don't know", () => {
  const kept = stats.onScale({ a: { rating: "4" }, b: { rating: "5" }, c: { rating: "unknown" }, d: { note: "n" }, e: { rating: "0" } }, FOUR);
  assert.deepEqual(Object.keys(kept), ["a", "c", "d"]);
  assert.equal(Object.getPrototypeOf(kept), null);
});

test("each item's ratings, median and range leave out don't know and unanswered; two levels apart is a disagreement", () => {
  const items = ["a", "b", "c", "d", "e", "f"].map((id) => item(id));
  const ama = { a: { rating: "1" }, b: { rating: "2" }, c: { rating: "3" }, d: { rating: "1" }, e: { rating: "2" }, f: { rating: "unknown" } };
  const ben = { a: { rating: "4" }, b: { rating: "3" }, c: { rating: "3" }, d: { rating: "3" }, e: { rating: "3" }, f: { note: "unsure" } };
  const chi = { a: { rating: "2" }, b: { rating: "4" }, c: { rating: "3" }, d: { rating: "unknown" }, f: { rating: "4" } };
  const rows = stats.compareItems(items, [ama, ben, chi], FOUR);
  assert.deepEqual(rows.map((r) => [r.item.id, r.ratings, r.rated, r.median, r.min, r.max, r.apart, r.disagree]), [
    ["a", [1, 4, 2], 3, 2, 1, 4, 3, true],
    ["b", [2, 3, 4], 3, 3, 2, 4, 2, true],
    ["c", [3, 3, 3], 3, 3, 3, 3, 0, false],
    ["d", [1, 3, null], 2, 2, 1, 3, 2, true],
    ["e", [2, 3, null], 2, 2.5, 2, 3, 1, false],
    ["f", [null, null, 4], 1, 4, 4, 4, 0, false],
  ]);
  const none = stats.compareItems([item("z")], [ama, ben], FOUR)[0];
  assert.deepEqual([none.rated, none.median, none.min, none.max, none.apart, none.disagree], [0, null, null, null, 0, false]);
  const order = stats.talkOrder(rows);
  assert.deepEqual(order.first.map((r) => r.item.id), ["a", "b", "d"], "widest apart first, then page order");
  assert.deepEqual(order.rest.map((r) => r.item.id), ["c", "e", "f"]);
});

test("group scores per respondent, and their median, each leaving out what a respondent did not rate", () => {
  const items = [item("a", { group: "s" }), item("b", { group: "s" }), item("c", { group: "o" })];
  const groups = [{ id: "s", title: "Strategic" }, { id: "o", title: "Operational" }];
  /** @type {Answers[]} */
  const sets = [{ a: { rating: "1" }, b: { rating: "2" }, c: { rating: "4" } }, { a: { rating: "4" }, b: { rating: "unknown" } }, { a: { rating: "3" }, b: { rating: "3" }, c: { rating: "2" } }];
  const compared = stats.compareGroups(items, sets, FOUR, groups);
  assert.deepEqual(compared.map((g) => [g.id, g.count, g.scores.map((s) => s.mean), g.median]), [
    ["s", 2, [1.5, 4, 3], 3],
    ["o", 1, [4, null, 2], 3],
    ["", 3, [7 / 3, 4, 8 / 3], 8 / 3],
  ]);
  assert.deepEqual(compared[1].scores.map((s) => s.rated), [1, 0, 1]);
  assert.equal(stats.compareGroups(items, [], FOUR, groups)[0].median, null);
});

test("the combined ranking ranks the median ratings, and gives no fit until half the statements bearing on an outcome have one", () => {
  const outcomes = [{ id: "o", title: "O" }, { id: "p", title: "P" }];
  const items = ["a", "b", "c", "d"].map((id) => item(id, { weights: { o: 1 } })).concat([item("e", { weights: { p: 2 } })]);
  // Each respondent rated only one of o's four statements: no fit for o from anyone alone.
  /** @type {Answers[]} */
  const sets = [{ a: { rating: "4" }, e: { rating: "1" } }, { b: { rating: "1" }, e: { rating: "4" } }, { e: { rating: "unknown" } }];
  for (const answers of sets) assert.equal(stats.ranking(items, answers, FOUR, outcomes).find((r) => r.id === "o")?.percent, null);
  const combined = stats.medianAnswers(stats.compareItems(items, sets, FOUR));
  assert.deepEqual(Object.assign({}, combined), { a: { rating: "4" }, b: { rating: "1" }, e: { rating: "2.5" } });
  const ranked = stats.ranking(items, combined, FOUR, outcomes);
  // Together they rated two of o's four statements (enough); p: its one statement's median 2.5 is half way.
  assert.deepEqual(ranked.map((r) => [r.id, r.percent, r.rated, r.needed]), [["o", 50, 2, 2], ["p", 50, 1, 1]]);
  const fewer = stats.ranking(items, stats.medianAnswers(stats.compareItems(items, [sets[0]], FOUR)), FOUR, outcomes);
  assert.deepEqual(fewer.map((r) => [r.id, r.percent, r.enough]), [["p", 0, true], ["o", null, false]]);
});

test("a response to another version is matched by item id: added, removed and (when it carries texts) reworded", () => {
  const items = [item("a", { text: "We agree on the purpose." }), item("b"), item("new")];
  const answers = { a: { rating: "2" }, b: { rating: "3" }, gone: { rating: "1" } };
  const plain = stats.matchItems(items, answers);
  assert.deepEqual([plain.added.map((it) => it.id), plain.removed, plain.reworded], [["new"], ["gone"], []]);
  // Its list of items tells added from unanswered, and its texts show what was reworded (spacing aside).
  const listed = [{ id: "a", text: "We agree on  the purpose.\n" }, { id: "b", text: "Old wording of b" }, { id: "gone", text: "Gone" },
    { id: "dropped", text: "Never answered, since removed" }];
  const full = stats.matchItems(items, { b: { rating: "3" } }, listed);
  assert.deepEqual([full.added.map((it) => it.id), full.removed, full.reworded.map((it) => it.id)], [["new"], ["gone", "dropped"], ["b"]]);
  const same = stats.matchItems(items, { a: { rating: "1" }, b: {}, new: { rating: "unknown" } });
  assert.deepEqual([same.added, same.removed, same.reworded], [[], [], []]);
});

test("a mean rating in words: the nearest level as shown, or the two it lies halfway between", () => {
  assert.equal(stats.levelWords(SCALE, 2.96), "Established");
  assert.equal(stats.levelWords(SCALE, 1.4), "Absent");
  // 2.46 and 2.53 both show as 2.5: both lie halfway, so neither is called "Emerging" nor "Established" alone.
  assert.equal(stats.levelWords(SCALE, 2.46), "between Emerging and Established");
  assert.equal(stats.levelWords(SCALE, 2.53), "between Emerging and Established");
});
