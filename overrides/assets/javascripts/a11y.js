/* Keyboard and print fixes to Material for MkDocs, on every page.
 *
 * - The skip link: Material adds one only on pages with headings, and sends it to the first
 *   heading (past a module's title and introduction). Every page gets one, to the content's start.
 * - The header's menu and search icons (shown on narrow screens and at high zoom) are labels
 *   that the keyboard cannot reach; they become named buttons. The closed drawer and search
 *   panel take no focus (a11y.css); the search keys open the panel first.
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

  /* Material draws some controls as labels of hidden checkboxes: the keyboard cannot reach a
     label, and role="button" is not allowed on one (axe: aria-allowed-role). Such a label
     becomes a real button, with the label's classes and look, that presses its checkbox and
     says whether what it opens is open. */
  function asButton(label, name) {
    var toggle = document.getElementById(label.htmlFor);
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-pacer-for", label.htmlFor);
    button.setAttribute("aria-label", name);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    button.addEventListener("click", function () {
      toggle.click();
    });
    return button;
  }

  /* The header's menu and search icons (narrow screens, high zoom). */
  function headerButtons() {
    var names = { __drawer: "Menu: the site's pages", __search: "Search" };
    document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (!names[label.htmlFor] || !toggle) return;
      var button = asButton(label, names[label.htmlFor]);
      button.setAttribute("aria-expanded", String(toggle.checked));
      toggle.addEventListener("change", function () {
        button.setAttribute("aria-expanded", String(toggle.checked));
      });
      button.addEventListener("click", function () {
        var input = document.querySelector(".md-search__input");
        if (toggle.id === "__search" && toggle.checked && input) input.focus();
      });
    });
  }

  /* In the drawer (narrow screens) each section opens as a panel over its parent, and the
     panel's title takes the learner back up. Each title becomes a button, and the focus follows
     the learner into a panel and back out of it (what a panel covers is hidden, a11y.css). */
  function drawerPanels() {
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (!sidebar) return;
    sidebar.querySelectorAll("label.md-nav__title[for]").forEach(function (label) {
      if (label.htmlFor === "__drawer" || !document.getElementById(label.htmlFor)) return;
      asButton(label, "Back from " + label.textContent.trim());
    });
    sidebar.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!toggle.classList.contains("md-nav__toggle") || !sidebar.contains(document.activeElement)) return;
      if (!window.matchMedia("(max-width: 76.234375em)").matches) return;
      var item = toggle.parentElement;
      var target = toggle.checked
        ? item.querySelector(":scope > .md-nav > .md-nav__title")
        : item.querySelector(":scope > .md-nav__link [tabindex], :scope > .md-nav__link[tabindex], :scope > .md-nav__link a");
      if (target) target.focus();
    });
  }

  /* On a narrow screen the closed search panel is hidden (a11y.css), so it takes no focus, and
     Material's search keys (/, s, f) could not put the focus in it: they open it here. */
  function searchKeysOpenThePanel(event) {
    var toggle = document.getElementById("__search");
    var target = event.target;
    if (!toggle || toggle.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "f"].indexOf(event.key) < 0 || window.matchMedia("(min-width: 60em)").matches) return;
    if (target && (target.isContentEditable || /^(input|select|textarea)$/i.test(target.tagName))) return;
    var input = document.querySelector(".md-search__input");
    if (!input) return;
    event.preventDefault();
    event.stopPropagation();
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.focus();
  }

  /* Boxes that scroll but hold nothing focusable are made focusable and named, so keyboard users
     can scroll them. Every measurement is read before any attribute is written: a write between
     two reads would make the browser lay the page out again for each box. */
  function scrollableRegions() {
    var boxes = Array.prototype.filter.call(
      document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .jp-OutputArea-output, .md-typeset pre > code, .md-sidebar__scrollwrap"),
      // Boxes holding a table are named, and given their scroll cue, by tables.js.
      function (box) { return !box.hasAttribute("tabindex") && !box.querySelector("table"); });
    var unreachable = boxes.filter(function (box) {
      if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1) return false;
      var style = window.getComputedStyle(box);
      if (!/(auto|scroll)/.test(style.overflowX + style.overflowY)) return false;
      // A hidden box (the closed drawer on a phone) takes no focus: its links are not read one
      // by one, which on every page load cost a style lookup for each link of the navigation.
      if (style.visibility === "hidden" || box.offsetParent === null) return false;
      return !Array.prototype.some.call(box.querySelectorAll(FOCUSABLE), function (el) {
        return el.offsetParent !== null && window.getComputedStyle(el).visibility !== "hidden";
      });
    });
    unreachable.forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", uniqueRegionName(box));
    });
  }

  /* A region's name: the table's caption, or the heading above the box; a number when two
     boxes would share a name (axe: landmark-unique, e.g. two wide tables in one section). */
  function uniqueRegionName(box) {
    var caption = box.querySelector("caption");
    var base = caption ? caption.textContent.trim() : "";
    if (!base) {
      var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3");
      Array.prototype.forEach.call(headings, function (heading) {
        if (heading.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) {
          base = "Scrolling box under \u201c" + heading.textContent.replace(/\u00b6/g, "").trim() + "\u201d";
        }
      });
    }
    var name = (base || "Scrolling box") + " (scrolls)";
    var taken = function (candidate) {
      return Array.prototype.some.call(document.querySelectorAll("[role='region'][aria-label]"), function (other) {
        return other !== box && other.getAttribute("aria-label") === candidate;
      });
    };
    for (var number = 2; taken(name); number++) {
      name = (base || "Scrolling box") + " " + number + " (scrolls)";
    }
    return name;
  }

  /* Material puts each code block's buttons in a <nav>: name each one after its block's place. */
  function codeBlockNavs() {
    document.querySelectorAll(".md-code__nav:not([aria-label])").forEach(function (nav, index) {
      nav.setAttribute("aria-label", "Code block " + (index + 1) + " actions");
    });
  }

  /* Run after the browser has drawn the page: a measurement then reads the layout the browser
     made anyway, instead of forcing one inside the task that sets the page up (on a slow phone
     that task grew long enough to delay the first tap). tables.js uses it too. */
  window.pacerAfterFirstFrame = function (run) {
    window.requestAnimationFrame(function () { window.setTimeout(run, 0); });
  };

  function setUp() {
    skipLink();
    headerButtons();
    drawerPanels();
    codeBlockNavs();
    window.pacerAfterFirstFrame(scrollableRegions);
  }

  /* A learner's saved state under one localStorage key (progress.js, learning.js): an object,
   * or {} when storage is blocked or unreadable. save() says whether it could be kept. The key
   * is named by pacerStorageKey (overrides/pacer/apply-preferences.html), which gives a pull
   * request's preview keys of its own; ``key`` is the name storage events carry. */
  window.pacerStore = function (name) {
    var key = (window.pacerStorageKey || String)(name);
    return {
      key: key,
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
     with instant navigation); without it, once the page is ready. */
  function onEveryPage(run) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }
  /* For the other scripts (progress.js, learning.js, preferences.js): each set-up runs in a task
     of its own, not inside the one in which Material sets up its components; on a slow phone
     that one task, grown by ours, held up the first tap. */
  window.pacerOnEveryPage = function (run) {
    onEveryPage(function () { window.setTimeout(run, 0); });
  };
  // This file's own set-up is small and runs at once: the skip link and the header's buttons
  // must answer the very first key press.
  onEveryPage(setUp);
  // Once everything has loaded, measured again after the next frame: the load event often comes
  // inside the task in which Material sets the page up, and a measurement there lengthens it.
  window.addEventListener("load", function () {
    window.pacerAfterFirstFrame(function () {
      codeBlockNavs();
      scrollableRegions();
    });
  });
  window.addEventListener("resize", scrollableRegions);
  window.addEventListener("keydown", searchKeysOpenThePanel, true);
})();
