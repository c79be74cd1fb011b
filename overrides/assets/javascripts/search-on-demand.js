/* The search index on demand.
 *
 * Material's bundle requests the search index (search/search_index.json, the text of every
 * page: the largest file a visit loads) the moment it starts, while the page is still being
 * drawn, even when the learner never searches. This script runs just before the bundle
 * (overrides/main.html) and holds that one request until the learner turns to search: the
 * search box or button is focused, pressed or pointed at, the search panel opens, or the page
 * was opened from a search result (?h=..., whose words Material highlights). Search then
 * works as before; on a slow connection it says "Initializing search" while the index loads.
 * The offline copy (file://) loads the index another way, when search opens; nothing changes there.
 * The same goes for the search worker, the next largest file: Material creates it at start,
 * and a stand-in creates the real worker (and so fetches its script) only when the first
 * message is sent to it, which is the index, once it has loaded.
 * tests/browser/test_narrow_screen.py checks both: no index and no worker before search,
 * results after.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var SEARCH = ".md-search, [data-pacer-for='__search'], label[for='__search']";
  var wanted = /[?&]h=/.test(window.location.search);
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.pacerSearchIndex = INDEX.test(new URL(String(url), window.location.href).pathname);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.pacerSearchIndex && !wanted) {
      held.push({ request: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (item) {
      send.apply(item.request, item.args);
    });
  }

  function onSearch(event) {
    var target = event.target;
    if (target && target.closest && target.closest(SEARCH)) release();
  }

  ["focusin", "pointerdown", "pointerover"].forEach(function (type) {
    document.addEventListener(type, onSearch, true);
  });
  /* The panel opening (a search key, or the header's search button) */
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);

  /* A worker that starts on its first message. Material only listens to it and sends it
     messages (RxJS fromEvent needs addEventListener and removeEventListener). */
  var Worker = window.Worker;
  if (!Worker) return;
  window.Worker = function OnDemandWorker(url, options) {
    var worker = null, listeners = [];
    function started() {
      if (!worker) {
        worker = new Worker(url, options);
        listeners.forEach(function (entry) { worker.addEventListener.apply(worker, entry); });
      }
      return worker;
    }
    return {
      postMessage: function () {
        var real = started();
        return real.postMessage.apply(real, arguments);
      },
      addEventListener: function (type, listener, listenerOptions) {
        listeners.push([type, listener, listenerOptions]);
        if (worker) worker.addEventListener(type, listener, listenerOptions);
      },
      removeEventListener: function (type, listener, listenerOptions) {
        listeners = listeners.filter(function (entry) { return entry[0] !== type || entry[1] !== listener; });
        if (worker) worker.removeEventListener(type, listener, listenerOptions);
      },
      terminate: function () {
        if (worker) worker.terminate();
      }
    };
  };
})();
