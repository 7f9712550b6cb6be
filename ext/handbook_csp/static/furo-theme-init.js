/* Furo's colour-theme choice, applied before the page paints (was an inline script).
 *
 * When the browser switches storage off, reading window.localStorage throws, and the theme's scripts
 * use it unguarded: furo.js when the theme button is pressed, Sphinx's sphinx_highlight.js on every
 * page load (its search terms). So, then, window.localStorage becomes a stand-in that keeps those
 * two keys for this page only and refuses every other key exactly as the browser would: the
 * checklist and offline scripts still learn that nothing can be saved, and say so, instead of
 * trusting a store that forgets. */
(function () {
  "use strict";

  function readable() {
    try {
      const storage = window.localStorage;
      storage.getItem("theme");
      return storage;
    } catch (e) {
      return null;
    }
  }

  function refuse() {
    throw new DOMException("The browser's storage is switched off", "SecurityError");
  }

  // Keys the theme reads unguarded; losing them with the page costs a colour choice or a highlight.
  const PAGE_ONLY_KEYS = ["theme", "sphinx_highlight_terms"];

  function pageOnlyStorage() {
    /** @type {Map<string, string>} */
    const kept = new Map();
    /** @param {string} key */
    function allowed(key) {
      if (PAGE_ONLY_KEYS.indexOf(key) < 0) refuse();
      return true;
    }
    return {
      getItem: function (/** @type {string} */ key) { return allowed(key) && kept.has(key) ? kept.get(key) : null; },
      setItem: function (/** @type {string} */ key, /** @type {string} */ value) { if (allowed(key)) kept.set(key, String(value)); },
      removeItem: function (/** @type {string} */ key) { if (allowed(key)) kept.delete(key); },
      key: refuse,
      clear: refuse,
      get length() { return refuse(); },
    };
  }

  let storage = readable();
  if (!storage) {
    try {
      const standIn = pageOnlyStorage();
      Object.defineProperty(window, "localStorage", { configurable: true, get: function () { return standIn; } });
    } catch (e) { /* cannot be replaced: furo's theme button then fails, the page still reads */ }
  }
  document.body.dataset.theme = (storage && storage.getItem("theme")) || "auto";
})();
