/* Keyboard and print fixes to Material for MkDocs, on every page.
 *
 * - The skip link: Material adds one only on pages with headings, and sends it to the first
 *   heading (past a module's title and introduction). Every page gets one, to the content's start.
 * - The header's menu and search icons (shown on narrow screens and at high zoom) are labels
 *   that the keyboard cannot reach; they become named buttons that Enter and Space press
 *   (Material handles Enter on a focused label; Space is added here).
 * - A box that scrolls sideways (a wide table) can be scrolled from the keyboard: it takes the
 *   focus and has a name (WCAG 2.1.1; axe: scrollable-region-focusable).
 * - Each code block's button bar (a <nav>) gets its own name (axe: landmark-unique).
 * (Task-list checkboxes get their names when the site is built, empty table header cells stop
 * the build, and Material itself opens collapsed blocks for printing.)
 */
(function () {
  "use strict";

  var CONTENT_ID = "pacer-content";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";

  function skipLink() {
    var content = document.querySelector("article.md-content__inner");
    if (!content) return;
    if (!content.id) content.id = CONTENT_ID;
    content.setAttribute("tabindex", "-1");
    var link = document.querySelector("a.md-skip");
    if (!link) {
      link = document.createElement("a");
      link.className = "md-skip";
      link.textContent = "Skip to content";
      var holder = document.querySelector("[data-md-component='skip']") || document.body;
      holder.insertBefore(link, holder.firstChild);
    }
    link.setAttribute("href", "#" + content.id);
  }

  function headerButtons() {
    var names = { __drawer: "Menu: the site's pages", __search: "Search" };
    document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
      var name = names[label.htmlFor];
      if (!name || label.hasAttribute("role")) return;
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.setAttribute("aria-label", name);
      /* Material already presses a focused label on Enter; Space is added here. */
      label.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          label.click();
        }
      });
      label.addEventListener("click", function () {
        if (label.htmlFor !== "__search") return;
        window.setTimeout(function () {
          var input = document.querySelector(".md-search__input");
          if (input && document.getElementById("__search").checked) input.focus();
        }, 0);
      });
    });
  }

  function scrollableRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .jp-OutputArea-output, .md-typeset pre > code, .md-sidebar__scrollwrap")
      .forEach(function (box) {
        var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
        var reachable = Array.prototype.some.call(box.querySelectorAll(FOCUSABLE), function (el) {
          return el.offsetParent !== null && window.getComputedStyle(el).visibility !== "hidden";
        });
        if (!scrolls || box.hasAttribute("tabindex") || reachable) return;
        var style = window.getComputedStyle(box);
        if (!/(auto|scroll)/.test(style.overflowX + style.overflowY)) return;
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() + " (scrolls)" : "Scrollable content");
      });
  }

  /* Material puts each code block's buttons in a <nav>: name each one after its block's place. */
  function codeBlockNavs() {
    document.querySelectorAll(".md-code__nav:not([aria-label])").forEach(function (nav, index) {
      nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions");
    });
  }

  function setUp() {
    skipLink();
    headerButtons();
    codeBlockNavs();
    scrollableRegions();
  }

  /* A learner's saved state under one localStorage key (progress.js, learning.js): an object,
   * or {} when storage is blocked or unreadable. save() says whether it could be kept. */
  window.pacerStore = function (key) {
    return {
      load: function () {
        try {
          var state = JSON.parse(window.localStorage.getItem(key) || "{}");
          return state && typeof state === "object" ? state : {};
        } catch (error) {
          return {};
        }
      },
      save: function (state) {
        try {
          window.localStorage.setItem(key, JSON.stringify(state));
          return true;
        } catch (error) {
          return false;
        }
      }
    };
  };

  /* Run a set-up function on every page view: Material's document$ fires on each one (also
     with instant navigation); without it, once the page is ready. progress.js uses it too. */
  window.pacerOnEveryPage = function (run) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  };
  window.pacerOnEveryPage(setUp);
  window.addEventListener("load", function () {
    codeBlockNavs();
    scrollableRegions();
  });
  window.addEventListener("resize", scrollableRegions);
})();
