/* Glossary terms on a touch screen (the first use of a term on a page links to its entry in the
 * glossary, its definition in the link's title and data-pacer-definition: scripts/pacer/model/glossary.py).
 *
 * With a mouse, hovering shows the definition (Material's tooltip) and a click opens the
 * glossary. A touch screen has no hover, so a tap would only open the glossary page: here the
 * first tap shows the definition just below the term, with a link to the glossary entry; a tap
 * elsewhere or Escape closes it. Nothing changes for keyboard and mouse users.
 */
(function () {
  "use strict";

  var touch = window.matchMedia && window.matchMedia("(hover: none)");

  // Material turns each title into its own tooltip once the page has loaded (content.tooltips),
  // and on a touch screen a tap opens it too, over the meaning shown here. This script runs
  // before that, so on a touch screen the terms lose their title (the meaning stays in
  // data-pacer-definition).
  if (touch && touch.matches) {
    Array.prototype.forEach.call(document.querySelectorAll("a.pacer-term[title]"), function (term) {
      term.removeAttribute("title");
    });
  }

  function close(except) {
    Array.prototype.forEach.call(document.querySelectorAll(".pacer-term-popover"), function (box) {
      if (box === except) return;
      var term = box.previousElementSibling;
      if (term) term.setAttribute("aria-expanded", "false");
      box.remove();
    });
  }

  function open(term) {
    var box = document.createElement("span");
    box.className = "pacer-term-popover";
    box.id = "pacer-term-popover";
    box.setAttribute("role", "note");
    var text = document.createElement("span");
    text.textContent = term.getAttribute("data-pacer-definition") || "";
    var more = document.createElement("a");
    more.href = term.getAttribute("href");
    more.textContent = "Open “" + term.textContent.trim() + "” in the glossary";
    box.appendChild(text);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(more);
    term.insertAdjacentElement("afterend", box);
    term.setAttribute("aria-expanded", "true");
    term.setAttribute("aria-describedby", box.id);
  }

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.pacer-term");
    if (!term || !touch || !touch.matches) {
      if (!(event.target.closest && event.target.closest(".pacer-term-popover"))) close();
      return;
    }
    event.preventDefault();
    var shown = term.getAttribute("aria-expanded") === "true";
    close();
    if (!shown) open(term);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
})();
