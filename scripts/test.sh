#!/usr/bin/env bash
# Runs every test: unit, integration (real PostgreSQL, Redis, embedded Kafka) and end to end (the AppHost).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
dotnet build Accommodation.sln --no-restore --verbosity quiet
dotnet format Accommodation.sln --no-restore --verify-no-changes

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# Quiet, except that a failing test shows its message and stack trace.
dotnet test Accommodation.sln --no-build --verbosity quiet --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The reliability suite's own line: faults injected, requests sent, 5xx, lost and duplicated effects (when it ran).
summary=tests/Reliability.Tests/bin/Debug/net10.0/reliability-summary.txt
if [ "$summary" -nt "$log" ]; then
    cat "$summary"
fi

# One closing line for the whole run, summed over the test assemblies.
grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
    | awk '{ failed += $2; passed += $4; skipped += $6 } END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }'
exit "$status"
