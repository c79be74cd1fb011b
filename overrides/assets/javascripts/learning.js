/* The learning loop, in the browser only: self-check questions and progress through a module's parts.
 *
 * - A self-check (a fieldset of native radio buttons or checkboxes) gets a "Check my answer"
 *   button. The feedback for the chosen option(s) is shown under them and read out by the
 *   question's polite live region. Without JavaScript the answers are in the block after it.
 * - Each part of a module (a level-2 heading listed in "The parts of this module") ends with a
 *   button "I have finished this part". Finished parts are ticked in the list, and a "Resume"
 *   link leads to the first part not finished yet. Kept in localStorage: nothing is sent anywhere.
 */
(function () {
  "use strict";

  var PARTS_KEY = "pacer-parts";
  var PRINT_SECTION = ".pacer-print-module";

  var store = window.pacerStore(PARTS_KEY);  /* defined in a11y.js, which mkdocs.yml loads first */
  var load = store.load;
  var save = store.save;

  /* --- self-checks */
  function setUpSelfCheck(box) {
    var button = box.querySelector(".pacer-self-check__check");
    var result = box.querySelector(".pacer-self-check__result");
    if (!button || !result || button.dataset.ready) return;
    button.dataset.ready = "true";
    button.hidden = false;
    var options = Array.prototype.slice.call(box.querySelectorAll(".pacer-self-check__option"));
    button.addEventListener("click", function () {
      var chosen = options.filter(function (option) { return option.querySelector("input").checked; });
      options.forEach(function (option) {
        option.querySelector(".pacer-self-check__feedback").hidden = chosen.indexOf(option) < 0;
      });
      if (!chosen.length) {
        result.textContent = "Choose an answer first.";
        return;
      }
      var right = options.every(function (option) {
        return (option.dataset.correct === "true") === option.querySelector("input").checked;
      });
      var feedback = chosen.map(function (option) {
        return option.querySelector(".pacer-self-check__feedback").textContent.trim();
      }).join(" ");
      result.textContent = (right ? "Right answer. " : "Not the answer yet. ") + feedback;
    });
  }

  /* --- parts of a module */
  function setUpParts(list) {
    var moduleId = list.getAttribute("data-pacer-parts");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-pacer-part]"));
    var resume = list.querySelector(".pacer-resume");
    if (!resume) {
      resume = document.createElement("p");
      resume.className = "pacer-resume";
      list.appendChild(resume);
    }
    function isDone(partId) {
      var parts = load()[moduleId] || {};
      return Object.prototype.hasOwnProperty.call(parts, partId);
    }
    function render() {
      var next = null;
      items.forEach(function (item) {
        var partId = item.getAttribute("data-pacer-part");
        var mark = item.querySelector(".pacer-part-done");
        var done = isDone(partId);
        if (done && !mark) {
          mark = document.createElement("span");
          mark.className = "pacer-part-done";
          mark.textContent = " \u2713 finished";
          item.appendChild(mark);
        } else if (!done && mark) {
          mark.remove();
        }
        if (!done && !next) next = item;
      });
      resume.textContent = "";
      if (next && next !== items[0]) {
        var link = next.querySelector("a").cloneNode(true);
        resume.appendChild(document.createTextNode("Resume where you left off: "));
        resume.appendChild(link);
      }
    }
    items.forEach(function (item, index) {
      var partId = item.getAttribute("data-pacer-part");
      var heading = document.getElementById(partId);
      if (!heading) return;
      var end = items[index + 1] ? document.getElementById(items[index + 1].getAttribute("data-pacer-part")) : null;
      var box = document.createElement("div");
      box.className = "pacer-part-progress";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button pacer-progress__button";
      button.textContent = "I have finished this part";
      button.setAttribute("aria-pressed", String(isDone(partId)));
      var status = document.createElement("span");
      status.setAttribute("role", "status");
      status.className = "pacer-progress__status";
      button.addEventListener("click", function () {
        var state = load();
        var parts = state[moduleId] || {};
        var done = button.getAttribute("aria-pressed") !== "true";
        if (done) parts[partId] = new Date().toISOString().slice(0, 10); else delete parts[partId];
        state[moduleId] = parts;
        if (!save(state)) {
          status.textContent = " Your browser does not allow saving progress on this device.";
          return;
        }
        button.setAttribute("aria-pressed", String(done));
        status.textContent = done ? " Saved: this part is finished." : " This part is no longer marked as finished.";
        render();
      });
      box.appendChild(button);
      box.appendChild(status);
      if (end) end.insertAdjacentElement("beforebegin", box);
      else {
        var footer = document.querySelector(".pacer-module-footer");
        if (footer) footer.insertAdjacentElement("beforebegin", box);
      }
    });
    render();
  }

  function setUp() {
    document.querySelectorAll(".pacer-self-check").forEach(setUpSelfCheck);
    Array.prototype.filter.call(document.querySelectorAll("[data-pacer-parts]"), function (list) {
      return !list.closest(PRINT_SECTION) && !list.dataset.ready;
    }).forEach(function (list) {
      list.dataset.ready = "true";
      setUpParts(list);
    });
  }

  window.pacerOnEveryPage(setUp);  /* defined in a11y.js, which mkdocs.yml loads first */
})();
