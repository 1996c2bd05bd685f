/* Long card lists (render/layout.py, LONG_ROWS; extra.css, "tabla--larga"): while the
   page loads, their cards out of sight are not laid out, so the layouts Material's
   script asks for stay cheap on a slow phone. Once the browser is idle (or at once,
   on a page opened at a heading), every card is laid out, with its real height: after
   that, find-in-page and links land where the cards stay. */
(function () {
  "use strict";

  function layOutAll() {
    var lists = document.querySelectorAll(".tabla--larga");
    if (!lists.length) return;
    var done = function () {
      // What the reader is looking at (a meta found with find-in-page, a card scrolled
      // to while the page loaded) stays where it is once the cards above it take their
      // real height: Chromium's scroll anchoring does not do it for these cards.
      var anchor = window.scrollY > 0 && document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
      var before = anchor && anchor.getBoundingClientRect().top;
      lists.forEach(function (list) { list.classList.remove("tabla--larga"); });
      if (anchor) window.scrollBy(0, anchor.getBoundingClientRect().top - before);
    };
    if (location.hash) done();
    else if ("requestIdleCallback" in window) window.requestIdleCallback(done, { timeout: 2000 });
    else window.setTimeout(done, 200);
  }

  // Listed in extra_javascript, this runs after Material's bundle; with instant
  // navigation, document$ emits each page swapped in.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(layOutAll);
  else layOutAll();
})();
