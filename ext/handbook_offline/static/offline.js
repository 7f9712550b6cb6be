/* Registers the handbook's service worker, which keeps a copy of every page for reading offline. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const root = document.documentElement.dataset.content_root || "";
  window.addEventListener("load", function () {
    // Past the HTTP cache: a cached sw.js would keep the previous build's list and version.
    navigator.serviceWorker.register(root + "sw.js", { updateViaCache: "none" }).catch(function () { /* reading online still works */ });
  });
})();
