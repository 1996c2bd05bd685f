#!/usr/bin/env bash
# Rebuilds docs/assets/javascripts/plotly.min.js, the partial plotly.js the site serves:
# the core plus the trace types listed in entry.js, from the npm packages pinned in
# package-lock.json. Needs Node.js 20 and npm. The output is byte-stable: run it twice,
# get the same file. Its licences go beside it, in plotly.LICENSE.txt.
set -euo pipefail
cd "$(dirname "$0")"
out=../../docs/assets/javascripts
npm ci --no-audit --no-fund --ignore-scripts --silent
npx --no-install esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
  --legal-comments=external --target=es2018 --define:global=window --loader:.css=empty --log-level=warning \
  --outfile="$out/plotly.min.js"
{
  echo "plotly.min.js: plotly.js $(node -p 'require("plotly.js/package.json").version'), partial bundle (see scripts/plotly/)."
  echo
  cat node_modules/plotly.js/LICENSE
  echo
  cat "$out/plotly.min.js.LEGAL.txt"
} > "$out/plotly.LICENSE.txt"
rm "$out/plotly.min.js.LEGAL.txt"
echo "plotly.min.js: $(wc -c < "$out/plotly.min.js") bytes"
