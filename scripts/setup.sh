#!/usr/bin/env bash
# Prepares this checkout to run the course or the tests; idempotent, and quick when all is present.
#   scripts/setup.sh [--for course|site|test]   check Node, find a Python with Jupyter (or install Debian's,
#                                          when root or passwordless sudo), npm ci when needed, register tslab,
#                                          build the notebooks' compiled library when src/ changed.
#   scripts/setup.sh --packages course|test  print the Debian packages that purpose needs.
# Chromium, bubblewrap and unzip are needed only by the tests (browser checks, grader sandbox, zips),
# and so are the browser edition's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

JUPYTER_PACKAGES=(jupyter-notebook python3-nbconvert python3-nbclient jupyter-client python3-ipykernel)
TEST_PACKAGES=(chromium bubblewrap unzip)

die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

packages_for() {
  case "$1" in
    course|site) echo "${JUPYTER_PACKAGES[*]}" ;;
    test) echo "${JUPYTER_PACKAGES[*]} ${TEST_PACKAGES[*]}" ;;
    *) die "unknown purpose '$1' (course, site or test)" ;;
  esac
}

purpose=course
case "${1:-}" in
  "") ;;
  --for) purpose="${2:-}"; packages_for "$purpose" >/dev/null ;;
  --packages) packages_for "${2:-}"; exit 0 ;;
  *) die "usage: scripts/setup.sh [--for course|site|test] | --packages course|site|test" ;;
esac

# Node.js ≥ 20.19 (vitest 4 needs it).
command -v node >/dev/null || die "Node.js ≥ 20.19 is required and was not found (https://nodejs.org)"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || die "Node.js ≥ 20.19 is required, found $(node --version)"

# Which Python runs Jupyter: the first of
#   $JUPYTER_PYTHON; the active virtual environment ($VIRTUAL_ENV) or conda environment ($CONDA_PREFIX);
#   the interpreter of the `jupyter` command on PATH; the project's own .venv/; python3 on PATH;
#   Debian's /usr/bin/python3
# that can import the notebook server, nbconvert and nbclient (the site and the tests run notebooks
# headless) and jupyter_client (registers the kernel). Only when none can are Debian's packages installed (Debian/Ubuntu, with
# root or passwordless sudo). The choice is kept in .jupyter/python for scripts/course.sh and
# scripts/notebooks.ts.
modules="notebook, jupyter_client, nbformat, nbconvert, nbclient, IPython"
candidates() {
  [[ -n ${JUPYTER_PYTHON:-} ]] && echo "$JUPYTER_PYTHON"
  [[ -n ${VIRTUAL_ENV:-} ]] && echo "$VIRTUAL_ENV/bin/python"
  [[ -n ${CONDA_PREFIX:-} ]] && echo "$CONDA_PREFIX/bin/python"
  local jupyter; jupyter="$(command -v jupyter 2>/dev/null || true)"
  # The interpreter named on the first line of the jupyter script (#!/path/to/python).
  [[ -n $jupyter ]] && head -n1 "$jupyter" 2>/dev/null | sed -n 's/^#! *\([^ ]*python[^ ]*\).*/\1/p'
  echo "$PWD/.venv/bin/python"
  command -v python3 2>/dev/null || true
  echo /usr/bin/python3
}
find_python() {
  local py
  while read -r py; do
    [[ -n $py && -x $py ]] || continue
    if "$py" -c "import $modules" 2>/dev/null; then echo "$py"; return 0; fi
  done < <(candidates)
  return 1
}
if ! python="$(find_python)"; then
  missing=("${JUPYTER_PACKAGES[@]}")
else
  missing=()
fi
if [[ $purpose == test ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  command -v unzip >/dev/null || missing+=(unzip)
fi
if ((${#missing[@]})); then
  install=(apt-get install -y --no-install-recommends "${missing[@]}")
  if ! command -v apt-get >/dev/null; then
    die "missing: ${missing[*]}. Jupyter: install the classic Notebook (pip install 'notebook<7' nbconvert nbclient, in a
    virtual environment if you like: python3 -m venv .venv && .venv/bin/pip install 'notebook<7' nbconvert nbclient), then run this
    again; or set JUPYTER_PYTHON to a Python that has it. Debian/Ubuntu packages are installed only with apt-get."
  elif [[ $(id -u) == 0 ]]; then sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n)
  else
    die "missing: ${missing[*]}. Either install Jupyter yourself (see README: a virtual environment works) and run this
    again, or install Debian's packages, then run this again:
    sudo apt-get update && sudo ${install[*]}"
  fi
  echo "setup: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive "${install[@]}"
  python="$(find_python)" || die "Jupyter still not importable after installing ${missing[*]}"
fi
if [[ -n ${JUPYTER_PYTHON:-} && $python != "$JUPYTER_PYTHON" ]]; then
  echo "setup: JUPYTER_PYTHON=$JUPYTER_PYTHON cannot import $modules; using $python" >&2
fi
mkdir -p .jupyter
if [[ "$(cat .jupyter/python 2>/dev/null)" != "$python" ]]; then
  echo "setup: Jupyter from $python"
  echo "$python" > .jupyter/python
fi

# npm dependencies, when absent or older than the lockfile.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# The browser edition's packages (JupyterLab's, in lite/node_modules), for npm run site and the tests.
if [[ $purpose != course && ( ! -f lite/node_modules/.package-lock.json || lite/package-lock.json -nt lite/node_modules/.package-lock.json ) ]]; then
  echo "setup: npm ci in lite/ (the browser edition's packages)"
  (cd lite && npm ci --no-audit --no-fund)
fi

# The tslab kernel, registered inside the project (.jupyter/, gitignored) for this checkout's path;
# its binary is scripts/tslab-kernel.js (tslab's kernel plus a warm-up of the course's imports).
kernel=.jupyter/share/jupyter/kernels/tslab/kernel.json
if ! grep -qF "\"$PWD/scripts/tslab-kernel.js\"" "$kernel" 2>/dev/null; then
  echo "setup: registering the tslab kernel under .jupyter/"
  node_modules/.bin/tslab install --python="$python" --prefix="$PWD/.jupyter" \
    --binary="$PWD/scripts/tslab-kernel.js" >/dev/null
fi

# The compiled library the notebooks import (notebooks/src links to notebooks/lib/build/src) and
# the files pages load (plotly, the library for live figures): rebuilt when src/ changed.
node_modules/.bin/tsx scripts/notebook-lib.ts
