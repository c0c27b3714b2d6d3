#!/usr/bin/env bash
# What the tests need beyond npm packages: Chromium from Debian (Playwright cannot download browsers here)
# and a reachable PostgreSQL server for integration and end-to-end tests.
set -uo pipefail

if [ -z "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium from Debian for the end-to-end tests…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || { echo "Could not install chromium with apt-get." >&2; exit 1; }
  else
    echo "The end-to-end tests need Chromium: install it (sudo apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE." >&2
    exit 1
  fi
fi

if ! node --input-type=module -e "
  import postgres from 'postgres';
  const sql = postgres(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', { connect_timeout: 5, max: 1, onnotice: () => {} });
  await sql\`select 1\`;
  await sql.end();
" 2>/dev/null; then
  echo "The tests need a PostgreSQL server: set TEST_DATABASE_URL (or DATABASE_URL) or run one on 127.0.0.1:5432 (user postgres)." >&2
  exit 1
fi
