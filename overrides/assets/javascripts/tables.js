/* Wide tables on narrow screens. A table wider than the screen scrolls sideways inside its box
 * (no column is ever hidden); this says so where everyone can see it, above the table, and
 * gives the box a name of its own (its caption, or the heading it sits under) so that keyboard
 * and screen-reader users can find, tell apart and scroll each one (axe: scrollable-region-
 * focusable, landmark-unique). It runs again when the window or the text size changes. */
(function () {
  "use strict";
  var CUE = "pacer-scroll-cue";

  function heading(box) {
    for (var el = box.previousElementSibling || box.parentElement; el; el = el.previousElementSibling || el.parentElement) {
      if (/^H[1-6]$/.test(el.tagName)) {
        var copy = el.cloneNode(true);
        copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });  // the ¶
        return copy.textContent.replace(/\s+/g, " ").trim();
      }
      if (el.classList.contains("md-content")) break;
    }
    return "";
  }

  function name(box, index, used) {
    var caption = box.querySelector("caption");
    var base = caption ? caption.textContent.replace(/\s+/g, " ").trim()
      : (heading(box) ? "Table under “" + heading(box) + "”" : "Table " + (index + 1));
    var label = base, count = 1;
    while (used[label]) label = base + " (" + (++count) + ")";
    used[label] = true;
    return label + ", scrolls sideways";
  }

  // The box that scrolls: Material's wrapper of a Markdown table, or a notebook's output.
  var BOXES = ".md-typeset .md-typeset__scrollwrap, .md-typeset .jp-OutputArea-output";

  function update() {
    var used = {};
    var boxes = Array.prototype.slice.call(document.querySelectorAll(BOXES));
    // Every box is measured before any is changed: a change between two measurements would make
    // the browser lay the page out again for each table.
    var widths = boxes.map(function (box) { return box.scrollWidth > box.clientWidth + 1; });
    boxes.forEach(function (box, index) {
      var table = box.querySelector("table");
      if (!table) return;
      var cue = box.pacerCue || null;  // the cue made for this box, wherever it is now
      var scrolls = widths[index];
      var added = (box.getAttribute("data-pacer-named") || "").split(" ").filter(Boolean);
      box.classList.toggle("pacer-scrolls", scrolls);
      if (!scrolls) {
        if (cue) cue.remove();
        box.pacerCue = null;
        added.forEach(function (attribute) { box.removeAttribute(attribute); });
        box.removeAttribute("data-pacer-named");
        return;
      }
      ["tabindex", "role", "aria-label"].forEach(function (attribute) {
        if (!box.hasAttribute(attribute) && added.indexOf(attribute) < 0) added.push(attribute);
      });
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name(box, index, used));
      box.setAttribute("data-pacer-named", added.join(" "));
      if (!cue) {
        cue = box.pacerCue = document.createElement("p");
        cue.className = CUE;
        cue.setAttribute("aria-hidden", "true");  // the box's own name says it scrolls
      }
      // Right above its table, even when another script put something there since (progress.js).
      if (box.previousElementSibling !== cue) box.parentNode.insertBefore(cue, box);
      var columns = table.rows.length ? table.rows[0].cells.length : 0;
      cue.textContent = "Scroll sideways to see " + (columns > 1 ? "all " + columns + " columns" : "the whole table") + " →";
    });
  }

  var pending = 0;
  function soon() {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(update);
  }
  // Measured once the page is drawn (a11y.js, loaded before this file), and again when it has
  // loaded, after the next frame (the load event often comes inside Material's set-up task).
  window.pacerAfterFirstFrame(update);
  window.addEventListener("load", function () { window.pacerAfterFirstFrame(update); });
  window.addEventListener("resize", soon);
  // A reading preference (text size, line length) changes how wide a table is.
  new MutationObserver(soon).observe(document.documentElement, {attributes: true, attributeFilter:
    ["data-pacer-size", "data-pacer-spacing", "data-pacer-font", "data-pacer-width"]});
})();
