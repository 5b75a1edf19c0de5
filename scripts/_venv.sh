# Sourced by the scripts: make a virtual environment with the package installed.
# By default .venv with the test and dev extras (scripts/test.sh, .ci/run); a script that
# only builds sets NEWSROOM_VENV and NEWSROOM_EXTRAS first, e.g. NEWSROOM_EXTRAS= for the
# runtime dependencies alone. The (editable) install runs again only when pyproject.toml
# or the extras change, and says nothing unless it fails; NEWSROOM_REINSTALL=1 forces it.
_newsroom_pip() {
  local log status=0
  log="$(mktemp)"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@" >"$log" 2>&1 || status=$?
  if [ "$status" != 0 ]; then cat "$log" >&2; fi
  rm -f "$log"
  return "$status"
}
venv=${NEWSROOM_VENV:-.venv}
extras=${NEWSROOM_EXTRAS-[test,dev]}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  _newsroom_pip --upgrade pip
fi
wanted="$("$venv/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(open("pyproject.toml", "rb").read() + sys.argv[1].encode()).hexdigest())' "$extras")"
if [ "${NEWSROOM_REINSTALL:-}" = 1 ] || [ "$(cat "$venv/.newsroom-installed" 2>/dev/null)" != "$wanted" ]; then
  _newsroom_pip -e ".$extras"
  echo "$wanted" > "$venv/.newsroom-installed"
fi
unset venv extras wanted
