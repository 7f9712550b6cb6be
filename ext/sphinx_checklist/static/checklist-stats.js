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

  /* The scale's word nearest a mean rating as shown (one decimal), or "between A and B" when it lies halfway: two
   * means shown alike always get the same words. */
  /** @param {Scale} scale @param {number} mean */
  function levelWords(scale, mean) {
    const shown = Math.round(mean * 10) / 10;
    const gap = Math.min(...scale.levels.map((lv) => Math.abs(lv.value - shown)));
    const near = scale.levels.filter((lv) => Math.abs(lv.value - shown) - gap < 1e-9).map((lv) => lv.label);
    return near.length > 1 ? "between " + near.join(" and ") : near[0];
  }

  /** The short label of an item in results and comparisons. @param {Item} item */
  const shortLabel = (item) => item.summary || item.text;

  /** Whether an assessment ranks its outcomes: it has some, and statements weigh towards them. @param {Item[]} items @param {Named[]} outcomes */
  const ranksOutcomes = (items, outcomes) => outcomes.length > 0 && items.some((it) => it.weights);

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

  /* ---- Compare: several respondents' answers to one checklist ---- */

  /* Ratings this many levels apart or more mark an item to talk about first. */
  const DISAGREEMENT = 2;

  /** The middle value, or the mean of the middle two for an even count; null for none. @param {number[]} values */
  function median(values) {
    if (!values.length) return null;
    const sorted = values.slice().sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /* How many of the scale's levels lie above `low`, up to `high`: its steps, whatever values the levels have. */
  /** @param {Scale} scale @param {number} low @param {number} high */
  function levelsApart(scale, low, high) {
    return scale.levels.filter((lv) => lv.value > low && lv.value <= high).length;
  }

  /**
   * The answers whose rating is a level of the scale or "don't know": a response from elsewhere (another version, an
   * edited file) may carry ratings this scale does not have, which would put a score off the scale.
   * @param {Answers} answers @param {Scale} scale @returns {Answers}
   */
  function onScale(answers, scale) {
    /** @type {Answers} */
    const out = Object.create(null);
    for (const id of Object.keys(answers)) {
      const rating = answers[id].rating;
      if (rating === undefined || rating === "unknown" || scale.levels.some((lv) => String(lv.value) === rating)) out[id] = answers[id];
    }
    return out;
  }

  /**
   * Each item across the respondents (one Answers each, in order): their ratings (null: unanswered or "don't know",
   * left out of the rest), how many rated it, the median, the lowest and highest rating, how many levels apart those
   * are, and whether that is DISAGREEMENT levels or more (`disagree`). `index`: the item's place on the page.
   * @template {Item} T @param {T[]} items @param {Answers[]} answerSets @param {Scale} scale
   */
  function compareItems(items, answerSets, scale) {
    return items.map((item, index) => {
      const ratings = answerSets.map((answers) => ratingOf(answers[item.id]));
      const given = /** @type {number[]} */ (ratings.filter((r) => r !== null));
      const min = given.length ? Math.min(...given) : null;
      const max = given.length ? Math.max(...given) : null;
      const apart = min === null || max === null ? 0 : levelsApart(scale, min, max);
      return { item, index, ratings, rated: given.length, median: median(given), min, max, apart, disagree: apart >= DISAGREEMENT };
    });
  }

  /**
   * The order to talk in: `first`, the items rated DISAGREEMENT levels apart or more, the widest apart first, then in
   * page order; `rest`, every other item in page order.
   * @template {{index: number, apart: number, disagree: boolean}} R @param {R[]} rows
   */
  function talkOrder(rows) {
    return {
      first: rows.filter((r) => r.disagree).sort((a, b) => b.apart - a.apart || a.index - b.index),
      rest: rows.filter((r) => !r.disagree).sort((a, b) => a.index - b.index),
    };
  }

  /**
   * Each group, then Overall, as groupScores gives them: each respondent's score (`scores`, one groupScores entry each)
   * and `median`, the median of the respondents' mean ratings (those who rated something in the group).
   * @param {Item[]} items @param {Answers[]} answerSets @param {Scale} scale @param {Named[]} groups
   */
  function compareGroups(items, answerSets, scale, groups) {
    const each = answerSets.map((answers) => groupScores(items, answers, scale, groups));
    return groupScores(items, {}, scale, groups).map((group, i) => {
      const scores = each.map((s) => s[i]);
      const means = /** @type {number[]} */ (scores.map((s) => s.mean).filter((m) => m !== null));
      return { id: group.id, title: group.title, count: group.count, scores, median: median(means) };
    });
  }

  /**
   * The median rating of each item that someone rated, as answers ({rating: "2.5"}): what the combined ranking ranks.
   * @param {{item: Item, median: number | null}[]} rows from compareItems
   */
  function medianAnswers(rows) {
    /** @type {Answers} */
    const answers = Object.create(null);
    for (const row of rows) if (row.median !== null) answers[row.item.id] = { rating: String(row.median) };
    return answers;
  }

  /**
   * A response, perhaps to an older version of the checklist, matched to the page's items by id. `listed`: the items
   * the response carries (id and text), when it carries them. `added`: the page's items not in the response (not
   * listed; without a list, not answered); `removed`: the ids the response lists or answers that the page does not
   * have; `reworded`: the page's items whose text differs from the text the response carries (spaces aside).
   * @template {Item} T @param {T[]} items @param {Answers} answers @param {{id: string, text?: string}[] | null} [listed]
   */
  function matchItems(items, answers, listed) {
    const texts = new Map((listed || []).map((x) => [x.id, x.text]));
    const theirs = new Set(Object.keys(answers).concat(Array.from(texts.keys())));
    const ours = new Set(items.map((it) => it.id));
    const words = (/** @type {string} */ t) => t.replace(/\s+/g, " ").trim();
    return {
      added: items.filter((it) => !theirs.has(it.id)),
      removed: Array.from(theirs).filter((id) => !ours.has(id)),
      reworded: items.filter((it) => {
        const text = texts.get(it.id);
        return typeof text === "string" && words(text) !== words(it.text);
      }),
    };
  }

  return {
    ratingOf, scaleRange, levelWords, shortLabel, ranksOutcomes, groupScores, lowestItems, rankingMinimum, ranking,
    DISAGREEMENT, median, levelsApart, onScale, compareItems, talkOrder, compareGroups, medianAnswers, matchItems,
  };
});
