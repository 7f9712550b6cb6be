// @ts-check
// Unit tests of how Compare reads responses (checklist-compare.js, its pure part): node --test tests/js
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../ext/sphinx_checklist/static/checklist-core.js");
const exp = require("../../ext/sphinx_checklist/static/checklist-export.js");
const compare = require("../../ext/sphinx_checklist/static/checklist-compare.js");

/** The page as reading sees it (a Context of checklist-compare.js). @type {any} */
const ctx = {
  core, checklist: "fit", title: "Fit assessment", format: exp.COPY_FORMAT, now: "2026-05-01T10:00:00.000Z", parseShare: exp.parseShare,
  scale: { levels: [{ value: 1, label: "Absent" }, { value: 2, label: "Emerging" }, { value: 3, label: "Established" }], unknown: "Don't know" },
  labels: new Map([["leadership", "Leaders back it"], ["budget", "A budget"]]),
};

/** @param {object} items @param {object} [extra] */
const file = (items, extra) => JSON.stringify({ format: 1, type: "checklist-run", checklist: "fit", run: { name: "My copy", updated: "t1", items }, ...extra });

test("two files alike in name and size differ by content; the same content is the same response", () => {
  const a = compare.readExport("a.json", file({ leadership: { rating: "1" } }), ctx);
  const b = compare.readExport("b.json", file({ leadership: { rating: "3" } }), ctx);
  const again = compare.readExport("c.json", file({ leadership: { rating: "1" } }), ctx);
  assert.ok(a.response && b.response && again.response);
  assert.notEqual(a.response.key, b.response.key);
  assert.equal(a.response.key, again.response.key);
  const roster = new compare.Roster();
  const problems = roster.add([{ who: "a.json", response: a.response }, { who: "b.json", response: b.response }, { who: "c.json", response: again.response }]);
  assert.deepEqual(roster.list.map((r) => r.name), ["My copy", "My copy (2)"]);
  assert.equal(problems.length, 1);
  assert.match(problems[0].who + ": " + problems[0].text, /^c\.json: it holds the same answers.*counted once/);
});

test("what cannot be used is named with what is wrong", () => {
  const cases = [
    [file({}), "empty", /no answers/],
    [file({ leadership: { rating: 9 } }), "off-scale", /not on this page's scale/],
    [file({ leadership: { note: "x" } }), "no-ratings", /rates none/],
    [file({ leadership: { rating: "1" } }, { format: 99 }), "newer", /newer version/],
    [file({ leadership: { rating: "1" } }, { format: -1 }), "format", /format number/],
    [file({ leadership: { rating: "1" } }, { checklist: "tasks" }), "other-checklist", /“tasks”/],
    ["Ama: 1", "not-json", /not JSON/],
    ["\u0089PNG\u0000\u0001\uFFFD", "binary", /not a text file/],
  ];
  for (const [text, reason, words] of cases) {
    const read = compare.readExport("x.json", /** @type {string} */ (text), ctx);
    assert.equal(read.response, undefined);
    assert.equal(read.problem && read.problem.reason, reason);
    assert.match(read.problem ? read.problem.text : "", /** @type {RegExp} */ (words));
  }
  const partly = compare.readExport("w.json", file({ leadership: { rating: "7" }, budget: { rating: 2 } }), ctx);
  assert.ok(partly.response && partly.warning);
  assert.equal(partly.response.answers.budget.rating, "2");  // a number read as the text pages write
  assert.match(partly.warning.text, /“Leaders back it” "7"/);
  assert.match(compare.readLink("Link 1", "https://x.org/#share=fit~%%%", ctx).problem?.text || "", /damaged/);
  assert.match(compare.readLink("Link 2", "not a link", ctx).problem?.text || "", /not a share link/);
});
