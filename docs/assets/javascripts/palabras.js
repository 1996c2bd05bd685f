/* How the site's search compares words, in one place: the search worker
   (workers/buscar.js, which imports this file) and the page (this file, listed in
   mkdocs.yml) fold and stem every word the same way.

   - `normalize`: lowercase, accents and diaeresis folded (ñ kept apart from n), then
     the Savoy light Spanish stemmer (as Lucene's SpanishLightStemFilter): "Educación"
     and "educacion" are both "educacion", "vías" is "via".
   - On a page opened from a search result (Material adds ?h=<the words searched>),
     every word of the article that starts like a searched word is marked, accents or
     not: Material's own highlighter compares the letters as typed, and only runs
     once the search index is loaded, which this site defers until search opens. */
(function (scope) {
  "use strict";

  var FOLD = { "á": "a", "à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e",
               "í": "i", "ì": "i", "î": "i", "ï": "i", "ó": "o", "ò": "o", "ô": "o", "ö": "o",
               "ú": "u", "ù": "u", "û": "u", "ü": "u" };

  function fold(word) {
    return word.toLowerCase().replace(/[áàâäéèêëíìîïóòôöúùûü]/g, function (c) { return FOLD[c]; });
  }

  /* Savoy's light stemmer for Spanish (as Lucene's SpanishLightStemmer), on folded
     text; a plural "s" is also dropped from 4-letter words (vías -> via). */
  function stem(word) {
    var n = word.length, last = word.charAt(n - 1), before = word.charAt(n - 2);
    if (!/[a-zñ]{2}$/.test(word)) return word;
    if (n >= 5 && (last === "o" || last === "a" || last === "e")) return word.slice(0, -1);
    if (last !== "s" || n < 4) return word;
    if (n >= 5 && word.slice(-4) === "eses") return word.slice(0, -2);
    if (n >= 5 && word.slice(-3) === "ces") return word.slice(0, -3) + "z";
    if (n >= 5 && (before === "o" || before === "a" || before === "e")) return word.slice(0, -2);
    return n === 4 ? word.slice(0, -1) : word;
  }

  function normalize(word) {
    return stem(fold(word));
  }

  scope.buscarPalabras = { fold: fold, normalize: normalize };
  if (typeof document === "undefined") return;  // in the search worker

  /* A word of the page: letters and digits, with the periods inside a meta code. */
  var WORD = /[0-9A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+(?:\.[0-9A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+)*/g;
  var SKIP = "script, style, mark, svg, .plotly-chart, .md-search, .headerlink";

  function searched() {
    var h = new URLSearchParams(location.search).get("h") || "";
    return h.split(/\s+/).filter(function (w) { return w.length > 1 && !/^[+\-]|[~^:"*]/.test(w); })
      .map(normalize);
  }

  function found(word, terms) {
    var n = normalize(word);
    return terms.some(function (term) { return n.indexOf(term) === 0; });
  }

  function markText(node, terms) {
    var text = node.nodeValue, last = 0, parts = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      if (!found(match[0], terms)) continue;
      parts.push(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.setAttribute("data-resaltado", "");
      mark.textContent = match[0];
      parts.push(mark);
      last = match.index + match[0].length;
    }
    if (!parts.length) return;
    parts.push(document.createTextNode(text.slice(last)));
    var parent = node.parentNode;
    parts.forEach(function (part) { parent.insertBefore(part, node); });
    parent.removeChild(node);
  }

  function highlight() {
    var terms = searched(), article = document.querySelector("article.md-content__inner");
    if (!terms.length || !article) return;
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) { markText(node, terms); });
  }

  // Listed in extra_javascript, this runs at the end of the body, after Material's bundle.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(highlight);
  else highlight();
})(self);
