/* Service worker of the handbook, written by handbook_offline at build time (its docstring says what is kept when). */
"use strict";
const VERSION = __VERSION__;
// The whole copy: every page and what pages load. LINKED: what pages only link to (PDFs), kept once opened.
const FILES = __FILES__;
const LINKED = __LINKED__;
const BYTES = __BYTES__;
const scope = new URL(self.registration.scope);
// One origin may serve several builds (/prod/, /preview/): each names its caches after its own folder
// and clears only those, never another build's copy.
const PREFIX = "handbook:" + scope.pathname + ":";
const CACHE = PREFIX + VERSION;
// The reader's choice to keep the whole copy: a cache of its own, so that it outlives each build's copy.
const CHOICE = PREFIX + "choice";
const CHOICE_KEY = new URL("handbook-offline-choice", scope).href;
const WHOLE = FILES.map(function (f) { return new URL(f, scope).href; });
const KEPT = new Set(WHOLE.concat(LINKED.map(function (f) { return new URL(f, scope).href; })));
const AT_ONCE = 6;  // requests in flight while filling the copy, as a browser opens per host

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

function keepable(response) {
  return response.status === 200 && response.type === "basic" && !response.redirected;
}

function chosen() {
  return caches.open(CHOICE).then(function (cache) { return cache.match(CHOICE_KEY); }).then(Boolean);
}

function savingData() {
  return Boolean(self.navigator.connection && self.navigator.connection.saveData);
}

/* Fetch each of `urls` into `cache`, AT_ONCE at a time, past the HTTP cache; calls progress(done) after each.
 * Resolves with the addresses that could not be fetched: one failure does not stop the rest. */
function fetchInto(cache, urls, progress) {
  const failed = [];
  let next = 0;
  let done = 0;
  function one() {
    if (next >= urls.length) return Promise.resolve();
    const url = urls[next++];
    return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
      if (!keepable(response)) throw new Error("HTTP " + response.status);
      return cache.put(url, response);
    }).catch(function () { failed.push(url); }).then(function () {
      done += 1;
      if (progress) progress(done);
      return one();
    });
  }
  const runners = [];
  for (let i = 0; i < Math.min(AT_ONCE, urls.length); i++) runners.push(one());
  return Promise.all(runners).then(function () { return failed; });
}

/* A new build: with the reader's choice, the whole copy is fetched before this worker takes over, as one
 * (addAll stores every file or none, and a failed install leaves the previous worker and its copy in place).
 * Without it, what the previous copy held is fetched again, so pages already read still open offline. */
function carryOver(cache, fetched) {
  return caches.keys().then(function (names) {
    const older = names.filter(function (name) { return isVersion(name) && name !== CACHE; });
    return Promise.all(older.map(function (name) {
      return caches.open(name).then(function (old) { return old.keys(); });
    }));
  }).then(function (lists) {
    const held = new Set();
    lists.forEach(function (requests) {
      requests.forEach(function (r) { if (KEPT.has(r.url) && !fetched.has(r.url)) held.add(r.url); });
    });
    return fetchInto(cache, Array.from(held));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(Promise.all([caches.open(CACHE), chosen()]).then(function (both) {
    const cache = both[0];
    if (both[1]) {
      return cache.addAll(WHOLE.map(function (url) { return new Request(url, { cache: "no-cache" }); }))
        .then(function () { return carryOver(cache, new Set(WHOLE)); });  // and the PDFs the reader opened
    }
    return savingData() ? null : carryOver(cache, new Set());
  }).then(function () { return self.skipWaiting(); }));
});

function isVersion(name) {
  return name.startsWith(PREFIX) && /^[0-9a-f]{16}$/.test(name.slice(PREFIX.length));
}

/* Caches named before they carried the folder ("handbook-<version>") are removed only when they hold
 * this build's own front page, so another build's copy is never lost. */
function isOldCopy(name) {
  if (name.startsWith(PREFIX)) return Promise.resolve(isVersion(name) && name !== CACHE);
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

/* Network first, so the newest build is read when online, and what arrives is kept (when a list names it);
 * the kept copy when the network is gone. */
self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== scope.origin) return;
  const key = copyKey(request.url);
  event.respondWith(fresh(request).then(function (response) {
    if (keepable(response) && KEPT.has(key)) {
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

/* How much of the whole copy is kept. */
function status() {
  return Promise.all([caches.open(CACHE).then(function (cache) { return cache.keys(); }), chosen()]).then(function (both) {
    const held = new Set(both[0].map(function (r) { return r.url; }));
    const kept = WHOLE.filter(function (url) { return held.has(url); }).length;
    return { type: "status", kept: kept, total: WHOLE.length, bytes: BYTES, chosen: both[1] };
  });
}

// One fill at a time, whichever page asks; every page that asks hears its progress.
let filling = null;
const listeners = new Set();

function fill() {
  if (filling) return filling;
  filling = caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      const held = new Set(requests.map(function (r) { return r.url; }));
      const missing = WHOLE.filter(function (url) { return !held.has(url); });
      const before = WHOLE.length - missing.length;
      return fetchInto(cache, missing, function (done) {
        listeners.forEach(function (port) {
          port.postMessage({ type: "progress", kept: before + done, total: WHOLE.length });
        });
      });
    });
  }).then(function () { return status(); }).finally(function () { filling = null; });
  return filling;
}

/* Messages of offline.js, each with a port for the answer: "status"; "keep" (remember the choice and fill the
 * copy); "fill" (fill it without the choice: the background rule, checked by the page); "drop" (forget the
 * choice and remove the copy, which the pages read next start again). */
self.addEventListener("message", function (event) {
  const port = event.ports[0];
  const type = event.data && event.data.type;
  if (!port) return;
  let work;
  if (type === "status") {
    work = status();
  } else if (type === "fill" && savingData()) {
    work = status();  // the page checks this too; a worker may see the setting change first
  } else if (type === "keep" || type === "fill") {
    listeners.add(port);
    const remember = type === "keep" ? caches.open(CHOICE).then(function (cache) {
      return cache.put(CHOICE_KEY, new Response("keep"));
    }) : Promise.resolve();
    work = remember.then(fill).finally(function () { listeners.delete(port); });
  } else if (type === "drop") {
    work = caches.delete(CHOICE).then(function () { return caches.delete(CACHE); }).then(status);
  } else {
    return;
  }
  event.waitUntil(work.then(function (answer) { port.postMessage(answer); }, function (error) {
    port.postMessage({ type: "error", message: String(error) });
  }));
});
