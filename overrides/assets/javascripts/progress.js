/* Learners' progress, kept in this browser only.
 *
 * A module page (its header carries data-pacer-module="courseN/NN-slug") gets a toggle button,
 * "I have finished this module", with aria-pressed. A course page (each row of its module table
 * is a <tr data-pacer-module="...">) shows which modules are done and how many. Both announce
 * changes in a polite live region. Progress is stored in localStorage under one key: there is
 * no account, and nothing is ever sent anywhere.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "pacer-progress";
  var PRINT_SECTION = ".pacer-print-module"; /* the printable course page holds many modules */

  var store = window.pacerStore(STORAGE_KEY);  /* defined in a11y.js, which mkdocs.yml loads first */
  var load = store.load;
  var save = store.save;

  function isDone(moduleId) {
    return Object.prototype.hasOwnProperty.call(load(), moduleId);
  }

  function setDone(moduleId, done) {
    var state = load();
    if (done) {
      state[moduleId] = new Date().toISOString().slice(0, 10);
    } else {
      delete state[moduleId];
    }
    return save(state);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function liveRegion() {
    var region = element("p", "pacer-progress__status");
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    return region;
  }

  /* A module page: one button that marks the module as done (or not). */
  function setUpModule(header) {
    if (header.parentNode.querySelector(".pacer-progress")) return;
    var moduleId = header.getAttribute("data-pacer-module");
    var box = element("div", "pacer-progress");
    var button = element("button", "md-button pacer-progress__button", "I have finished this module");
    var status = liveRegion();
    button.type = "button";
    button.setAttribute("aria-pressed", String(isDone(moduleId)));
    button.setAttribute("aria-describedby", "pacer-progress-note");
    var note = element("span", "pacer-progress__note", " Saved in this browser only.");
    note.id = "pacer-progress-note";
    button.addEventListener("click", function () {
      var done = button.getAttribute("aria-pressed") !== "true";
      if (!setDone(moduleId, done)) {
        status.textContent = "Your browser does not allow saving progress on this device.";
        return;
      }
      button.setAttribute("aria-pressed", String(done));
      status.textContent = done
        ? "This module is marked as done."
        : "This module is no longer marked as done.";
    });
    box.appendChild(button);
    box.appendChild(note);
    box.appendChild(status);
    header.insertAdjacentElement("afterend", box);
  }

  /* A course page: "Done" in each finished module's row, and a summary above the table. */
  function setUpCourse(rows) {
    var table = rows[0].closest("table");
    var anchor = table.closest(".md-typeset__scrollwrap") || table;
    // Above the table's scroll cue (tables.js) if it has one: the cue stays right above the table.
    if (anchor.previousElementSibling && anchor.previousElementSibling.classList.contains("pacer-scroll-cue")) {
      anchor = anchor.previousElementSibling;
    }
    var summary = anchor.parentNode.querySelector(".pacer-progress__summary");
    if (!summary) {
      summary = liveRegion();
      summary.classList.add("pacer-progress__summary");
      anchor.insertAdjacentElement("beforebegin", summary);
    }
    function render() {
      var done = 0;
      rows.forEach(function (row) {
        var finished = isDone(row.getAttribute("data-pacer-module"));
        var cell = row.querySelector("th, td");
        var mark = row.querySelector(".pacer-progress__done");
        if (finished) done += 1;
        if (finished && !mark && cell) {
          cell.appendChild(document.createTextNode(" "));
          cell.appendChild(element("span", "pacer-progress__done", "\u2713 Done"));
        } else if (!finished && mark) {
          mark.remove();
        }
      });
      summary.textContent = done
        ? "You have finished " + done + " of " + rows.length + " modules in this course (saved in this browser only)."
        : "";
    }
    render();
    window.addEventListener("storage", function (event) {
      if (event.key === store.key) render(); /* marked as done in another tab */
    });
  }

  function outsidePrintPage(node) {
    return !node.closest(PRINT_SECTION);
  }

  function setUp() {
    var rows = Array.prototype.filter.call(
      document.querySelectorAll("tr[data-pacer-module]"), outsidePrintPage);
    if (rows.length) setUpCourse(rows);
    Array.prototype.filter.call(
      document.querySelectorAll("[data-pacer-module]:not(tr)"), outsidePrintPage
    ).slice(0, 1).forEach(setUpModule);
  }

  window.pacerOnEveryPage(setUp);  /* defined in a11y.js, which mkdocs.yml loads first */
})();
