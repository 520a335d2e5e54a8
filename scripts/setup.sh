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
# The bench (scripts/bench.sh) loads the system and this machine's baselines with wrk.
command -v wrk >/dev/null 2>&1 || need_packages+=(wrk)
# Deploy.Tests validates the Kubernetes manifests against the API's schemas with a Node.js script.
command -v npm >/dev/null 2>&1 || need_packages+=(nodejs npm)

if ((${#need_packages[@]})); then
    echo "setup: installing ${need_packages[*]}"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    # Only the binaries are used: the AppHost and the tests start their own servers on their own ports.
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# Debian's kubectl (1.20, kustomize v2.0.3): the oldest the Kubernetes manifests must render with (Deploy.Tests).
# Unpacked into .tools/ rather than installed, so it sits beside a newer kubectl instead of replacing it.
debian_kubectl=.tools/kubernetes-client/usr/bin/kubectl
if [[ ! -x $debian_kubectl ]]; then
    echo "setup: unpacking Debian's kubectl into .tools/"
    download=$(mktemp -d)
    (cd "$download" && { apt-get download -qq kubernetes-client 2>/dev/null || { apt-get update -qq && apt-get download -qq kubernetes-client; }; })
    mkdir -p .tools/kubernetes-client
    dpkg-deb -x "$download"/kubernetes-client_*.deb .tools/kubernetes-client
    rm -rf "$download"
fi
[[ -d tests/Deploy.Tests/KubernetesSchemas/node_modules ]] ||
    npm ci --prefix tests/Deploy.Tests/KubernetesSchemas --no-audit --no-fund --loglevel=error >/dev/null

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
dotnet tool restore >/dev/null
dotnet restore Accommodation.sln --verbosity quiet
echo "setup: ready"
