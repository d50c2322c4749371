#!/usr/bin/env bash
# Checks that openapi/returns.v1.json is a contract integrators can generate clients from:
#   1. Redocly CLI lint with the `recommended` rule set (redocly.yaml): fails on errors, counts warnings;
#   2. openapi-typescript generates generated/returns.d.ts without document problems, and walk.ts, an
#      integrator's use of it through openapi-fetch, type-checks with tsc strict;
#   3. Kiota generates a C# client without warnings: when OPENAPI_CHECK_KIOTA=1 (installs Kiota 1.38.0 into
#      $KIOTA_TOOL_PATH, default /tmp/kiota, if needed) or when kiota is already installed there or on PATH.
# Every check runs; each prints one summary line ("openapi check: NAME: ok|FAILED ..."); exit 1 if any failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

document=../returns.v1.json
kiota_version=1.38.0
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 npm_config_update_notifier=false
export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "openapi check: Node.js $(node --version) is too old: @redocly/cli 2.x needs 20.19 or later"
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error >/dev/null

summaries=()
failed=0
summary() { summaries+=("openapi check: $*"); }
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# ---- 1. Redocly lint -----------------------------------------------------------------------------
echo "-- redocly lint $document (recommended)"
set +e
npx --no-install redocly lint "$document" --config redocly.yaml --format=stylish >"$log/redocly.out" 2>"$log/redocly.err"
status=$?
set -e
cat "$log/redocly.out"
errors=$(awk '$2 == "error"' "$log/redocly.out" | wc -l)
warnings=$(awk '$2 == "warning"' "$log/redocly.out" | wc -l)
if [ "$status" -ne 0 ] || [ "$errors" -gt 0 ]; then
  [ "$errors" -gt 0 ] || grep -v -e '[║╔╚]' -e '^[[:space:]]*$' "$log/redocly.err" || true
  summary "redocly lint: FAILED, ${errors} errors, ${warnings} warnings"
  failed=1
else
  summary "redocly lint: ok, 0 errors, ${warnings} warnings"
fi

# ---- 2. openapi-typescript + tsc strict ---------------------------------------------------------
# Run from generated/, where no redocly.yaml is found, so that openapi-typescript lints the document with
# its own defaults, as it does for an integrator; any problem it reports (✘ error, ⚠ warning) fails.
echo "-- openapi-typescript $document -o generated/returns.d.ts"
rm -rf generated && mkdir generated
set +e
(cd generated && npx --no-install openapi-typescript "../$document" -o returns.d.ts) >"$log/ots.out" 2>&1
status=$?
set -e
problems=$(grep -c -e '✘' -e '⚠' "$log/ots.out" || true)
if [ "$status" -ne 0 ] || [ "$problems" -gt 0 ]; then
  cat "$log/ots.out"
  summary "openapi-typescript: FAILED, ${problems} document problems (exit ${status})"
  failed=1
else
  summary "openapi-typescript: ok, generated/returns.d.ts"
fi
if [ -f generated/returns.d.ts ]; then
  echo "-- tsc -p . (strict: walk.ts against generated/returns.d.ts)"
  set +e
  npx --no-install tsc -p . --pretty false >"$log/tsc.out" 2>&1
  status=$?
  set -e
  cat "$log/tsc.out"
  tsc_errors=$(grep -c ': error TS' "$log/tsc.out" || true)
  if [ "$status" -ne 0 ]; then
    summary "tsc strict walk.ts: FAILED, ${tsc_errors} errors"
    failed=1
  else
    summary "tsc strict walk.ts: ok, 0 errors"
  fi
else
  summary "tsc strict walk.ts: FAILED, nothing generated to check"
  failed=1
fi

# ---- 3. Kiota (C#) --------------------------------------------------------------------------------
tool_path=${KIOTA_TOOL_PATH:-/tmp/kiota}
kiota=""
if [ -x "$tool_path/kiota" ]; then kiota="$tool_path/kiota"; elif command -v kiota >/dev/null 2>&1; then kiota=$(command -v kiota); fi
if [ -z "$kiota" ] && [ "${OPENAPI_CHECK_KIOTA:-}" = "1" ]; then
  echo "-- dotnet tool install Microsoft.OpenApi.Kiota ${kiota_version} --tool-path ${tool_path}"
  dotnet tool install Microsoft.OpenApi.Kiota --version "$kiota_version" --tool-path "$tool_path" >/dev/null
  kiota="$tool_path/kiota"
fi
if [ -n "$kiota" ]; then
  echo "-- kiota generate -l CSharp -d $document ($("$kiota" --version | cut -d+ -f1))"
  out=$(mktemp -d)
  set +e
  "$kiota" generate -l CSharp -d "$document" -o "$out" -c ReturnsClient -n Returns.Client --ll Warning >"$log/kiota.out" 2>&1
  status=$?
  set -e
  rm -rf "$out"
  # Kiota logs "warn: <category>" (or fail:, crit:) and the message on the next, indented line; any other
  # line that speaks of a warning counts too.
  kiota_warnings=$(grep -c -E '^(warn|fail|crit):' "$log/kiota.out" || true)
  [ "$kiota_warnings" -gt 0 ] || kiota_warnings=$(grep -c -i 'warn' "$log/kiota.out" || true)
  grep -E -A1 '^(warn|fail|crit):' "$log/kiota.out" | grep -v -E '^(warn|fail|crit):|^--$' | sed 's/^ */  kiota: /' || true
  if [ "$status" -ne 0 ] || [ "$kiota_warnings" -gt 0 ]; then
    [ "$status" -eq 0 ] || cat "$log/kiota.out"
    summary "kiota generate CSharp: FAILED, ${kiota_warnings} warnings (exit ${status})"
    failed=1
  else
    summary "kiota generate CSharp: ok, 0 warnings"
  fi
else
  summary "kiota generate CSharp: skipped (set OPENAPI_CHECK_KIOTA=1 to install Kiota ${kiota_version})"
fi

echo
printf '%s\n' "${summaries[@]}"
exit "$failed"
