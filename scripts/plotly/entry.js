// The plotly.js the site serves: the core and the trace types of generator/render/charts.py
// (charts.BUNDLED_TRACES lists the same four; a test keeps them in step).
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/scatter"),
  require("plotly.js/lib/indicator"),
  require("plotly.js/lib/sunburst"),
]);

module.exports = Plotly;
