/* Service worker of the handbook, written by handbook_offline at build time. */
"use strict";
const VERSION = __VERSION__;
const FILES = __FILES__;
const CACHE = "handbook-" + VERSION;
const scope = new URL(self.registration.scope);

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(FILES.map(function (f) { return new URL(f, scope).href; }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.startsWith("handbook-") && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

/* Network first, so the newest build is read when online; the kept copy when not. */
self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== scope.origin) return;
  event.respondWith(fetch(request).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      const url = new URL(request.url);
      // A folder address ("/", "/cop/") is its index.html in the copy.
      if (url.pathname.endsWith("/")) url.pathname += "index.html";
      return cache.match(url.href, { ignoreSearch: true });
    }).then(function (hit) { return hit || Response.error(); });
  }));
});
