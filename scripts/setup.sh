#!/usr/bin/env bash
# Installs what Accommodation needs on Debian 12 with the .NET 10 SDK. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)
command -v kcat >/dev/null 2>&1 || need_packages+=(kcat)
# The dashboard's browser tests drive Debian's Chromium (Playwright's own download needs the internet), with a font to render.
[[ -x /usr/bin/chromium ]] || need_packages+=(chromium)
[[ -d /usr/share/fonts/truetype/dejavu ]] || need_packages+=(fonts-dejavu-core)
# The web app's Korean pages: a Korean font for the browser, and ICU for Korean dates and numbers in .NET.
[[ -d /usr/share/fonts/truetype/nanum ]] || need_packages+=(fonts-nanum)
ldconfig -p | grep -q libicuuc || need_packages+=(libicu72)
# scripts/token.sh signs a user in with curl and makes its PKCE challenge with openssl.
command -v curl >/dev/null 2>&1 || need_packages+=(curl)
command -v openssl >/dev/null 2>&1 || need_packages+=(openssl)

if ((${#need_packages[@]})); then
    echo "setup: installing ${need_packages[*]}"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    # Only the binaries are used: the AppHost and the tests start their own servers on their own ports.
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
dotnet tool restore >/dev/null
dotnet restore Accommodation.sln --verbosity quiet
echo "setup: ready"
