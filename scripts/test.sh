#!/usr/bin/env bash
# npm test: set up (including the test-only Debian packages), type-check, run the whole vitest suite.
# Extra arguments go to vitest (npm test -- test/notebooks). Ends with a plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for test
echo "test: tsc --noEmit (the project, then the browser edition's kernel and plugins)"
node_modules/.bin/tsc --noEmit -p .
node_modules/.bin/tsc --noEmit -p lite
mkdir -p out
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=out/vitest.json "$@" || status=$?
node -e 'const r = require("./out/vitest.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)' || true
exit "$status"
