/* Draws every chart of the site.
 *
 * Pages carry inert <div class="plotly-chart" data-figure="{json}"> blocks and no
 * script, so their figures and tables read before any JavaScript runs. This file
 * (extra_javascript, on every page) loads plotly.min.js (a partial bundle, see
 * scripts/plotly/) once, when the first chart of a page comes near the viewport and
 * the page has loaded, and draws each chart as it comes near, one per task (a figure's
 * "narrow" variant in a container under 600 px), inside
 * Material's document$ (so they survive instant navigation); before printing it
 * draws the rest. A MutationObserver on the palette
 * re-colours text and grid lines when the reader switches light/dark mode.
 */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var PLOTLY_URL = new URL("plotly.min.js", here || window.location.href).href;
  var loading = null;

  // plotly.js (over a megabyte of script to run) waits until the page has loaded and
  // the browser is idle: the text and tables paint first and answer at once.
  function afterLoad() {
    return new Promise(function (resolve) {
      function idle() {
        if ("requestIdleCallback" in window) window.requestIdleCallback(resolve, { timeout: 2000 });
        else setTimeout(resolve, 200);
      }
      if (document.readyState === "complete") idle();
      else window.addEventListener("load", idle, { once: true });
    });
  }

  function insertPlotly() {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = PLOTLY_URL;
      tag.async = true;
      tag.onload = function () { resolve(window.Plotly); };
      tag.onerror = function () {
        loading = null;
        reject(new Error("No se pudo cargar " + PLOTLY_URL));
      };
      document.body.appendChild(tag);
    });
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) loading = afterLoad().then(insertPlotly);
    return loading;
  }

  function cssVar(el, name, fallback) {
    var value = getComputedStyle(el).getPropertyValue(name).trim();
    return value || fallback;
  }

  // Text and grid colours of the current palette, as a Plotly relayout update.
  function themeUpdate(el) {
    var text = cssVar(el, "--md-typeset-color", "#222");
    var grid = cssVar(el, "--md-default-fg-color--lightest", "#ddd");
    return {
      "font.color": text,
      "xaxis.gridcolor": grid,
      "yaxis.gridcolor": grid,
      "xaxis.zerolinecolor": grid,
      "yaxis.zerolinecolor": grid,
      "xaxis.linecolor": grid,
      "yaxis.linecolor": grid
    };
  }

  function applyTheme(layout, update) {
    Object.keys(update).forEach(function (path) {
      var keys = path.split(".");
      var last = keys.pop();
      var target = layout;
      keys.forEach(function (key) {
        if (!target[key] || typeof target[key] !== "object") target[key] = {};
        target = target[key];
      });
      target[last] = update[path];
    });
    return layout;
  }

  var CONFIG = { responsive: true, displayModeBar: false, displaylogo: false };
  // Below this width a chart draws its "narrow" variant, when it has one, and bar
  // charts their short labels (see charts.with_narrow in the generator).
  var NARROW = 600;

  function isNarrow(el) {
    return el.clientWidth < NARROW;
  }

  function draw(Plotly, el) {
    if (el.getAttribute("data-drawn") === "1" || !el.isConnected) return;
    var figure;
    try {
      figure = JSON.parse(el.getAttribute("data-figure"));
    } catch (error) {
      fail(el);
      return;
    }
    el.setAttribute("data-narrow", isNarrow(el) ? "1" : "0");
    if (figure.narrow && isNarrow(el)) figure = figure.narrow;
    var layout = applyTheme(figure.layout || {}, themeUpdate(el));
    narrowLabels(el, figure, layout);
    el.setAttribute("data-drawn", "1");
    Plotly.newPlot(el, figure.data || [], layout, CONFIG);
  }

  // On a phone the bar charts label each bar with a short label, its code or its name
  // on narrow lines (the table beside the chart has the names), so the bars keep most
  // of the width.
  function narrowLabels(el, figure, layout) {
    var short = layout.meta && layout.meta.short;
    var first = figure.data && figure.data[0];
    if (!short || !first || !first.y || !isNarrow(el)) return;
    layout.yaxis = layout.yaxis || {};
    layout.yaxis.tickmode = "array";
    layout.yaxis.tickvals = first.y;
    layout.yaxis.ticktext = short;
  }

  function fail(el) {
    if (el.getAttribute("data-drawn")) return;
    el.setAttribute("data-drawn", "error");
    var note = document.createElement("p");
    note.className = "plotly-chart__error";
    note.textContent = "No se pudo dibujar esta gráfica; sus cifras están en la tabla.";
    el.appendChild(note);
  }

  // One chart per task, so the page answers taps between two charts (a long task
  // blocks the reader; Lighthouse counts it as total blocking time).
  var queue = [];
  var draining = false;

  function drawOne(el) {
    if (queue.indexOf(el) < 0) queue.push(el);
    if (draining) return;
    draining = true;
    loadPlotly().then(function (Plotly) {
      (function next() {
        var el = queue.shift();
        if (!el) { draining = false; return; }
        try { draw(Plotly, el); } catch (error) { fail(el); }
        setTimeout(next, 0);
      })();
    }, function () {
      queue.splice(0).forEach(fail);
      draining = false;
    });
  }

  // Charts are drawn when they come within a quarter of a screen of the viewport: a
  // page whose first chart is further down does not download or run plotly.js until
  // the reader scrolls towards it.
  var nearby = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      nearby.unobserve(entry.target);
      drawOne(entry.target);
    });
  }, { rootMargin: "25% 0px" }) : null;

  function pending() {
    return Array.prototype.slice.call(
      document.querySelectorAll(".plotly-chart[data-figure]:not([data-drawn])")
    );
  }

  function drawAll() {
    pending().forEach(function (el) {
      if (nearby) nearby.observe(el); else drawOne(el);
    });
  }

  // On paper every chart is drawn and every "Más datos" is open (closed again after),
  // and the page's last line goes to the foot of every sheet (extra.css, @page): a
  // CSS string, the text on one line with its quotes and backslashes escaped.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    pending().forEach(drawOne);
    opened = Array.prototype.slice.call(document.querySelectorAll(".md-typeset details:not([open])"));
    opened.forEach(function (el) { el.setAttribute("open", ""); });
    var footer = document.querySelector(".md-typeset .pie-pagina");
    if (footer) {
      var text = footer.innerText.replace(/\s+/g, " ").trim();
      document.documentElement.style.setProperty("--pie-pagina", '"' + text.replace(/[\\"]/g, "\\$&") + '"');
      document.documentElement.classList.add("pie-en-margen");
    }
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.removeAttribute("open"); });
    opened = [];
    document.documentElement.style.removeProperty("--pie-pagina");
    document.documentElement.classList.remove("pie-en-margen");
  });

  // Material wraps wide tables in a scrolling box; make it reachable with the
  // keyboard and name it after the table's caption (axe: scrollable-region-focusable).
  function focusableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.hasAttribute("tabindex")) return;
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", caption ? caption.textContent : "Tabla");
    });
  }

  function onPage() {
    focusableTables();
    drawAll();
  }

  function recolour() {
    if (!window.Plotly) return;
    document.querySelectorAll('.plotly-chart[data-drawn="1"]').forEach(function (el) {
      window.Plotly.relayout(el, themeUpdate(el));
    });
  }

  // A chart whose container crossed NARROW (a phone turned, a window resized) is drawn
  // again, in the variant for its new width.
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      if (!window.Plotly) return;
      document.querySelectorAll('.plotly-chart[data-drawn="1"]').forEach(function (el) {
        if (el.getAttribute("data-narrow") === (isNarrow(el) ? "1" : "0")) return;
        el.removeAttribute("data-drawn");
        drawOne(el);
      });
    }, 250);
  });

  new MutationObserver(recolour).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"]
  });

  var seen = false;
  function once() { seen = true; onPage(); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(once);
  }
  // Without Material's document$ (or when it never fires, as when the site is
  // opened from disk with instant navigation on) draw once the page has loaded.
  if (document.readyState === "complete") {
    if (!seen) onPage();
  } else {
    window.addEventListener("load", function () { if (!seen) onPage(); });
  }
})();
