/* The learner's journal: "My journal" and the files it makes and reads, in the browser only.
 *
 * journal.js (in every page's site.js) loads this file from the site when a page needs it: on
 * "My journal" (docs/learners/journal.md, whose marker renders <div data-pacer-journal>), and
 * where a learner whose browser will not keep notes downloads what they typed. Nothing here
 * sends anything anywhere: files are made in the browser and saved by the browser.
 *
 * - "My journal": every note by course and module, with its prompt, the date it last changed
 *   and a link back; edit and delete; download the whole journal or one module's notes as
 *   Markdown, plain text or a Word document (.docx); print; import; clear.
 * - The Markdown download is also the file to import: each note is repeated there in a comment
 *   line, as JSON, with its prompt id. Import merges by prompt id and never replaces a newer note
 *   without asking; a damaged or foreign file is refused and the journal stays as it was.
 */
(function () {
  "use strict";

  var journal = window.pacerJournal; /* journal.js */
  var VERSION = journal.version, LABEL = journal.label, SAVE_DELAY = journal.saveDelay;
  var CANNOT_KEEP = journal.cannotKeep, ROOT = journal.root;
  var loadNotes = journal.loadNotes, saveNotes = journal.saveNotes, words = journal.words;
  var element = journal.element, button = journal.button, fitRows = journal.fitRows;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  /* Notes in the order of the courses: course, module, its page (the module page first), then
     the prompt's place on the page. */
  function sortedIds(notes) {
    function page(note) { return (/(^|\/)index\.md$/.test(note.page || "") ? "0" : "1") + (note.page || ""); }
    return Object.keys(notes).sort(function (a, b) {
      var x = notes[a], y = notes[b];
      return compare(x.module || "", y.module || "") || compare(page(x), page(y)) ||
        ((x.order || 0) - (y.order || 0)) || compare(a, b);
    });
  }

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /* "7 December 2026", the site's way of writing dates; with the time, "7 December 2026 at 9:05". */
  function longDay(date) {
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  function longDate(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    return longDay(date) + " at " + date.getHours() + ":" + ("0" + date.getMinutes()).slice(-2);
  }

  function today() {
    var date = new Date();
    return date.getFullYear() + "-" + ("0" + (date.getMonth() + 1)).slice(-2) + "-" + ("0" + date.getDate()).slice(-2);
  }

  /* --- Addresses ----------------------------------------------------------------------------- */

  /* A note links to its page by the page's source path (course1/01-x/index.md): only a path of
     this site's pages is accepted, in a file brought in too. */
  function isPagePath(src) {
    return typeof src === "string" && /^[\w\-./]+\.md$/.test(src) && !/(^|\/)\.\.?(\/|$)/.test(src) && src[0] !== "/";
  }

  /* The address of a page in this build: at its folder (course1/01-x/), or, in the offline copy,
     as a file (course1/01-x/index.html, course1/01-x/worked-example.html). */
  function pageUrl(src, anchor, asFiles) {
    if (!isPagePath(src)) return null;
    var name = src.slice(0, -3), folder = /(^|\/)index$/.test(name);
    var path = folder ? name.slice(0, -5) + (asFiles ? "index.html" : "")
      : name + (asFiles ? ".html" : "/");
    var url = new URL(path, ROOT);
    if (url.href.indexOf(ROOT) !== 0) return null;
    if (anchor && /^[\w-]+$/.test(anchor)) url.hash = anchor;
    return url.href;
  }

  /* --- Downloads: built in the browser, saved by the browser; no request leaves the page ------- */

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = element("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* Notes grouped for the exports: [{ title, modules: [{ title, notes: [[id, note]] }] }]. */
  function grouped(notes, ids) {
    var courses = [];
    ids.forEach(function (id) {
      var note = notes[id];
      var course = courses[courses.length - 1];
      if (!course || course.key !== (note.course || "")) {
        course = { key: note.course || "", title: note.courseTitle || "Other notes", modules: [] };
        courses.push(course);
      }
      var module = course.modules[course.modules.length - 1];
      if (!module || module.key !== (note.module || "")) {
        module = { key: note.module || "", title: note.moduleTitle || "Notes", notes: [] };
        course.modules.push(module);
      }
      module.notes.push([id, note]);
    });
    return courses;
  }

  /* The prompt as a heading, and the question under it when the name alone does not say it. */
  function promptLines(note) {
    var name = words(note.name) || "Note";
    var prompt = words(note.prompt);
    return { name: name, question: prompt && prompt !== name ? prompt : "" };
  }

  function fromPage(note, moduleTitle) {
    return note.pageTitle && note.pageTitle !== moduleTitle && moduleTitle.indexOf(note.pageTitle) < 0
      ? "From the page \u201c" + words(note.pageTitle) + "\u201d." : "";
  }

  function markdownText(text) {
    return words(text).replace(/([\\`*_[\]<>#|])/g, "\\$1");
  }

  /* JSON for one line of an HTML comment: no "--", ">" or line break can end the comment early. */
  function commentJson(value) {
    return JSON.stringify(value).replace(/[<>&-]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  var HEADER = /^<!-- pacer-journal (\d+) notes=(\d+) -->$/;
  var NOTE_LINE = /^<!-- pacer-journal-note (\{.*\}) -->$/gm;

  function toMarkdown(notes, ids, title) {
    var out = ["<!-- pacer-journal " + VERSION + " notes=" + ids.length + " -->", "", "# " + markdownText(title), "",
      "Downloaded on " + longDay(new Date()) + ". These notes were kept only " +
      "in your browser. To bring them back, or to move them to another device, import this file on the " +
      "\u201cMy journal\u201d page. The comment lines hold a copy of each note for that.", ""];
    grouped(notes, ids).forEach(function (course) {
      out.push("## " + markdownText(course.title), "");
      course.modules.forEach(function (module) {
        out.push("### " + markdownText(module.title), "");
        module.notes.forEach(function (pair) {
          var note = pair[1], lines = promptLines(note), from = fromPage(note, module.title);
          var saved = { id: pair[0] };
          Object.keys(note).forEach(function (name) { saved[name] = note[name]; });
          out.push("#### " + markdownText(lines.name), "");
          if (lines.question) out.push("> " + markdownText(lines.question), "");
          out.push("*Last changed " + longDate(note.updated) + "." + (from ? " " + markdownText(from) : "") + "*", "");
          out.push("<!-- pacer-journal-note " + commentJson(saved) + " -->", "");
          out.push(note.text, "");
        });
      });
    });
    return out.join("\n");
  }

  function toText(notes, ids, title) {
    var out = [title.toUpperCase(), "", "Downloaded on " + longDay(new Date()) +
      ". These notes were kept only in your browser.", ""];
    grouped(notes, ids).forEach(function (course) {
      out.push("", course.title.toUpperCase(), new Array(course.title.length + 1).join("="), "");
      course.modules.forEach(function (module) {
        out.push(module.title, new Array(module.title.length + 1).join("-"), "");
        module.notes.forEach(function (pair) {
          var note = pair[1], lines = promptLines(note), from = fromPage(note, module.title);
          out.push(lines.name);
          if (lines.question) out.push(lines.question);
          out.push("Last changed " + longDate(note.updated) + "." + (from ? " " + from : ""), "", note.text, "", "");
        });
      });
    });
    return out.join("\r\n");
  }

  /* --- A Word document (.docx): a few XML files in a zip, stored without compression --------- */

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  /* files: [[name, text]] -> the bytes of a zip archive (method 0, "stored"). */
  function zip(files) {
    var encoder = new TextEncoder(), now = new Date();
    var time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    var date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    var parts = [], central = [], offset = 0;
    function header(size) { var bytes = new Uint8Array(size); return [bytes, new DataView(bytes.buffer)]; }
    files.forEach(function (file) {
      var name = encoder.encode(file[0]), data = encoder.encode(file[1]), crc = crc32(data);
      var local = header(30), view = local[1];
      view.setUint32(0, 0x04034b50, true); view.setUint16(4, 20, true); view.setUint16(6, 0x0800, true);
      view.setUint16(8, 0, true); view.setUint16(10, time, true); view.setUint16(12, date, true);
      view.setUint32(14, crc, true); view.setUint32(18, data.length, true); view.setUint32(22, data.length, true);
      view.setUint16(26, name.length, true); view.setUint16(28, 0, true);
      var entry = header(46), cview = entry[1];
      cview.setUint32(0, 0x02014b50, true); cview.setUint16(4, 20, true); cview.setUint16(6, 20, true);
      cview.setUint16(8, 0x0800, true); cview.setUint16(10, 0, true); cview.setUint16(12, time, true);
      cview.setUint16(14, date, true); cview.setUint32(16, crc, true); cview.setUint32(20, data.length, true);
      cview.setUint32(24, data.length, true); cview.setUint16(28, name.length, true);
      cview.setUint32(42, offset, true);
      parts.push(local[0], name, data);
      central.push(entry[0], name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = header(22), eview = end[1];
    eview.setUint32(0, 0x06054b50, true); eview.setUint16(8, files.length, true);
    eview.setUint16(10, files.length, true); eview.setUint32(12, size, true); eview.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [end[0]]));
  }

  function xml(text) {
    /* Characters XML 1.0 cannot hold are left out; the rest is escaped. */
    return String(text).replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
  var DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml";

  function paragraph(text, style, italic) {
    var runs = String(text).split("\t").map(function (piece) {
      return "<w:r>" + (italic ? "<w:rPr><w:i/></w:rPr>" : "") + "<w:t xml:space=\"preserve\">" + xml(piece) + "</w:t></w:r>";
    }).join("<w:r><w:tab/></w:r>");
    return "<w:p>" + (style ? "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>" : "") + runs + "</w:p>";
  }

  function headingStyle(id, name, level, size) {
    return "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"><w:name w:val=\"" + name + "\"/>" +
      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>" +
      "<w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/>" +
      (level === null ? "" : "<w:outlineLvl w:val=\"" + level + "\"/>") + "</w:pPr>" +
      "<w:rPr><w:b/><w:sz w:val=\"" + size + "\"/><w:szCs w:val=\"" + size + "\"/></w:rPr></w:style>";
  }

  function toDocx(notes, ids, title) {
    var body = [paragraph(title, "Title"),
      paragraph("Downloaded on " + longDay(new Date()) + ". These notes were kept only in your browser.")];
    grouped(notes, ids).forEach(function (course) {
      body.push(paragraph(course.title, "Heading1"));
      course.modules.forEach(function (module) {
        body.push(paragraph(module.title, "Heading2"));
        module.notes.forEach(function (pair) {
          var note = pair[1], lines = promptLines(note), from = fromPage(note, module.title);
          body.push(paragraph(lines.name, "Heading3"));
          if (lines.question) body.push(paragraph(lines.question, "Quote"));
          body.push(paragraph("Last changed " + longDate(note.updated) + "." + (from ? " " + from : ""), null, true));
          note.text.split("\n").forEach(function (line) { body.push(paragraph(line)); });
        });
      });
    });
    var declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    var styles = declaration + "<w:styles xmlns:w=\"" + W + "\"><w:docDefaults><w:rPrDefault><w:rPr>" +
      "<w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/>" +
      "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-CA\"/></w:rPr></w:rPrDefault>" +
      "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>" +
      "</w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>" +
      "<w:qFormat/></w:style>" + headingStyle("Title", "Title", null, 48) + headingStyle("Heading1", "heading 1", 0, 36) +
      headingStyle("Heading2", "heading 2", 1, 30) + headingStyle("Heading3", "heading 3", 2, 26) +
      "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/>" +
      "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"720\"/></w:pPr></w:style></w:styles>";
    var document_ = declaration + "<w:document xmlns:w=\"" + W + "\"><w:body>" + body.join("") +
      "<w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" " +
      "w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
    return zip([
      ["[Content_Types].xml", declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        "<Override PartName=\"/word/document.xml\" ContentType=\"" + DOC_TYPE + ".document.main+xml\"/>" +
        "<Override PartName=\"/word/styles.xml\" ContentType=\"" + DOC_TYPE + ".styles+xml\"/>" +
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>" +
        "</Types>"],
      ["_rels/.rels", declaration + "<Relationships xmlns=\"" + RELS + "\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" " +
        "Target=\"word/document.xml\"/><Relationship Id=\"rId2\" " +
        "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" " +
        "Target=\"docProps/core.xml\"/></Relationships>"],
      ["docProps/core.xml", declaration + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/" +
        "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + xml(title) +
        "</dc:title><dc:language>en-CA</dc:language></cp:coreProperties>"],
      ["word/_rels/document.xml.rels", declaration + "<Relationships xmlns=\"" + RELS + "\"><Relationship Id=\"rId1\" " +
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
        "</Relationships>"],
      ["word/styles.xml", styles],
      ["word/document.xml", document_]
    ]);
  }

  var FORMATS = {
    md: { label: "Markdown (.md)", type: "text/markdown;charset=utf-8", make: toMarkdown },
    txt: { label: "Plain text (.txt)", type: "text/plain;charset=utf-8", make: toText },
    docx: { label: "Word document (.docx)", type: DOC_TYPE + ".document", make: toDocx }
  };

  /* Download notes (all, or those whose id is in ids) in one format. */
  function downloadNotes(notes, ids, format, title, slug) {
    var chosen = FORMATS[format];
    download("my-pacer-journal" + (slug ? "-" + slug : "") + "-" + today() + "." + format, chosen.type,
      chosen.make(notes, ids, title));
  }

  /* --- Reading a downloaded Markdown file back ------------------------------------------------ */

  var NOT_OURS = "This file is not a journal downloaded from this site, so nothing was imported. " +
    "Choose a Markdown file (.md) that you downloaded from \u201cMy journal\u201d. Your journal is unchanged.";
  var DAMAGED = "This file looks like a journal from this site, but part of it is damaged or was changed, " +
    "so nothing was imported. Your journal is unchanged. Try the file from where you first saved it, or " +
    "download your journal again on the other device.";
  var TEXT_FIELDS = ["name", "prompt", "course", "courseTitle", "module", "moduleTitle", "page", "pageTitle", "anchor"];

  function validNote(note) {
    if (!note || typeof note !== "object" || typeof note.id !== "string" || !/^[\w\-/]{1,400}$/.test(note.id)) return false;
    if (typeof note.text !== "string" || !note.text.trim() || note.text.length > 200000) return false;
    if (typeof note.updated !== "string" || isNaN(Date.parse(note.updated))) return false;
    if (note.order !== undefined && (typeof note.order !== "number" || note.order < 0)) return false;
    if (note.page !== undefined && !isPagePath(note.page)) return false;
    if (note.anchor !== undefined && (typeof note.anchor !== "string" || !/^[\w-]*$/.test(note.anchor))) return false;
    return TEXT_FIELDS.every(function (name) {
      return note[name] === undefined || (typeof note[name] === "string" && note[name].length <= 2000);
    });
  }

  /* The notes in an exported file, { id: note }; throws an Error with a message for the learner.
     Each note's comment line is followed by the note as written: the reader steps over it, so a
     note that holds such a line is read as text, and a note changed in the file is refused. */
  function readExport(text) {
    var lines = String(text).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    var header = HEADER.exec(lines.split("\n")[0].trim());
    if (!header) throw new Error(NOT_OURS);
    if (Number(header[1]) !== VERSION) throw new Error(DAMAGED);
    var found = {}, count = 0, match;
    NOTE_LINE.lastIndex = 0;
    while ((match = NOTE_LINE.exec(lines)) !== null) {
      var note;
      try { note = JSON.parse(match[1]); } catch (error) { throw new Error(DAMAGED); }
      if (!validNote(note) || Object.prototype.hasOwnProperty.call(found, note.id)) throw new Error(DAMAGED);
      var written = "\n\n" + note.text + "\n";
      if (lines.substr(NOTE_LINE.lastIndex, written.length) !== written) throw new Error(DAMAGED);
      NOTE_LINE.lastIndex += written.length;
      var kept = { text: note.text, updated: new Date(note.updated).toISOString() };
      TEXT_FIELDS.forEach(function (name) { if (note[name] !== undefined) kept[name] = note[name]; });
      if (note.order !== undefined) kept.order = note.order;
      found[note.id] = kept;
      count += 1;
    }
    if (count !== Number(header[2])) throw new Error(DAMAGED);
    return found;
  }

  /* Merge imported notes: new ones are added, older ones replaced; a note on this device that is
     newer than the file's is replaced only if the learner says so. Returns what happened. */
  function merge(notes, imported, askToReplaceNewer) {
    var result = { added: 0, updated: 0, same: 0, kept: 0 }, newer = [];
    Object.keys(imported).forEach(function (id) {
      var mine = notes[id], theirs = imported[id];
      if (!mine) { notes[id] = theirs; result.added += 1; }
      else if (mine.text === theirs.text) result.same += 1;
      else if (Date.parse(theirs.updated) > Date.parse(mine.updated)) { notes[id] = theirs; result.updated += 1; }
      else newer.push(id);
    });
    if (newer.length && askToReplaceNewer(newer.length)) {
      newer.forEach(function (id) { notes[id] = imported[id]; });
      result.updated += newer.length;
    } else {
      result.kept = newer.length;
    }
    return result;
  }

  /* --- "My journal" ---------------------------------------------------------------------------- */

  var journalView = null; /* the list on screen, to draw again when another tab changes it */

  function setUpJournal(root) {
    var asFiles = root.getAttribute("data-pacer-journal-addresses") === "files";
    var needsScript = root.querySelector(".pacer-journal__needs-script");
    if (needsScript) needsScript.remove();
    var status = element("p", "pacer-journal__status");
    status.setAttribute("role", "status");
    var tools = element("div", "pacer-journal__tools");
    var list = element("div", "pacer-journal__list");
    root.appendChild(tools);
    root.appendChild(status);
    root.appendChild(list);

    function say(text) { status.textContent = text; }

    function refuse(text) {
      say("");
      var alert = element("div", "pacer-journal__problem");
      alert.setAttribute("role", "alert");
      alert.appendChild(element("p", null, text));
      var old = root.querySelector(":scope > .pacer-journal__problem");
      if (old) old.remove();
      status.insertAdjacentElement("beforebegin", alert);
    }

    function clearProblem() {
      var old = root.querySelector(":scope > .pacer-journal__problem");
      if (old) old.remove();
    }

    /* The whole journal: download, print, import, clear. */
    var whole = element("div", "pacer-journal__group");
    whole.appendChild(element("p", "pacer-journal__group-title", "Download your whole journal"));
    var formats = element("p", "pacer-journal__actions");
    Object.keys(FORMATS).forEach(function (format) {
      var save = button(FORMATS[format].label);
      save.setAttribute("data-pacer-journal-download", format);
      save.addEventListener("click", function () {
        var notes = loadNotes(), ids = sortedIds(notes);
        if (!ids.length) { say("Your journal is empty: there is nothing to download yet."); return; }
        downloadNotes(notes, ids, format, "My PaCER journal", "");
        say("Your journal was downloaded as a " + FORMATS[format].label + " file. Look in your downloads.");
      });
      formats.appendChild(save);
    });
    var print = button("Print my journal");
    print.addEventListener("click", function () { window.print(); });
    formats.appendChild(print);
    whole.appendChild(formats);
    tools.appendChild(whole);

    var moving = element("div", "pacer-journal__group");
    var fileId = "pacer-journal-import";
    var fileLabel = element("label", "pacer-journal__group-title", "Import notes from a Markdown file you downloaded here");
    fileLabel.htmlFor = fileId;
    var file = element("input", "pacer-journal__file");
    file.type = "file";
    file.id = fileId;
    file.accept = ".md,.markdown,text/markdown,text/plain";
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      file.value = "";
      if (!chosen) return;
      if (chosen.size > MAX_IMPORT_BYTES) { refuse(NOT_OURS); return; }
      var reader = new FileReader();
      reader.onload = function () { importText(String(reader.result)); };
      reader.onerror = function () { refuse("This file could not be read, so nothing was imported. Your journal is unchanged."); };
      reader.readAsText(chosen);
    });
    moving.appendChild(fileLabel);
    moving.appendChild(file);
    tools.appendChild(moving);

    var clearing = element("div", "pacer-journal__group");
    var clear = button("Clear my journal", "pacer-journal__danger");
    clear.addEventListener("click", function () {
      var ids = Object.keys(loadNotes());
      if (!ids.length) { say("Your journal is already empty."); return; }
      if (!window.confirm("Delete all " + ids.length + " notes in your journal from this browser? This cannot be undone. " +
        "If you want to keep them, choose Cancel and download your journal first.")) return;
      if (!saveNotes({})) { refuse("Your journal could not be cleared: this browser did not let the site change it."); return; }
      render();
      say("Your journal is now empty on this device.");
      clear.focus();
    });
    clearing.appendChild(clear);
    tools.appendChild(clearing);

    function importText(text) {
      var imported;
      try {
        imported = readExport(text);
      } catch (error) {
        refuse(error.message);
        return;
      }
      clearProblem();
      var notes = loadNotes();
      var result = merge(notes, imported, function (count) {
        return window.confirm(count + (count === 1 ? " note in the file is older than the note" : " notes in the file are older than the notes") +
          " on this device for the same question. Replace " + (count === 1 ? "it" : "them") + " with the older " +
          (count === 1 ? "one" : "ones") + " from the file? Choose Cancel to keep the newer notes on this device.");
      });
      if (!saveNotes(notes)) {
        refuse("The notes could not be saved in this browser (for example in a private window, or when its storage is full). Your journal is unchanged.");
        return;
      }
      render();
      var parts = [result.added + " added", result.updated + " updated"];
      if (result.same) parts.push(result.same + " already here");
      if (result.kept) parts.push(result.kept + " kept as they were, because the notes on this device are newer");
      say("Imported the file: " + parts.join(", ") + ".");
    }

    function noteView(id, note, moduleTitle, number) {
      var item = element("div", "pacer-journal__note");
      var lines = promptLines(note);
      var promptId = "pacer-journal-note-" + number;
      var heading = element("h5", "pacer-journal__prompt", lines.name);
      heading.id = promptId;
      item.appendChild(heading);
      if (lines.question) item.appendChild(element("p", "pacer-journal__question", lines.question));
      var meta = element("p", "pacer-journal__meta");
      var from = fromPage(note, moduleTitle);
      meta.appendChild(document.createTextNode("Last changed " + longDate(note.updated) + "." + (from ? " " + from : "") + " "));
      var back = pageUrl(note.page, note.anchor, asFiles);
      if (back) {
        var link = element("a", null, "Go to this " + (/^Reflection/.test(lines.name) ? "question" : "activity"));
        link.href = back;
        meta.appendChild(link);
      }
      item.appendChild(meta);
      var labelId = promptId + "-label";
      var label = element("label", "pacer-journal-box__label", LABEL);
      label.id = labelId;
      label.htmlFor = promptId + "-text";
      var area = element("textarea", "pacer-journal-box__text");
      area.id = promptId + "-text";
      area.setAttribute("aria-labelledby", labelId + " " + promptId);
      area.value = note.text;
      fitRows(area);
      var printed = element("div", "pacer-journal__printed", note.text);
      printed.setAttribute("aria-hidden", "true");
      var saveTimer = null;
      function saveEdit() {
        window.clearTimeout(saveTimer);
        var notes = loadNotes();
        var current = notes[id] || note;
        if (current.text === area.value) return;
        if (area.value.trim()) {
          current.text = area.value;
          current.updated = new Date().toISOString();
          notes[id] = current;
        } else {
          delete notes[id];
        }
        if (!saveNotes(notes)) { refuse(CANNOT_KEEP); return; }
        say("Saved on this device.");
      }
      area.addEventListener("input", function () {
        printed.textContent = area.value;
        fitRows(area);
        window.clearTimeout(saveTimer);
        saveTimer = window.setTimeout(saveEdit, SAVE_DELAY);
      });
      area.addEventListener("blur", saveEdit);
      var remove = button("Delete this note", "pacer-journal__danger");
      remove.setAttribute("aria-describedby", promptId);
      remove.addEventListener("click", function () {
        if (!window.confirm("Delete your note on \u201c" + lines.name + "\u201d? This cannot be undone.")) return;
        var notes = loadNotes();
        delete notes[id];
        if (!saveNotes(notes)) { refuse("The note could not be deleted: this browser did not let the site change your journal."); return; }
        var section = item.closest(".pacer-journal__module");
        render();
        say("The note was deleted.");
        var again = section && list.querySelector("[data-pacer-journal-module=\"" + section.getAttribute("data-pacer-journal-module") + "\"] h4");
        (again || status).setAttribute("tabindex", "-1");
        (again || status).focus();
      });
      item.appendChild(label);
      item.appendChild(area);
      item.appendChild(printed);
      var actions = element("p", "pacer-journal__actions");
      actions.appendChild(remove);
      item.appendChild(actions);
      return item;
    }

    function render() {
      var notes = loadNotes(), ids = sortedIds(notes);
      list.textContent = "";
      if (!ids.length) {
        list.appendChild(element("p", "pacer-journal__empty", "Your journal is empty. When you type in the notes " +
          "box of an activity or a reflection question, your note appears here."));
        return;
      }
      grouped(notes, ids).forEach(function (course) {
        var courseSection = element("section", "pacer-journal__course");
        courseSection.appendChild(element("h3", null, course.title));
        course.modules.forEach(function (module) {
          var section = element("section", "pacer-journal__module");
          section.setAttribute("data-pacer-journal-module", module.key);
          var heading = element("h4", null, module.title);
          section.appendChild(heading);
          var moduleIds = module.notes.map(function (pair) { return pair[0]; });
          var downloads = element("p", "pacer-journal__actions");
          downloads.appendChild(element("span", "pacer-journal__group-title", "Download this module\u2019s notes: "));
          Object.keys(FORMATS).forEach(function (format) {
            var save = button(FORMATS[format].label);
            save.setAttribute("aria-label", "Download the notes of " + module.title + " as " + FORMATS[format].label);
            save.addEventListener("click", function () {
              var current = loadNotes();
              var kept = moduleIds.filter(function (id) { return current[id]; });
              downloadNotes(current, kept, format, "My PaCER journal: " + module.title,
                module.key.replace(/[^\w-]+/g, "-"));
              say("The notes of " + module.title + " were downloaded as a " + FORMATS[format].label + " file.");
            });
            downloads.appendChild(save);
          });
          section.appendChild(downloads);
          module.notes.forEach(function (pair) {
            section.appendChild(noteView(pair[0], pair[1], module.title, ids.indexOf(pair[0])));
          });
          courseSection.appendChild(section);
        });
        list.appendChild(courseSection);
      });
    }

    render();
    journalView = {
      refresh: function () {
        if (!root.contains(document.activeElement) || document.activeElement.tagName !== "TEXTAREA") render();
      }
    };
  }

  window.pacerJournalTools = {
    downloadNotes: downloadNotes,
    setUpJournal: function (root) {
      if (!root.querySelector(".pacer-journal__list")) setUpJournal(root);
    },
    refresh: function () { if (journalView) journalView.refresh(); }
  };
})();
