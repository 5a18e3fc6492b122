# Sourced by the Python recipes' recipe.sh (django-session-security, django, flask,
# fastapi): they share one virtualenv, examples/backends/.venv (gitignored).
# Usage: python_setup <requirements.txt>   (recipe.sh setup)
#        python_versions <dist>...         (recipe.sh version)
#        python_bin                        (the venv's python, for recipe.sh start)

BACKENDS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VENV="$BACKENDS/.venv"

python_bin() { echo "$VENV/bin/python"; }

python_setup() {
  local requirements=$1
  if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    # Debian splits venv/ensurepip out of python3.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get install -y -q python3 python3-venv >/dev/null \
        || { apt-get update -q >/dev/null && apt-get install -y -q python3 python3-venv >/dev/null; } || true
    fi
    if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
      echo "python3 with the venv module is not available" >&2
      [ "${CI:-}" = true ] && return 1 || return 77
    fi
  fi
  # Several recipes may be set up at once: one pip at a time in the shared venv.
  exec 9>"$VENV.lock"
  flock 9
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || return 1
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements"
  local rc=$?
  exec 9>&-
  return $rc
}

# recipe.sh version: one line, e.g. "Flask 3.1.3, Werkzeug 3.1.9, Python 3.11.7".
python_versions() {
  "$VENV/bin/python" -c 'import sys, importlib.metadata as m
print(", ".join([f"{n} {m.version(n)}" for n in sys.argv[1:]] + ["Python " + sys.version.split()[0]]))' "$@"
}
