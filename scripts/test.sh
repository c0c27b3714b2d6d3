#!/usr/bin/env bash
# The whole suite: checks, unit, integration (real PostgreSQL) and end-to-end (real server, system Chromium).
# Every step runs even when an earlier one fails, so one run shows everything; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
REPORTS=test-results
mkdir -p "$REPORTS"
rm -f "$REPORTS"/checks.txt "$REPORTS"/unit.json "$REPORTS"/integration.json "$REPORTS"/e2e.json

bash scripts/ensure-test-deps.sh || exit 1

check() { # name, command...
  local name=$1; shift
  echo; echo "━━ $name"
  "$@"; local code=$?
  echo "$name $code" >> "$REPORTS/checks.txt"
  return 0
}

check typecheck npx tsc --noEmit
check lint npx eslint --max-warnings=0 .
check migrations npx tsx scripts/check-migrations.ts
check cycles npx madge --circular --extensions ts,tsx server db components app
check file-size npx tsx scripts/check-file-size.ts

echo; echo "━━ unit"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"
echo; echo "━━ integration"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$REPORTS/integration.json"

check build npx next build
echo; echo "━━ e2e"
npx playwright test

echo
npx tsx scripts/test-summary.ts
