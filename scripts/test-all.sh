#!/usr/bin/env bash
# Every test, after installing what the tests need. This is the README's test
# command (`npm ci && npm test`) and what CI runs (.ci/run). As root on Debian or
# Ubuntu it installs missing system packages with apt-get and says which.
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
phase() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

phase "Install what the labs and the tests need"
if [ "$(id -u)" != 0 ]; then
  echo "The tests attach real XDP programs: run them as root (sudo npm test)." >&2
  exit 1
fi
bash labs/provision/provision.sh labs/provision/packages.txt
bash labs/provision/provision.sh labs/provision/test-packages.txt

phase "Type check (astro check)"
npx astro check

# Every project runs even when an earlier one fails, so one run shows everything.
status=0
run_project() {
  phase "Tests: $1"
  npx vitest run --project "$1" --reporter=default --reporter=json --outputFile="$results/$1.json" || status=1
}
run_project unit
run_project labs
run_project labs-alone
run_project site
run_project server

phase "Every lab inside a real Vagrant VM"
bash scripts/ci-vagrant.sh "$results" || status=1

phase "Summary"
node scripts/summarize-tests.ts "$results"/*.json || status=1
exit $status
