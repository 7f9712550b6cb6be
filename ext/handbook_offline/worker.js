/* Service worker of the handbook, written by handbook_offline at build time. */
"use strict";
const VERSION = __VERSION__;
const FILES = __FILES__;
const scope = new URL(self.registration.scope);
// One origin may serve several builds (/prod/, /preview/): each names its caches after its own folder
// and clears only those, never another build's copy.
const PREFIX = "handbook:" + scope.pathname + ":";
const CACHE = PREFIX + VERSION;
const KEPT = new Set(FILES.map(function (f) { return new URL(f, scope).href; }));

/* The address a page is kept under: no query or fragment, and a folder ("/", "/cop/") is its index.html. */
function copyKey(url) {
  const key = new URL(url);
  key.search = key.hash = "";
  if (key.pathname.endsWith("/")) key.pathname += "index.html";
  return key.href;
}

/* Past the HTTP cache, which behind an ordinary max-age would hand back the previous build.
 * A navigation request cannot be copied with new options, so it is fetched again by its address. */
function fresh(request) {
  if (request.mode !== "navigate") return fetch(new Request(request, { cache: "no-cache" }));
  return fetch(request.url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    // A navigation may not be answered with a response that followed a redirect ("/cop" to "/cop/"):
    // send the browser the redirect itself instead.
    return response.redirected ? Response.redirect(response.url, 302) : response;
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(Array.from(KEPT, function (url) { return new Request(url, { cache: "reload" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

/* Caches named before they carried the folder ("handbook-<version>") are removed only when they hold
 * this build's own front page, so another build's copy is never lost. */
function isOldCopy(name) {
  if (name.startsWith(PREFIX)) return Promise.resolve(name !== CACHE);
  if (!/^handbook-[0-9a-f]{16}$/.test(name)) return Promise.resolve(false);
  return caches.open(name).then(function (cache) { return cache.match(copyKey(scope)); }).then(Boolean);
}

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) {
      return isOldCopy(name).then(function (old) { return old && caches.delete(name); });
    }));
  }).then(function () { return self.clients.claim(); }));
});

/* Network first, so the newest build is read when online, and what arrives refreshes the kept copy;
 * the kept copy when the network is gone. */
self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== scope.origin) return;
  const key = copyKey(request.url);
  event.respondWith(fresh(request).then(function (response) {
    if (response.status === 200 && response.type === "basic" && !response.redirected && KEPT.has(key)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(key, copy); }));
    }
    return response;
  }, function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(key, { ignoreSearch: true });
    }).then(function (hit) { return hit || Response.error(); });
  }));
});
