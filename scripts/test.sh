#!/usr/bin/env bash
# `npm test`: every check the project has, cheapest first, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s\n' "$1"; }

step "Type check"
npx tsc --noEmit

step "Lint"
npx eslint --max-warnings=0 .

step "Format (Prettier; npm run format fixes it)"
npx prettier --check . > /dev/null || { npx prettier --list-different .; exit 1; }

# Built before Vitest: some integration tests start the production server.
step "Production build"
npx next build

step "Unit and integration tests (Vitest)"
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "TEST_DATABASE_URL is not set: the Postgres tests are reported as skipped."
fi
npx vitest run

step "End-to-end tests (Playwright, production server)"
E2E_PORT="${E2E_PORT:-$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')}"
export E2E_PORT
npx playwright test
