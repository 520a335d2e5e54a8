#!/usr/bin/env bash
# Runs every test: unit, integration (real PostgreSQL, Redis, embedded Kafka) and end to end (the AppHost).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
dotnet build Accommodation.sln --no-restore --verbosity quiet
dotnet format Accommodation.sln --no-restore --verify-no-changes
dotnet test Accommodation.sln --no-build --verbosity quiet --logger "console;verbosity=normal" "$@"
