/* Search worker: Material's own (named in this script's URL, ?material=...), with
   what a citizen's search needs (issue 10), in front of it:

   - Accents and case do not matter, and a word finds its plural: every indexed word
     and every query word goes through the same `normalize` (../palabras.js: lowercase,
     accents and diaeresis folded, ñ kept apart from n, then the Savoy light Spanish
     stemmer, the one Lucene ships as SpanishLightStemFilter). Material's pipeline
     applies lunr's Snowball stemmer, which needs the accents ("educación" -> "educ"
     but "educacion" stays whole), and sends every query word as a prefix (word*) past
     the stemmer: folded text and stems on both sides are what make "educacion" find
     "educación".
   - Synonyms: `sinonimos` in the index's config (written by the generator from the shipped
     vocabulary and each plan.yml) adds their words to the query.
   - The plan the reader is in first: the page posts {type: "buscar:plan", data: slug}
     and results under that folder are listed before the rest.
   - A query widened by synonyms shows no word as "missing". */
(function () {
  "use strict";

  /* fold and normalize: one owner for the worker and the page (../palabras.js). */
  importScripts(new URL("../palabras.js", location.href).href);
  var fold = self.buscarPalabras.fold, normalize = self.buscarPalabras.normalize;

  function normalizeToken(token) {
    return token.update(normalize);
  }

  var vocabulary = {}, synonyms = null, plan = "";

  /* normalized word -> every normalized word it also searches, following listed words
     that have a list of their own (carreteras -> vías -> malla vial). Built on the
     first query, once Material has set the separator. */
  function expand(raw) {
    var direct = {};
    Object.keys(raw).forEach(function (word) {
      var key = normalize(word), list = direct[key] || (direct[key] = []);
      raw[word].forEach(function (phrase) {
        phrase.split(lunr.tokenizer.separator).forEach(function (part) {
          if (part && !isStopWord(part) && list.indexOf(normalize(part)) < 0) list.push(normalize(part));
        });
      });
    });
    var closed = {};
    Object.keys(direct).forEach(function (key) {
      var seen = [key], queue = direct[key].slice();
      while (queue.length) {
        var word = queue.shift();
        if (seen.indexOf(word) >= 0) continue;
        seen.push(word);
        queue.push.apply(queue, direct[word] || []);
      }
      closed[key] = seen.slice(1);
    });
    return closed;
  }

  /* lunr.es is loaded by Material's setup message (importScripts): replace its plugin
     with one that keeps its stop words and then normalizes, on both sides. */
  var load = self.importScripts;
  self.importScripts = function () {
    var result = load.apply(self, arguments);
    var es = self.lunr && self.lunr.es;
    if (es && !es.buscar) {
      lunr.Pipeline.registerFunction(normalizeToken, "buscarNormalize");
      var plugin = function () {
        this.pipeline.reset();
        this.pipeline.add(es.stopWordFilter, normalizeToken);
        if (this.searchPipeline) {
          this.searchPipeline.reset();
          this.searchPipeline.add(normalizeToken);
        }
      };
      Object.keys(es).forEach(function (key) { plugin[key] = es[key]; });
      plugin.buscar = true;
      lunr.es = plugin;
    }
    return result;
  };

  function isStopWord(word) {
    return lunr.es && !lunr.es.stopWordFilter(new lunr.Token(word.toLowerCase()));
  }

  /* The query as the index holds its words. Quoted phrases, fields and modifiers
     (+word, -word, word~1) are Material's: those words pass unchanged but folded. */
  function rewrite(query) {
    var separator = lunr.tokenizer.separator;
    if (synonyms === null) synonyms = expand(vocabulary);
    var words = query.trim().split(/\s+/).filter(Boolean);
    var out = [], extra = [];
    words.forEach(function (word, i) {
      if (/^[+\-]|[~^:"*]/.test(word)) return void out.push(fold(word));
      word.split(separator).filter(Boolean).forEach(function (part) {
        if (i < words.length - 1 && isStopWord(part)) return;
        var term = normalize(part);
        out.push(term);
        (synonyms[term] || []).forEach(function (alt) {
          if (out.indexOf(alt) < 0 && extra.indexOf(alt) < 0) extra.push(alt);
        });
      });
    });
    return { query: out.concat(extra).join(" "), extra: extra };
  }

  function inPlan(group) {
    return plan !== "" && group[0].location.indexOf(plan + "/") === 0;
  }

  var listeners = [];
  var add = self.addEventListener;
  self.addEventListener = function (type, listener) {
    if (type !== "message") return add.apply(self, arguments);
    listeners.push(listener);
  };

  var extra = [];
  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.data && Array.isArray(message.data.items)) {
      var items = message.data.items;
      items.forEach(function (group) {
        group.forEach(function (item) {
          /* A result found by a synonym does not lack the word typed, nor the
             synonyms it does not hold: Material would list them as missing. */
          if (extra.length) Object.keys(item.terms).forEach(function (word) {
            if (!item.terms[word]) delete item.terms[word];
          });
        });
      });
      message.data.items = items.filter(inPlan).concat(items.filter(function (g) { return !inPlan(g); }));
    }
    return post.apply(self, arguments);
  };

  /* Material's worker registers its listener and posts through the two above. */
  importScripts(new URL(location.href).searchParams.get("material"));

  add.call(self, "message", function (event) {
    var message = event.data;
    if (message && message.type === "buscar:plan") {
      plan = String(message.data || "");
      return;
    }
    if (message && message.type === 0 && message.data && message.data.config) {
      vocabulary = message.data.config.sinonimos || {};
      synonyms = null;
    }
    if (message && message.type === 2 && typeof message.data === "string") {
      var rewritten = rewrite(message.data);
      extra = rewritten.extra;
      message = { type: 2, data: rewritten.query };
    }
    listeners.forEach(function (listener) { listener({ data: message }); });
  });
})();
