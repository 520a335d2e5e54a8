#!/usr/bin/env bash
# Prints an access token from identity, through the gateway, for use as 'Authorization: Bearer <token>'.
#   scripts/token.sh kim                 a demo user (kim, lee: customers; park: manager), signed in as the web app
#                                        would: authorization code + PKCE (S256), the login form posted with curl
#   scripts/token.sh --client            the load-test client itself (Development only): manager and customer
#   scripts/token.sh --customer load-x1  a synthetic customer of the load-test client (ids start with load-)
# GATEWAY (default http://127.0.0.1:5000) and PASSWORD (default: the demo user's, from identity's Development settings)
# can be set in the environment.
set -euo pipefail
gateway=${GATEWAY:-http://127.0.0.1:5000}
scopes="openid profile roles reservations rooms payments notices"
redirect_uri="http://localhost:5000/signin-oidc"

access_token() { sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p'; }
fail() { echo "token.sh: $*" >&2; exit 1; }

client_credentials() {
    local response
    response=$(curl -sS "$gateway/connect/token" -d grant_type=client_credentials -d client_id=loadtests \
        -d "client_secret=${LOADTESTS_CLIENT_SECRET:-loadtests-dev-secret}" -d "scope=reservations rooms payments notices" "$@")
    access_token <<<"$response" | grep . || fail "the token endpoint answered: $response"
}

case "${1:-}" in
    --client) client_credentials; exit ;;
    --customer) client_credentials -d "customer_id=${2:?a customer id starting with load-}"; exit ;;
    "" | -*) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

user=$1
case "$user" in
    kim) password=${PASSWORD:-Kim-demo-pass-1} ;;
    lee) password=${PASSWORD:-Lee-demo-pass-1} ;;
    park) password=${PASSWORD:-Park-demo-pass-1} ;;
    *) password=${PASSWORD:?PASSWORD is needed for a user other than kim, lee or park} ;;
esac

jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
verifier=$(openssl rand 32 | base64url)
challenge=$(printf '%s' "$verifier" | openssl dgst -binary -sha256 | base64url)
get_location() { curl -sS -o /dev/null -c "$jar" -b "$jar" -w '%{redirect_url}' "$@"; }
# A hidden field's value, HTML entities (&amp; and &#xHH;) decoded.
hidden() { printf '%b' "$(sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" | sed 's/&amp;/\&/g; s/&#x\([0-9A-Fa-f][0-9A-Fa-f]\);/\\x\1/g')"; }

# 1. The web app's authorization request: identity has no session yet, so it sends the browser to its login form.
login=$(get_location -G "$gateway/connect/authorize" --data-urlencode client_id=web --data-urlencode response_type=code \
    --data-urlencode "redirect_uri=$redirect_uri" --data-urlencode "scope=$scopes" --data-urlencode state=token-sh \
    --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256)
[[ $login == *"/account/login"* ]] || fail "expected the login form, got '$login'"
# 2. The form (its antiforgery token and where to go back to), posted with the user's password.
form=$(curl -sS -c "$jar" -b "$jar" "$login")
back=$(get_location "$gateway/account/login" --data-urlencode "__RequestVerificationToken=$(hidden __RequestVerificationToken <<<"$form")" \
    --data-urlencode "returnUrl=$(hidden returnUrl <<<"$form")" --data-urlencode "userName=$user" --data-urlencode "password=$password")
[[ -n $back ]] || fail "the login form refused $user (wrong password?)"
# 3. Back to the authorization endpoint, now signed in: a redirect to the web app with the code.
callback=$(get_location "$back")
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$callback")
[[ -n $code ]] || fail "no code in '$callback'"
# 4. The code and the PKCE verifier, for the tokens.
response=$(curl -sS "$gateway/connect/token" -d grant_type=authorization_code -d client_id=web --data-urlencode "code=$code" \
    --data-urlencode "redirect_uri=$redirect_uri" --data-urlencode "code_verifier=$verifier")
access_token <<<"$response" | grep . || fail "the token endpoint answered: $response"
