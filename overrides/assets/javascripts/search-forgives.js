/* Search that forgives. Material's search runs in a web worker (lunr); this wraps that worker,
 * so it must load before Material's bundle (overrides/main.html). For each query it also asks for:
 *   - the stem of each English word, which Material completes with a wildcard ("interviews"
 *     finds "interview" and "interviewing"). The index itself is not stemmed: Material ranks
 *     results by comparing the typed words with the indexed ones, which a stemmed index breaks
 *     (a module's own title no longer brought it to the top);
 *   - near spellings, one letter off, of words of five letters or more ("intervew");
 *   - the other names of the same thing (glossary aliases, irregular plurals: "honoraria"),
 *     from the `forms` list that scripts/hooks/search_forms.py adds to the search index's config.
 * Each result then links with the words it found (`?h=interviewing`), so the page highlights
 * them, and lists as missing only the query words it did not find in any form.
 * Works the same in the offline copy, where the worker is the iframe-worker shim. */
(function () {
  "use strict";
  var Base = window.Worker;
  if (!Base) return;
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var FUZZY_FROM = 5;               // letters: shorter words must be spelled right
  var WORD = /^[\p{L}\p{N}]+$/u;
  var forms = {};
  var asked = [];                   // the words of each query sent, answered in order
  var fixed = new WeakMap();        // each answer from the worker, with its terms corrected

  /* The part that an English word's forms share: "interviews", "interviewing" and "interviewers"
     give "interview", "studies" and "study" give "stud". Each step keeps at least four letters. */
  var STEPS = [[/ies$/, /(s|x|z|ch|sh)es$/, /([^sui])s$/], [/(?:ing|ed|er)$/], [/y$/]];
  function stem(word) {
    var stemmed = word;
    STEPS.forEach(function (step) {
      var suffix = step.filter(function (pattern) { return pattern.test(stemmed); })[0];
      if (!suffix) return;
      var shorter = stemmed.replace(suffix, function (all, kept) { return typeof kept === "string" ? kept : ""; });
      if (shorter.length >= 4) stemmed = shorter;
    });
    return stemmed.length >= 6 ? stemmed.replace(/e$/, "") : stemmed;   // "analyse" -> "analys"
  }

  /* One word (or hyphenated name) of the query as lunr clauses; its entry goes to `words`.
     Material adds a wildcard to plain words, so the stem finds every form of the word. */
  function clauses(token, words) {
    var lower = token.toLowerCase(), found = [], also = forms[lower] || [];
    token.split("-").filter(Boolean).forEach(function (part) {
      var low = part.toLowerCase();
      found.push(part);
      if (WORD.test(part)) {
        if (stem(low) !== low) found.push(stem(low));
        if (part.length >= FUZZY_FROM) found.push(part + "~1");
      }
      if (!also.length) words.push({word: low, also: forms[low] || []});
    });
    if (also.length) words.push({word: lower, also: also});
    also.forEach(function (other) {
      other.split(/[\s-]+/).forEach(function (part) {
        if (WORD.test(part)) found.push(part);
      });
    });
    return found.join(" ");
  }

  /* The query Material sends, widened; `words` receives the learner's own words. */
  function widen(query, words) {
    if (/["*~^]|(^|\s)\w+:\S/.test(query)) return query;   // the learner wrote a search expression
    return query.trim().split(/\s+/).map(function (token) {
      token = token.replace(/^[.,;:!?()]+|[.,;:!?()]+$/g, "");  // "groups:" as in a title
      return /^[+-]/.test(token) ? token : clauses(token, words);  // required or excluded words stay
    }).join(" ");
  }

  /* Optimal string alignment distance, stopped early above 1. */
  function withinOne(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      var row = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          row[j] = Math.min(row[j], prev2[j - 2] + 1);
        best = Math.min(best, row[j]);
      }
      if (best > 1) return false;
      prev2 = prev; prev = row;
    }
    return prev[b.length] <= 1;
  }

  /* Is `marked` (a word the result highlights) a form of the query word `word`? */
  function formOf(word, marked) {
    if (marked.indexOf(word) === 0 || word.indexOf(marked) === 0) return true;
    var common = 0;
    while (common < word.length && word[common] === marked[common]) common++;
    return (common >= 4 && common >= Math.min(word.length, marked.length) - 3) || withinOne(word, marked);
  }

  /* The words a result highlights (Material marks them in its title and text). */
  function markedWords(items) {
    var found = [];
    items.forEach(function (item) {
      [item.title, item.text].forEach(function (field) {
        var pattern = /<mark[^>]*>([^<]*)<\/mark>/g, match;
        while ((match = pattern.exec(typeof field === "string" ? field : ""))) {
          var word = (match[1].toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/u) || [""])[0];
          if (word && found.indexOf(word) < 0) found.push(word);
        }
      });
    });
    return found;
  }

  /* Material links each result with `?h=` and the terms marked true: the words found in it,
     or, for a page whose own summary holds none, the words found in its sections. */
  function terms(item, group, words) {
    var marked = markedWords([item]);
    if (!marked.length) marked = markedWords(group);
    if (!marked.length) return item.terms;
    var result = {};
    marked.forEach(function (word) { result[word] = true; });
    words.forEach(function (entry) {
      var names = [entry.word].concat(entry.also);
      var seen = marked.some(function (m) {
        return names.some(function (name) { return name.split(/[\s-]+/).some(function (n) { return formOf(n, m); }); });
      });
      if (!seen && item.terms && entry.word in item.terms) result[entry.word] = false;
    });
    return result;
  }

  function answered(data) {
    var words = asked.shift() || [];
    if (data && data.type === RESULT && data.data && data.data.items)
      data.data.items.forEach(function (group) {
        group.forEach(function (item) { item.terms = terms(item, group, words); });
      });
    return data;
  }

  function Forgiving(url, options) {
    var worker = new Base(url, options);
    var send = worker.postMessage.bind(worker);
    worker.postMessage = function (message) {
      if (message && message.type === SETUP && message.data && message.data.config)
        forms = message.data.config.forms || {};
      if (message && message.type === QUERY && typeof message.data === "string") {
        var words = [];
        message = {type: QUERY, data: widen(message.data, words)};
        asked.push(words);
      }
      return send(message);
    };
    var listen = worker.addEventListener.bind(worker);
    worker.addEventListener = function (type, listener, options) {
      if (type !== "message") return listen(type, listener, options);
      return listen(type, function (event) {
        if (!fixed.has(event)) fixed.set(event, answered(event.data));  // once, however many listeners
        listener.call(worker, {data: fixed.get(event), target: worker, type: "message"});
      }, options);
    };
    return worker;
  }
  Forgiving.prototype = Base.prototype;
  window.Worker = Forgiving;
})();
