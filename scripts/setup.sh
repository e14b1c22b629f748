#!/usr/bin/env bash
# Prepares this checkout to run the course or the tests; idempotent, and quick when all is present.
#   scripts/setup.sh [--for course|test]   check Node, install missing Debian packages (when root or
#                                          passwordless sudo), npm ci when needed, register tslab,
#                                          build the notebooks' compiled library when src/ changed.
#   scripts/setup.sh --packages course|test  print the Debian packages that purpose needs.
# Chromium and bubblewrap are needed only by the tests (browser check, grader sandbox).
set -euo pipefail
cd "$(dirname "$0")/.."

JUPYTER_PACKAGES=(jupyter-notebook python3-nbconvert python3-nbclient jupyter-client python3-ipykernel)
TEST_PACKAGES=(chromium bubblewrap)

die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

packages_for() {
  case "$1" in
    course) echo "${JUPYTER_PACKAGES[*]}" ;;
    test) echo "${JUPYTER_PACKAGES[*]} ${TEST_PACKAGES[*]}" ;;
    *) die "unknown purpose '$1' (course or test)" ;;
  esac
}

purpose=course
case "${1:-}" in
  "") ;;
  --for) purpose="${2:-}"; packages_for "$purpose" >/dev/null ;;
  --packages) packages_for "${2:-}"; exit 0 ;;
  *) die "usage: scripts/setup.sh [--for course|test] | --packages course|test" ;;
esac

# Node.js ≥ 20.19 (vitest 4 needs it).
command -v node >/dev/null || die "Node.js ≥ 20.19 is required and was not found (https://nodejs.org)"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || die "Node.js ≥ 20.19 is required, found $(node --version)"

# Debian packages: Jupyter from Debian (PyPI is not used), chromium and bubblewrap for tests.
missing=()
/usr/bin/python3 -c "import notebook, nbconvert, nbclient, nbformat, jupyter_client, ipykernel" 2>/dev/null \
  || missing+=("${JUPYTER_PACKAGES[@]}")
if [[ $purpose == test ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v bwrap >/dev/null || missing+=(bubblewrap)
fi
if ((${#missing[@]})); then
  install=(apt-get install -y --no-install-recommends "${missing[@]}")
  if ! command -v apt-get >/dev/null; then
    die "missing Debian packages: ${missing[*]}; this setup installs them only on Debian/Ubuntu (apt-get)"
  elif [[ $(id -u) == 0 ]]; then sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n)
  else
    die "missing Debian packages: ${missing[*]}. Install them, then run this again:
    sudo apt-get update && sudo ${install[*]}"
  fi
  echo "setup: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive "${install[@]}"
fi

# npm dependencies, when absent or older than the lockfile.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# The tslab kernel, registered inside the project (.jupyter/, gitignored) for this checkout's path;
# its binary is scripts/tslab-kernel.js (tslab's kernel plus a warm-up of the course's imports).
kernel=.jupyter/share/jupyter/kernels/tslab/kernel.json
if ! grep -qF "\"$PWD/scripts/tslab-kernel.js\"" "$kernel" 2>/dev/null; then
  echo "setup: registering the tslab kernel under .jupyter/"
  node_modules/.bin/tslab install --python=/usr/bin/python3 --prefix="$PWD/.jupyter" \
    --binary="$PWD/scripts/tslab-kernel.js" >/dev/null
fi

# The compiled library the notebooks import (notebooks/src links to notebooks/lib/build/src) and
# the files pages load (plotly, the library for live figures): rebuilt when src/ changed.
node_modules/.bin/tsx scripts/notebook-lib.ts
