#!/usr/bin/env bash
# Build the example newsroom with -W and serve it on http://127.0.0.1:8000/ (Ctrl-C stops).
# `bash scripts/example.sh --no-serve` only builds and prints where the site is.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
.venv/bin/sphinx-build -q -W -b html example_site example_site/_build/html
echo "The example site is in $(pwd)/example_site/_build/html/index.html"
if [ "${1:-}" != "--no-serve" ]; then
  echo "Serving it on http://127.0.0.1:8000/"
  exec .venv/bin/python -m http.server --bind 127.0.0.1 --directory example_site/_build/html 8000
fi
