// @ts-check
/* The results of an assessment, drawn and explained: group scores on the scale's own words, the weakest items
 * (where a low rating means weak), and the fit of each outcome with what raised and lowered it. checklist.js
 * loads this file (bundled after checklist-stats.js) once an assessment on the page has a rating to show, so
 * the pages most visits read, and blank assessments, do not download it. Compare (checklist-compare.js) draws
 * its charts with barChart. Charts are inline SVG with role="img", a title and a description that reads the
 * numbers out; the same numbers are in a table beside each chart. */

/**
 * One bar of a chart: `value` from 0 to 1 (null: no bar, the text says why), `text` what the bar says in words.
 * `marks` (Compare): other values drawn as ticks on the same row, such as each respondent's rating, each with its
 * `short` name (a letter) written under it.
 * @typedef {{label: string, value: number | null, text: string, marks?: {value: number, label: string, short?: string}[]}} Bar
 */
/**
 * @typedef {object} Chart
 * @property {string} title what the chart shows (the SVG's title)
 * @property {Bar[]} bars
 * @property {string[]} ticks the scale's words from low to high, spaced evenly along the bars
 * @property {string[][]} [table] the numbers as table rows, the first row the column headings
 */

(function () {
  "use strict";
  const win = /** @type {any} */ (window);
  const SVG = "http://www.w3.org/2000/svg";
  let uid = 0;

  /** @param {PageHelpers} page */
  win.ChecklistResults = function (page) {
    const stats = /** @type {typeof import("./checklist-stats.js")} */ (win.ChecklistStats);
    const { el, core } = page;

    /** @param {string} tag @param {Record<string, string | number>} attrs @param {(Node | string)[]} [children] */
    function svg(tag, attrs, children) {
      const node = document.createElementNS(SVG, tag);
      for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
      for (const child of children || []) node.append(child);
      return node;
    }

    const pct = (/** @type {number} */ v) => (100 * v).toFixed(2) + "%";

    /* Each bar on a row of its own, its label and words on two lines above it, so nothing is cut on a phone; the scale's words
     * along the top, at the positions of its levels. Sizes in percent of the width and in px of height. */
    /** @param {Chart} chart @returns {HTMLElement} */
    function barChart(chart) {
      const id = "checklist-chart-" + ++uid;
      // A chart with marks (Compare) has a line under each bar for the marks' letters.
      // Label, then what the bar says on a line of its own (beside it, the two overlap on a phone), then the bar.
      const ROW = chart.bars.some((b) => b.marks && b.marks.length) ? 75 : 61;
      const top = 22;
      const height = top + chart.bars.length * ROW + 4;
      const desc = chart.bars.map((b) => b.label + ": " + b.text).join(". ") + ".";
      const image = svg("svg", { role: "img", "aria-labelledby": id + "-t " + id + "-d", width: "100%", height, class: "checklist-chart" }, [
        svg("title", { id: id + "-t" }, [chart.title]),
        svg("desc", { id: id + "-d" }, [desc]),
      ]);
      const last = chart.ticks.length - 1;
      chart.ticks.forEach((word, i) => {
        const at = last ? i / last : 0;
        image.append(
          svg("line", { x1: pct(at), x2: pct(at), y1: top - 4, y2: height, class: "checklist-chart-grid" }),
          svg("text", { x: pct(at), y: 12, "text-anchor": i === 0 ? "start" : i === last ? "end" : "middle", class: "checklist-chart-tick" }, [word]));
      });
      chart.bars.forEach((bar, i) => {
        const y = top + i * ROW;
        image.append(svg("text", { x: 0, y: y + 16, class: "checklist-chart-label" }, [bar.label]),
          svg("text", { x: 0, y: y + 33, class: "checklist-chart-value" }, [bar.text]),
          svg("rect", { x: 0, y: y + 39, width: "100%", height: 14, class: "checklist-chart-track" }));
        if (bar.value !== null) image.append(svg("rect", { x: 0, y: y + 39, width: pct(Math.max(bar.value, 0.005)), height: 14, class: "checklist-chart-bar" }));
        /** @type {Map<string, string[]>} the letters of the marks at each place, written once together */
        const letters = new Map();
        for (const mark of bar.marks || []) {
          image.append(svg("line", { x1: pct(mark.value), x2: pct(mark.value), y1: y + 36, y2: y + 56, class: "checklist-chart-mark" }, [svg("title", {}, [mark.label])]));
          if (mark.short) letters.set(pct(mark.value), (letters.get(pct(mark.value)) || []).concat(mark.short));
        }
        letters.forEach((names, x) => image.append(svg("text", { x, y: y + 69, "text-anchor": "middle", class: "checklist-chart-tick", "aria-hidden": "true" }, [names.join(" ")])));
      });
      const figure = el("figure", { class: "checklist-figure" }, [image]);
      if (chart.table) {
        const [head, ...rows] = chart.table;
        figure.append(el("details", { class: "checklist-chart-numbers" }, [el("summary", { text: "The numbers as a table" }),
          el("table", { class: "checklist-score-table" }, [
            el("thead", {}, [el("tr", {}, head.map((h) => el("th", { scope: "col", text: h })))]),
            el("tbody", {}, rows.map((r) => el("tr", {}, r.map((cell, j) => el(j ? "td" : "th", j ? { text: cell } : { scope: "row", text: cell }))))),
          ])]));
      }
      return figure;
    }

    /* The words of a mean rating, and the mean on the scale: about Emerging (2.3 on 1–4). */
    /** @param {import("./checklist-core.js").Scale} scale @param {number} mean */
    function inWords(scale, mean) {
      const range = stats.scaleRange(scale);
      const words = stats.levelWords(scale, mean);
      return (words.startsWith("between") ? words : "about " + words) + " (" + mean.toFixed(1) + " on " + range.min + "–" + range.max + ")";
    }

    /** @param {PageController} c */
    function groupChart(c) {
      const scale = /** @type {import("./checklist-core.js").Scale} */ (c.meta.scale);
      const range = stats.scaleRange(scale);
      const scores = stats.groupScores(c.items, c.copy().items, scale, c.meta.groups);
      return barChart({
        title: "Average rating by group, on the scale from “" + scale.levels[0].label + "” to “" + scale.levels[scale.levels.length - 1].label + "”",
        ticks: scale.levels.map((lv) => lv.label),
        bars: scores.map((s) => ({
          label: s.title + " (" + s.rated + " of " + s.count + " rated)",
          value: s.mean === null ? null : (s.mean - range.min) / (range.max - range.min),
          text: s.mean === null ? "not rated yet" : inWords(scale, s.mean),
        })),
        table: [["Group", "Average rating", "Nearest level", "Rated"]].concat(scores.map((s) => [s.title,
          s.mean === null ? "–" : s.mean.toFixed(1), s.mean === null ? "–" : stats.levelWords(scale, s.mean),
          s.rated + " of " + s.count])),
      });
    }

    /** @param {PageController} c */
    function fit(c) {
      return stats.ranking(c.items, c.copy().items, /** @type {import("./checklist-core.js").Scale} */ (c.meta.scale), c.meta.outcomes);
    }

    /** @param {ReturnType<typeof fit>[number]} r */
    const fitText = (r) => r.enough ? r.percent + "% fit" : "rate " + (r.needed - r.rated) + " more of its " + r.bearing + " statements";

    /** @param {ReturnType<typeof fit>} ranked */
    function fitChart(ranked) {
      return barChart({
        title: "How well each fits what you said, from no fit to full fit",
        ticks: ["0%", "50%", "100%"],
        bars: ranked.map((r) => ({ label: r.title, value: r.percent === null ? null : r.percent / 100, text: fitText(r) })),
        table: [["Option", "Fit", "Statements rated", "Needed for a fit"]].concat(ranked.map((r) => [r.title,
          r.percent === null ? "–" : r.percent + "%", r.rated + " of " + r.bearing, String(r.needed)])),
      });
    }

    /** @param {PageController} c @param {ReturnType<typeof fit>} ranked */
    function fitDetails(c, ranked) {
      const scale = /** @type {import("./checklist-core.js").Scale} */ (c.meta.scale);
      const answers = c.copy().items;
      /** @param {string} title @param {PageController["items"]} items */
      const bullets = (title, items) => items.length ? [el("p", { class: "checklist-fit-why", text: title }), el("ul", {}, items.slice(0, 3).map((it) =>
        el("li", {}, [el("a", { href: "#" + it.row.id, text: stats.shortLabel(it) }), " (" + core.ratingLabel(scale, answers[it.id].rating) + ")"])))] : [];
      return el("ol", { class: "checklist-ranking" }, ranked.map((r) => el("li", {}, [el("strong", { text: r.title }), ": " + fitText(r)].concat(
        r.enough ? bullets("Raised by", r.raised).concat(bullets("Lowered by", r.lowered)) : []))));
    }

    /** @param {PageController} c */
    function weakest(c) {
      const scale = /** @type {import("./checklist-core.js").Scale} */ (c.meta.scale);
      const low = stats.lowestItems(c.items, c.copy().items, scale, 5);
      if (!low.length) return [];
      return [el("p", { class: "checklist-summary-subtitle", text: "Weakest areas, with what to do" }), el("ul", { class: "checklist-low-list" }, low.map((x) => {
        const row = x.item.row;
        const guidance = row.querySelector(".checklist-low-guidance");
        const source = row.querySelector(".checklist-source a");
        const li = el("li", {}, [el("a", { href: "#" + row.id, text: stats.shortLabel(x.item) }), " — rated “" + core.ratingLabel(scale, String(x.rating)) + "”"]);
        if (guidance) li.append(el("span", { class: "checklist-low-text", text: " " + (guidance.textContent || "").replace(/\s+/g, " ").trim() }));
        if (source) li.append(" ", el("a", { href: /** @type {string} */ (source.getAttribute("href")), text: "Read the guidance" }));
        return li;
      }))];
    }

    /**
     * Draw the results of the copy shown: at a glance at the top (`glance`), in full at the end (`full`).
     * @param {PageController} c @param {HTMLElement} glance @param {HTMLElement} full
     */
    function render(c, glance, full) {
      const scale = /** @type {import("./checklist-core.js").Scale} */ (c.meta.scale);
      /** @type {HTMLElement[]} */
      const parts = [];
      if (stats.ranksOutcomes(c.items, c.meta.outcomes)) {
        const ranked = fit(c);
        glance.replaceChildren(fitChart(ranked));
        parts.push(el("p", { class: "checklist-summary-subtitle", text: "Which fits best" }), fitChart(ranked), fitDetails(c, ranked));
        if (c.meta.groups.length) parts.push(el("p", { class: "checklist-summary-subtitle", text: "By group" }), groupChart(c));
      } else {
        glance.replaceChildren(groupChart(c));
        parts.push(groupChart(c));
      }
      // Guidance on low ratings only where a low rating means something is weak, not just "I disagree".
      if (scale.measures !== "agreement") parts.push(...weakest(c));
      full.replaceChildren(...parts);
    }

    return { render, barChart, inWords };
  };
})();
