/* Registers the handbook's service worker, which keeps a copy of every page for reading offline. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const root = document.documentElement.dataset.content_root || "";
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js").catch(function () { /* reading online still works */ });
  });
})();
