#!/usr/bin/env bash
# Run the whole test suite: lint, types, the tests with today's Sphinx, then the
# non-browser tests again with the previous Sphinx major (on Python 3.10 when the machine
# has it). Extra arguments go to the first pytest run, e.g. `bash scripts/test.sh -k calendar`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest (Sphinx $(.venv/bin/python -c 'import sphinx; print(sphinx.__version__)'))"
.venv/bin/python -m pytest "$@"

old_python=python3
for candidate in python3.10 $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3 2>/dev/null); do
  if "$candidate" --version >/dev/null 2>&1; then old_python=$candidate; break; fi
done
if [ ! -x .venv-compat/bin/python ]; then
  "$old_python" -m venv .venv-compat
fi
.venv-compat/bin/python -m pip install -q "sphinx<9" -e '.[test]' 2> >(grep -v "is ignored: it is neither" >&2)
echo "== pytest ($(.venv-compat/bin/python --version), Sphinx $(.venv-compat/bin/python -c 'import sphinx; print(sphinx.__version__)'))"
.venv-compat/bin/python -m pytest -q -m "not browser" -p no:cacheprovider \
  --deselect tests/test_benchmark_smoke.py
