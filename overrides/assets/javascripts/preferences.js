/* Reading preferences: text size, line spacing, font, line length and motion.
 * Loaded in <head> without defer (overrides/main.html), so the saved choices are on <html>
 * before the page is first drawn: no flash, no jump. The panel (overrides/pacer/preferences.html)
 * is wired once the page is read. Choices stay in this browser's localStorage only; the styles
 * that follow them are in overrides/assets/stylesheets/reading.css. */
(function () {
  "use strict";
  var KEY = "pacer-reading-preferences";
  var CHOICES = {                      // the only values ever applied, whatever storage holds
    size: ["1", "2", "3"], spacing: ["1", "2"], font: ["readable"],
    width: ["narrow", "wide"], motion: ["reduce"]
  };
  var root = document.documentElement;

  function read() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (error) {
      return {};                       // storage blocked or damaged: the defaults
    }
  }

  function save(preferences) {
    try {
      if (Object.keys(preferences).length) window.localStorage.setItem(KEY, JSON.stringify(preferences));
      else window.localStorage.removeItem(KEY);
    } catch (error) { /* storage blocked: the choice holds for this page only */ }
  }

  function apply(preferences) {
    Object.keys(CHOICES).forEach(function (name) {
      var value = preferences[name];
      if (CHOICES[name].indexOf(value) >= 0) root.setAttribute("data-pacer-" + name, value);
      else root.removeAttribute("data-pacer-" + name);
    });
  }

  apply(read());

  function panel() {
    var toggle = document.querySelector("[data-pacer-prefs-toggle]");
    var box = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!box) return;

    function show(open) {
      box.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function close() {
      show(false);
      toggle.focus();
    }
    function sync() {
      var preferences = read();
      box.querySelectorAll("input[type=radio]").forEach(function (input) {
        var name = input.name.replace(/^pacer-/, "");
        var value = CHOICES[name].indexOf(preferences[name]) >= 0 ? preferences[name] : "default";
        input.checked = input.value === value;
      });
    }

    sync();
    toggle.addEventListener("click", function () { show(box.hidden); });
    box.addEventListener("change", function (event) {
      var input = event.target, name = input.name.replace(/^pacer-/, "");
      if (!CHOICES[name]) return;
      var preferences = read();
      if (input.value === "default") delete preferences[name];
      else preferences[name] = input.value;
      save(preferences);
      apply(preferences);
    });
    box.querySelector("[data-pacer-prefs-reset]").addEventListener("click", function () {
      save({});
      apply({});
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
      if (event.key === KEY) { apply(read()); sync(); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", panel);
  else panel();
})();
