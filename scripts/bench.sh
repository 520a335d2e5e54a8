#!/usr/bin/env bash
# Measures this machine's baselines (wrk, pgbench) and the whole system through its gateway, in one run, and prints
# the figures with their ratios and targets (docs/performance.md). Options: ./scripts/bench.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# Release: the figures are about the code as it would run in production, not a debug build.
dotnet build loadtests/Accommodation.Bench -c Release --verbosity quiet
exec dotnet loadtests/Accommodation.Bench/bin/Release/net10.0/Accommodation.Bench.dll "$@"
