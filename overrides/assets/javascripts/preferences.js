/* Reading preferences: the panel that sets text size, line spacing, font, line length and motion.
 * The saved choices are already on <html> before the page was drawn: overrides/pacer/
 * apply-preferences.html, inline in <head>, applied them and lends its functions here as
 * window.pacerPreferences. Choices stay in this browser's localStorage only; the styles that
 * follow them are in overrides/assets/stylesheets/reading.css. */
(function () {
  "use strict";
  var prefs = window.pacerPreferences;

  function panel() {
    var toggle = document.querySelector("[data-pacer-prefs-toggle]");
    var box = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!box || !prefs) return;

    function show(open) {
      box.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function close() {
      show(false);
      toggle.focus();
    }
    function sync() {
      var preferences = prefs.read();
      box.querySelectorAll("input[type=radio]").forEach(function (input) {
        var name = input.name.replace(/^pacer-/, "");
        var value = prefs.choices[name].indexOf(preferences[name]) >= 0 ? preferences[name] : "default";
        input.checked = input.value === value;
      });
    }

    sync();
    toggle.addEventListener("click", function () { show(box.hidden); });
    box.addEventListener("change", function (event) {
      var input = event.target, name = input.name.replace(/^pacer-/, "");
      if (!prefs.choices[name]) return;
      var preferences = prefs.read();
      if (input.value === "default") delete preferences[name];
      else preferences[name] = input.value;
      prefs.save(preferences);
      prefs.apply(preferences);
    });
    box.querySelector("[data-pacer-prefs-reset]").addEventListener("click", function () {
      prefs.save({});
      prefs.apply({});
      sync();
    });
    box.querySelector("[data-pacer-prefs-close]").addEventListener("click", close);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    document.addEventListener("click", function (event) {
      if (!box.hidden && !box.contains(event.target) && !toggle.contains(event.target)) show(false);
    });
    // Another tab changed the preferences: follow them here too.
    window.addEventListener("storage", function (event) {
      if (event.key === prefs.key) { prefs.apply(prefs.read()); sync(); }
    });
  }

  window.pacerOnEveryPage(panel);  /* defined in a11y.js, which mkdocs.yml loads first */
})();
