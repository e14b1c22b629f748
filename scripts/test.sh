#!/usr/bin/env bash
# npm test: set up (including the test-only Debian packages), type-check, run the whole vitest suite.
# Extra arguments go to vitest (npm test -- test/notebooks).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for test
echo "test: tsc --noEmit"
node_modules/.bin/tsc --noEmit -p .
node_modules/.bin/vitest run "$@"
