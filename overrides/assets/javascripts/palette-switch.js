/* When the colour scheme switches (the learner's toggle, or the system's scheme while the toggle
 * follows it), every colour changes at once: for that moment <html> has a class that stops
 * transitions (reading.css), taken off once the new colours are drawn. Material did this with an
 * attribute its bundle also set on every page load, which made the browser restyle the whole
 * page as it started; scripts/hooks/palette_switch.py leaves Material's rule for it out. */
(function () {
  "use strict";
  var SWITCHING = "pacer-palette-switching";
  // Capture: this runs before Material's own listener changes the colours.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.matches("[data-md-component='palette'] input")) return;
    document.documentElement.classList.add(SWITCHING);
    window.pacerAfterFirstFrame(function () {  // a11y.js, earlier in site.js
      document.documentElement.classList.remove(SWITCHING);
    });
  }, true);
})();
