#!/usr/bin/env bash
# Runs the whole system on this machine: Kafka, PostgreSQL, Redis and every service, then prints the gateway URL.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec dotnet run --project Accommodation.AppHost -- "$@"
