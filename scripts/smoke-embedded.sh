#!/usr/bin/env bash
# Proves the default: with no DATABASE_URL the app starts its own embedded PostgreSQL (fresh data folder),
# migrates, loads the demo data, answers /api/health, lets a demo user sign in over HTTP, and stops cleanly.
set -uo pipefail
cd "$(dirname "$0")/.."

port=${SMOKE_PORT:-3390}
# A port someone else holds would answer the checks below for the wrong server.
if curl -s -o /dev/null "http://localhost:$port/"; then echo "smoke-embedded: FAILED: port $port is already in use (set SMOKE_PORT)" >&2; exit 1; fi
data=$(mktemp -d)
log=$(mktemp)
jar=$(mktemp)
cleanup() { rm -rf "$data" "$log" "$jar"; }
trap cleanup EXIT

fail() { echo "smoke-embedded: FAILED: $*" >&2; echo "--- server log"; tail -40 "$log"; kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 1; }

mode=development; [ -f .next/BUILD_ID ] && mode=production
env -u DATABASE_URL -u TEST_DATABASE_URL DATA_DIR="$data" PORT="$port" NODE_ENV="$mode" NEXT_TELEMETRY_DISABLED=1 LOG_LEVEL=info \
  node_modules/.bin/tsx server/index.ts >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 180); do
  curl -sf "http://localhost:$port/api/health" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited during start"
  sleep 1
done
curl -sf "http://localhost:$port/api/health" | grep -q '"upToDate":true' || fail "/api/health did not report ready"
grep -q '"embeddedDatabase":true' "$log" || fail "the server did not use the embedded database"
grep -q 'agent1@nafidha.test' "$log" || fail "the demo logins were not printed"

csrf=$(curl -s -c "$jar" "http://localhost:$port/api/auth/csrf" | sed -E 's/.*"csrfToken":"([^"]+)".*/\1/')
curl -s -b "$jar" -c "$jar" -o /dev/null -X POST "http://localhost:$port/api/auth/callback/credentials" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=agent1@nafidha.test" --data-urlencode "password=nafidha-demo" --data-urlencode "json=true"
grep -q 'session-token' "$jar" || fail "signing in over HTTP did not create a session"
counts=$(curl -s -b "$jar" "http://localhost:$port/api/trpc/conversation.counts")
echo "$counts" | grep -q '"mine":[1-9]' || fail "the signed-in agent has no conversations: $counts"

kill -TERM "$pid"
wait "$pid"; code=$?
[ "$code" = "0" ] || fail "the server did not stop cleanly (exit $code)"
if pgrep -f "$data/postgres" >/dev/null; then fail "the embedded PostgreSQL is still running after stop"; fi
echo "smoke-embedded: passed (embedded PostgreSQL booted, health ok, agent1 signed in over HTTP, stopped cleanly)"
