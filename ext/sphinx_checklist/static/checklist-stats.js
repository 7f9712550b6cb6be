// @ts-check
/* Pure statistics of assessments: group scores, the items rated low, the weighted ranking of outcomes, and
 * (for Compare) medians, ranges and disagreements across respondents. No DOM here, so `node --test` checks it
 * without a browser. It ships inside checklist-results.js, which a page loads only when an assessment has
 * ratings to show (or Compare is opened): the pages most visits read do not download it. */

(function (root, factory) {
  "use strict";
  const stats = factory();
  if (typeof module === "object" && module.exports) module.exports = stats;
  else /** @type {any} */ (root).ChecklistStats = stats;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  /** @typedef {import("./checklist-core.js").Answer} Answer */
  /** @typedef {import("./checklist-core.js").Answers} Answers */
  /** @typedef {import("./checklist-core.js").Item} Item */
  /** @typedef {import("./checklist-core.js").Scale} Scale */
  /** @typedef {import("./checklist-core.js").Named} Named */

  /** @param {Answer | undefined} answer */
  function ratingOf(answer) {
    if (!answer || typeof answer.rating !== "string" || answer.rating === "unknown") return null;
    const value = Number(answer.rating);
    return Number.isFinite(value) ? value : null;
  }

  /** @param {Scale} scale */
  function scaleRange(scale) {
    const values = scale.levels.map((lv) => lv.value);
    return { min: Math.min(...values), max: Math.max(...values) };
  }

  /* Mean rating per group (and overall), leaving out unanswered and "don't know" items. */
  /** @param {Item[]} items @param {Answers} answers @param {Scale} scale @param {Named[]} groups */
  function groupScores(items, answers, scale, groups) {
    const range = scaleRange(scale);
    /** @param {Item[]} members @param {string} id @param {string} title */
    function summarise(members, id, title) {
      const ratings = /** @type {number[]} */ (members.map((it) => ratingOf(answers[it.id])).filter((r) => r !== null));
      const mean = ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null;
      return {
        id, title, rated: ratings.length, count: members.length, mean,
        percent: mean === null ? null : Math.round((100 * (mean - range.min)) / (range.max - range.min)),
      };
    }
    const out = (groups || []).map((g) => summarise(items.filter((it) => it.group === g.id), g.id, g.title));
    out.push(summarise(items, "", "Overall"));
    return out;
  }

  /* Items rated below low_below, lowest first, then in page order. */
  /** @template {Item} T @param {T[]} items @param {Answers} answers @param {Scale} scale @param {number} [limit] */
  function lowestItems(items, answers, scale, limit) {
    const threshold = scale.low_below == null ? scaleRange(scale).min + 1 : scale.low_below;
    return items
      .map((it, index) => ({ item: it, rating: /** @type {number} */ (ratingOf(answers[it.id])), index }))
      .filter((x) => x.rating !== null && x.rating < threshold)
      .sort((a, b) => a.rating - b.rating || a.index - b.index)
      .slice(0, limit || 5);
  }

  /* The share of the statements bearing on an outcome (weight above 0) that must be rated, not skipped or
   * "don't know", before the outcome gets a fit: with fewer, a few answers would look like a confident ranking. */
  const RANKING_MINIMUM_SHARE = 0.5;

  /** @param {number} bearing the number of statements that bear on an outcome */
  function rankingMinimum(bearing) {
    return Math.max(1, Math.ceil(bearing * RANKING_MINIMUM_SHARE));
  }

  /**
   * The fit of each outcome, as docs/lp/archetypes.md explains it: over the rated statements that bear on it,
   * sum(weight x agreement) / sum(weight), agreement being the rating's share of the scale (0 to 1). An outcome
   * with fewer rated statements than rankingMinimum() gets no fit (percent null, enough false). `raised`: the
   * rated statements above the scale's middle, those that pushed the fit up most first; `lowered`: those below it.
   * Outcomes with a fit come first, highest first; then the others, in the order given.
   * @template {Item} T @param {T[]} items @param {Answers} answers @param {Scale} scale @param {Named[]} outcomes
   */
  function ranking(items, answers, scale, outcomes) {
    const range = scaleRange(scale);
    const results = outcomes.map((outcome, order) => {
      let earned = 0;
      let possible = 0;
      let bearing = 0;
      let rated = 0;
      /** @type {{item: T, pull: number}[]} */
      const pulls = [];
      for (const item of items) {
        const weight = item.weights ? Number(item.weights[outcome.id] || 0) : 0;
        if (!(weight > 0)) continue;
        bearing++;
        const rating = ratingOf(answers[item.id]);
        if (rating === null) continue;
        rated++;
        const agreement = (rating - range.min) / (range.max - range.min);
        earned += weight * agreement;
        possible += weight;
        if (agreement !== 0.5) pulls.push({ item, pull: weight * (agreement - 0.5) });
      }
      const needed = rankingMinimum(bearing);
      const enough = bearing > 0 && rated >= needed;
      pulls.sort((a, b) => Math.abs(b.pull) - Math.abs(a.pull));
      return {
        id: outcome.id, title: outcome.title, order,
        percent: enough ? Math.round((100 * earned) / possible) : null,
        enough, rated, needed, bearing, earned, possible,
        raised: pulls.filter((p) => p.pull > 0).map((p) => p.item),
        lowered: pulls.filter((p) => p.pull < 0).map((p) => p.item),
      };
    });
    results.sort((a, b) => (b.percent === null ? -1 : b.percent) - (a.percent === null ? -1 : a.percent) || a.order - b.order);
    return results;
  }

  return { ratingOf, scaleRange, groupScores, lowestItems, rankingMinimum, ranking };
});
