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
      lists.forEach(function (list) { list.classList.remove("tabla--larga"); });
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
