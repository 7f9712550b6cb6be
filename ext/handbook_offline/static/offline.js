/* Registers the handbook's service worker and adds "Keep for offline reading" to the foot of every page
 * (handbook_offline's docstring says what is kept when). */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const root = document.documentElement.dataset.content_root || "";
  // Named after the site's folder, as the worker's caches are: /prod/ and /preview/ choose apart.
  const KEY = "clh:offline:" + new URL(root || "./", location.href).pathname;

  function remembered() {
    try {
      const value = JSON.parse(localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};  // storage switched off or unreadable: nothing remembered
    }
  }

  function remember(change) {
    try {
      localStorage.setItem(KEY, JSON.stringify(Object.assign(remembered(), change)));
    } catch (e) { /* storage off or full: the worker still remembers the choice */ }
  }

  // Read before this view is counted: the background rule never fills the copy on the first page view.
  const seenBefore = remembered().visited === true;
  if (!seenBefore) remember({ visited: true });

  function savingData() {
    return Boolean(navigator.connection && navigator.connection.saveData);
  }

  /* Ask the active worker; resolves with its answer, calling progress(message) on the way. */
  function ask(worker, type, progress) {
    return new Promise(function (resolve, reject) {
      if (!worker) { reject(new Error("the offline worker is not running")); return; }
      const channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        const data = event.data || {};
        if (data.type === "progress") { if (progress) progress(data); return; }
        channel.port1.close();
        if (data.type === "error") reject(new Error(data.message)); else resolve(data);
      };
      worker.postMessage({ type: type }, [channel.port2]);
    });
  }

  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(1) + " MB";
  }

  function describe(s, chosen) {
    if (s.total && s.kept >= s.total) return "Kept for offline reading: " + s.total + " files, every page of the handbook.";
    if (chosen) {
      return "Kept for offline reading: " + s.kept + " of " + s.total + " files so far; the rest are fetched " +
        "when you next open a page online.";
    }
    const whole = "Keep the whole handbook (" + s.total + " files, up to " + megabytes(s.bytes) + ") to read any page offline.";
    return (s.kept ? "The pages you have read are kept (" + s.kept + " of " + s.total + " files). "
      : "Pages you open from now on are kept as you read them. ") + whole;
  }

  function build() {
    const box = document.createElement("div");
    box.className = "handbook-offline";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "handbook-offline-button";
    button.id = "handbook-offline-button";
    const status = document.createElement("p");
    status.className = "handbook-offline-status";
    status.id = "handbook-offline-status";
    status.setAttribute("role", "status");  // polite: says what happened without interrupting
    button.setAttribute("aria-describedby", status.id);
    box.append(button, status);
    return { box: box, button: button, status: status };
  }

  function place(box) {
    // Furo's footer, above the copyright line: the same place on every page, at every width.
    const bottom = document.querySelector("footer .bottom-of-page");
    if (bottom) bottom.before(box);
    else (document.querySelector("footer") || document.body).append(box);
  }

  function start(registration) {
    const ui = build();
    let chosen = false;
    let busy = false;
    function worker() { return registration.active; }

    function render(s, text) {
      ui.button.textContent = chosen ? "Stop keeping the offline copy" : "Keep for offline reading";
      const words = text || describe(s, chosen);
      if (ui.status.textContent !== words) ui.status.textContent = words;  // the same words are not announced again
    }

    function run(type) {
      busy = true;
      ui.button.setAttribute("aria-disabled", "true");  // not disabled: the button keeps the focus
      ui.status.setAttribute("aria-busy", "true");  // announce the outcome, not every step
      if (type === "keep") ui.status.textContent = "Keeping for offline reading…";
      return ask(worker(), type, function (p) {
        ui.status.textContent = "Keeping for offline reading: " + p.kept + " of " + p.total + " files…";
      }).then(function (s) {
        chosen = type === "keep";
        render(s, type === "drop" ? "The offline copy is removed. Pages you open from now on are kept as you read them."
          : s.kept < s.total ? "Could not keep every file: " + s.kept + " of " + s.total + " kept (is the connection down?). " +
            "The rest are fetched when you next open a page online." : null);
      }, function (error) {
        render({ kept: 0, total: 0, bytes: 0 }, "Could not keep the handbook for offline reading: " + error.message + ".");
      }).finally(function () {
        busy = false;
        ui.button.removeAttribute("aria-disabled");
        ui.status.removeAttribute("aria-busy");
      });
    }

    ui.button.addEventListener("click", function () {
      if (busy) return;
      remember({ keep: !chosen });
      // Asked for, the copy should outlast the browser's clearing of storage when space runs low.
      if (!chosen && navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      run(chosen ? "drop" : "keep");
    });

    /* The copy as the worker has it: fill it when the reader chose to keep it, or when the background rule allows. */
    function sync(first) {
      return ask(worker(), "status").then(function (s) {
        chosen = remembered().keep === true || (remembered().keep !== false && s.chosen);
        render(s);
        if (first) place(ui.box);  // inserted with its words, which are then not announced as news
        if (s.kept >= s.total || busy) return;
        if (chosen) {
          run("keep");
        } else if (seenBefore && !savingData()) {
          const later = window.requestIdleCallback || function (fn) { setTimeout(fn, 2000); };
          later(function () { ask(worker(), "fill").catch(function () { /* tried again on the next page */ }); });
        }
      });
    }

    sync(true).catch(function () { /* no answer from the worker: reading online still works */ });
    // A new build's worker took over: it kept the whole copy if chosen; see what it holds.
    navigator.serviceWorker.addEventListener("controllerchange", function () { sync(false).catch(function () {}); });
  }

  window.addEventListener("load", function () {
    // Past the HTTP cache: a cached sw.js would keep the previous build's list and version.
    navigator.serviceWorker.register(root + "sw.js", { updateViaCache: "none" }).catch(function () { /* reading online still works */ });
    navigator.serviceWorker.ready.then(start);
  });
})();
