/* The learner's journal, kept in this browser only: nothing here ever sends a note anywhere.
 *
 * The build marks each activity and reflection question of the learner view's course pages with
 * data-pacer-prompt (scripts/pacer/render/journal.py). Each gets a text box, "Your notes, kept
 * only on this device", labelled by its prompt, saved as the learner types and restored on
 * return. Print pages and the facilitator view carry no marks, so they get no boxes.
 *
 * Notes live under one key, "pacer-journal", through window.pacerStore (a11y.js): when the
 * browser will not keep them (private browsing, storage full) the page says so and offers a
 * download of what was typed.
 *
 * What only "My journal" needs (its list, the downloads, import) is in journal-tools.js, which
 * this script loads from the site when a page needs it: every page stays light.
 */
(function () {
  "use strict";

  var KEY = "pacer-journal";
  var VERSION = 1;
  var TOOLS = "assets/javascripts/journal-tools.js"; /* not in site.js: loaded when needed */
  var PRINT_SECTION = ".pacer-print-module";
  var LABEL = "Your notes, kept only on this device";
  var SAVE_DELAY = 500; /* milliseconds after the last key press */
  var CANNOT_KEEP = "Your notes cannot be kept on this device: this browser does not let the site " +
    "store them (for example in a private window, or when its storage is full). Download what you " +
    "typed now, so that you do not lose it.";

  var store = window.pacerStore(KEY); /* defined in a11y.js, which mkdocs.yml loads first */

  /* --- The journal's data: { version, notes: { promptId: note } } ------------------------ */

  function loadNotes() {
    var state = store.load();
    return state.notes && typeof state.notes === "object" ? state.notes : {};
  }

  function saveNotes(notes) {
    return store.save({ version: VERSION, notes: notes });
  }

  /* A note: the learner's text and when it last changed, with what the journal needs to show it
     without the page it was written on (the prompt, its course and module, a link back). */
  function noteFor(prompt, text) {
    return {
      text: text, updated: new Date().toISOString(),
      name: prompt.name, prompt: prompt.prompt, course: prompt.course, courseTitle: prompt.courseTitle,
      module: prompt.module, moduleTitle: prompt.moduleTitle, page: prompt.page, pageTitle: prompt.pageTitle,
      anchor: prompt.anchor, order: prompt.order
    };
  }

  function words(text) {
    return String(text || "").replace(/\s+/g, " ").trim();
  }

  /* The site's root, from Material's configuration on the page this script was loaded with. */
  var ROOT = (function () {
    try {
      var base = JSON.parse(document.getElementById("__config").textContent).base;
      return new URL(String(base).replace(/\/?$/, "/"), window.location.href).href;
    } catch (error) {
      return new URL("./", window.location.href).href;
    }
  })();

  /* --- Small DOM helpers ---------------------------------------------------------------------- */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, className) {
    var node = element("button", "md-button pacer-journal__button" + (className ? " " + className : ""), text);
    node.type = "button";
    return node;
  }

  /* Rows to show all of a note, within reason (no inline style: the site's CSP allows none). */
  function fitRows(box) {
    box.rows = Math.max(4, Math.min(20, box.value.split("\n").length + 1));
  }

  function outsidePrintPage(node) {
    return !node.closest(PRINT_SECTION);
  }

  /* journal-tools.js, loaded once from the site, then run(tools). */
  var waiting = [];

  function withTools(run) {
    if (window.pacerJournalTools) { run(window.pacerJournalTools); return; }
    waiting.push(run);
    if (waiting.length > 1) return;
    var script = document.createElement("script");
    script.src = new URL(TOOLS, ROOT).href;
    script.onload = function () {
      var queued = waiting;
      waiting = [];
      queued.forEach(function (each) { each(window.pacerJournalTools); });
    };
    script.onerror = function () { waiting = []; };
    document.head.appendChild(script);
  }

  /* --- Text boxes on course pages -------------------------------------------------------------- */

  var boxes = []; /* the boxes of the page on screen: { prompt, area, status } */
  var pending = {}; /* promptId -> box, typed but not saved yet */
  var timer = null;
  var problem = null; /* the page's message when notes cannot be kept */

  function promptOf(hook, order) {
    var data = hook.dataset;
    var question = hook.querySelector(".pacer-prompt-text"); /* the words of the prompt (journal.py) */
    return {
      id: data.pacerPrompt, name: data.pacerPromptName || "", prompt: question ? words(question.textContent) : "",
      course: data.pacerPromptCourse || "", courseTitle: data.pacerPromptCourseTitle || "",
      module: data.pacerPromptModule || "", moduleTitle: data.pacerPromptModuleTitle || "",
      page: data.pacerPromptPage || "", pageTitle: data.pacerPromptPageTitle || "",
      anchor: hook.id, promptElement: question ? question.id : "", order: order
    };
  }

  function flush() {
    window.clearTimeout(timer);
    timer = null;
    var ids = Object.keys(pending);
    if (!ids.length) return;
    var notes = loadNotes();
    ids.forEach(function (id) {
      var box = pending[id], text = box.area.value;
      if (text.trim()) notes[id] = noteFor(box.prompt, text);
      else delete notes[id];
    });
    var saved = saveNotes(notes);
    ids.forEach(function (id) {
      if (saved) delete pending[id];
      show(pending[id] || boxOf(id), saved);
    });
    if (!saved) cannotKeep(pending[ids[0]]);
  }

  function boxOf(id) {
    return boxes.filter(function (box) { return box.prompt.id === id; })[0];
  }

  function show(box, saved) {
    if (!box) return;
    var text = saved ? (box.area.value.trim() ? "Saved on this device." : "Nothing saved: the box is empty.")
      : "Not saved.";
    if (box.status.textContent !== text) box.status.textContent = text;
    box.link.hidden = !(saved && box.area.value.trim() && box.link.getAttribute("href"));
  }

  /* Storage refused: say so once on the page, above the box, and offer what was typed. */
  function cannotKeep(box) {
    if (problem && document.contains(problem)) return;
    problem = element("div", "pacer-journal__problem");
    problem.setAttribute("role", "alert");
    problem.appendChild(element("p", null, CANNOT_KEEP));
    var actions = element("p", "pacer-journal__actions");
    [["md", "Markdown (.md)"], ["txt", "Plain text (.txt)"]].forEach(function (format) {
      var save = button("Download what you typed: " + format[1]);
      save.addEventListener("click", function () {
        var notes = {}, ids = [];
        boxes.forEach(function (each) {
          if (!each.area.value.trim()) return;
          notes[each.prompt.id] = noteFor(each.prompt, each.area.value);
          ids.push(each.prompt.id);
        });
        withTools(function (tools) {
          tools.downloadNotes(notes, ids, format[0], "My PaCER journal: notes from this page", "unsaved");
        });
      });
      actions.appendChild(save);
    });
    problem.appendChild(actions);
    box.holder.insertAdjacentElement("afterbegin", problem);
  }

  function addBox(hook, order) {
    var prompt = promptOf(hook, order);
    var id = "pacer-note-" + order;
    var holder = element("div", "pacer-journal-box");
    var label = element("label", "pacer-journal-box__label", LABEL);
    label.htmlFor = id;
    label.id = id + "-label";
    var area = element("textarea", "pacer-journal-box__text");
    area.id = id;
    area.setAttribute("aria-labelledby", label.id + (prompt.promptElement ? " " + prompt.promptElement : ""));
    var footer = element("p", "pacer-journal-box__footer");
    var status = element("span", "pacer-journal-box__status");
    status.setAttribute("role", "status");
    var link = element("a", "pacer-journal-box__link", "See all your notes in My journal");
    link.href = hook.getAttribute("data-pacer-prompt-journal") || ""; /* none: no link is shown */
    footer.appendChild(status);
    footer.appendChild(document.createTextNode(" "));
    footer.appendChild(link);
    holder.appendChild(label);
    holder.appendChild(area);
    holder.appendChild(footer);
    var box = { prompt: prompt, area: area, status: status, link: link, holder: holder };
    var saved = loadNotes()[prompt.id];
    area.value = saved && typeof saved.text === "string" ? saved.text : "";
    fitRows(area);
    link.hidden = !(area.value.trim() && link.getAttribute("href"));
    if (!link.hidden) status.textContent = "Saved on this device.";
    hook.appendChild(holder);
    area.addEventListener("input", function () {
      pending[prompt.id] = box;
      fitRows(area);
      window.clearTimeout(timer);
      timer = window.setTimeout(flush, SAVE_DELAY);
    });
    area.addEventListener("blur", flush);
    boxes.push(box);
  }

  function setUpBoxes() {
    flush(); /* anything typed on the page before (Material's instant navigation keeps this script) */
    boxes = [];
    problem = null;
    var hooks = Array.prototype.filter.call(document.querySelectorAll("[data-pacer-prompt]"), outsidePrintPage);
    hooks.forEach(function (hook, index) {
      if (!hook.querySelector(":scope > .pacer-journal-box")) addBox(hook, index);
    });
  }

  /* Another tab changed the journal: boxes not being edited here show its notes. */
  function followOtherTabs(event) {
    if (event.key !== null && !/pacer-journal$/.test(event.key)) return; /* null: storage cleared */
    var notes = loadNotes();
    boxes.forEach(function (box) {
      if (pending[box.prompt.id] || document.activeElement === box.area) return;
      var note = notes[box.prompt.id];
      box.area.value = note ? note.text : "";
      fitRows(box.area);
    });
    if (window.pacerJournalTools) window.pacerJournalTools.refresh();
  }

  function setUp() {
    setUpBoxes();
    var root = document.querySelector("[data-pacer-journal]");
    if (root && outsidePrintPage(root)) withTools(function (tools) { tools.setUpJournal(root); });
  }

  /* For journal-tools.js. */
  window.pacerJournal = {
    version: VERSION, label: LABEL, saveDelay: SAVE_DELAY, cannotKeep: CANNOT_KEEP, root: ROOT,
    loadNotes: loadNotes, saveNotes: saveNotes, words: words, element: element, button: button, fitRows: fitRows
  };

  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
  window.addEventListener("storage", followOtherTabs);
  window.pacerOnEveryPage(setUp); /* defined in a11y.js, which mkdocs.yml loads first */
})();
