# Sourced by the scripts: make .venv with the package and its test and dev extras.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
.venv/bin/python -m pip install -q -e '.[test,dev]' 2> >(grep -v "is ignored: it is neither" >&2)
