#!/usr/bin/env bash
# Build the example newsroom with -W and serve it on http://127.0.0.1:8000/ (Ctrl-C stops).
# `bash scripts/example.sh --no-serve` only builds and prints where the site is.
# `bash scripts/example.sh --theme furo` builds it with another Sphinx theme instead
# (newsroom, alabaster, furo, sphinx_rtd_theme, pydata_sphinx_theme, sphinx_book_theme),
# with `-D html_theme=NAME` and the sidebar settings that suit that theme (HOST_THEMES in
# scripts/screenshots.py), into example_site/_build/html-NAME.
set -euo pipefail
cd "$(dirname "$0")/.."
serve=yes
theme=
while [ $# -gt 0 ]; do
  case "$1" in
    --no-serve) serve=no ;;
    --theme) theme="${2:?--theme needs a theme name, e.g. --theme furo}"; shift ;;
    --theme=*) theme="${1#--theme=}" ;;
    *) echo "usage: bash scripts/example.sh [--theme NAME] [--no-serve]" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$theme" ]; then
  # The build needs only the package and its runtime dependencies: a small venv of its own.
  NEWSROOM_VENV=.venv-example NEWSROOM_EXTRAS= source scripts/_venv.sh
  out=example_site/_build/html
  # Make mode: the doctrees go to example_site/_build/doctrees, out of the served folder.
  .venv-example/bin/sphinx-build -M html example_site example_site/_build -q -W --keep-going
else
  # The other themes come with the test extras (.venv, as scripts/test.sh makes it).
  source scripts/_venv.sh
  # html_sidebars and the themes' options are lists and dicts, which `sphinx-build -D`
  # cannot set: screenshots.py passes them to Sphinx as overrides, warnings as errors.
  out=example_site/_build/html-$theme
  .venv/bin/python scripts/screenshots.py --build-only "$out" --theme "$theme" >/dev/null
fi
echo "The example site is in $(pwd)/$out/index.html"
if [ "$serve" = yes ]; then
  echo "Serving it on http://127.0.0.1:8000/"
  exec python3 -m http.server --bind 127.0.0.1 --directory "$out" 8000
fi
