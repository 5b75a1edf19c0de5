#!/usr/bin/env bash
# Run the whole test suite (lint, types, tests) in a local virtual environment.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k calendar`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest "$@"
