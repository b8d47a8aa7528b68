#!/usr/bin/env bash
# Installs everything the project needs, idempotently; fast when all is there.
#
#   npm dependencies        npm ci when node_modules is missing or older than package-lock.json
#   moto (the emulator)     a Python venv with the pinned moto[server]        -> .tools/moto
#   the Pulumi engine       the pulumi CLI and the Node.js language host,     -> .tools/bin
#                           built from Go modules at the @pulumi/pulumi version of the lock file
#                           (or a pulumi of that version already on PATH), plus the
#                           dynamic-provider shim from the npm package
#   dist/                   tsc (incremental)
#
# Heavy artefacts live in a per-user cache keyed by version, ${XDG_CACHE_HOME:-~/.cache}/pulumi-apigw-responses;
# .tools/ only links to them, so a fresh clone on the same machine builds nothing.
# Progress goes to stderr; set BOOTSTRAP_QUIET=1 to keep quiet when nothing needs doing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-apigw-responses"
TOOLS="$ROOT/.tools"
mkdir -p "$CACHE" "$TOOLS/bin"

say() { printf '[bootstrap] %s\n' "$*" >&2; }
took() { say "$1 took $(( $(date +%s) - $2 ))s"; }

# ---------------------------------------------------------------- npm
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  t=$(date +%s); say "npm ci"
  # npm 11 writes lock files without the optional packages of other platforms (rollup's),
  # then its `npm ci` refuses them as out of sync; `npm install` installs the same locked versions.
  npm ci --no-audit --no-fund --loglevel=error >&2 2>/dev/null \
    || { say "npm ci refused the lock file; npm install (same locked versions)"; npm install --no-audit --no-fund --loglevel=error >&2; }
  took "npm ci" "$t"
fi

# The examples and test programs import the package by name, as users do.
ln -sfn .. node_modules/pulumi-apigw-responses

# ---------------------------------------------------------------- moto
MOTO_REQ="$ROOT/scripts/requirements-emulator.txt"
moto_key=$(sha256sum "$MOTO_REQ" | cut -c1-12)
VENV="$CACHE/venv-$moto_key"
if [ ! -f "$VENV/.complete" ]; then
  t=$(date +%s); say "creating the moto venv in $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$MOTO_REQ" >&2
  touch "$VENV/.complete"
  took "moto venv" "$t"
fi
ln -sfn "$VENV" "$TOOLS/moto"

# ---------------------------------------------------------------- Pulumi engine
PULUMI_VERSION=$(node -p "require('./package-lock.json').packages['node_modules/@pulumi/pulumi'].version")
ENGINE="$CACHE/pulumi-v$PULUMI_VERSION"
have_pulumi_on_path() {
  local p; p=$(PATH="${PATH//$TOOLS\/bin:/}" command -v pulumi 2>/dev/null) || return 1
  [ "$("$p" version 2>/dev/null)" = "v$PULUMI_VERSION" ] || return 1
  local d; d=$(dirname "$p")
  [ -x "$d/pulumi-language-nodejs" ] || return 1
  PULUMI_FROM_PATH=$d
}
if have_pulumi_on_path; then
  ln -sfn "$PULUMI_FROM_PATH/pulumi" "$TOOLS/bin/pulumi"
  ln -sfn "$PULUMI_FROM_PATH/pulumi-language-nodejs" "$TOOLS/bin/pulumi-language-nodejs"
else
  if [ ! -x "$ENGINE/bin/pulumi" ] || [ ! -x "$ENGINE/bin/pulumi-language-nodejs" ]; then
    bash "$ROOT/scripts/build-engine.sh" "$PULUMI_VERSION" "$ENGINE" "$CACHE/go"
  fi
  ln -sfn "$ENGINE/bin/pulumi" "$TOOLS/bin/pulumi"
  ln -sfn "$ENGINE/bin/pulumi-language-nodejs" "$TOOLS/bin/pulumi-language-nodejs"
fi
ln -sfn "$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$TOOLS/bin/pulumi-resource-pulumi-nodejs"

# ---------------------------------------------------------------- TypeScript
if [ ! -f dist/.tsbuildinfo ] || [ -n "$(find src tsconfig.json package-lock.json -newer dist/.tsbuildinfo -print -quit 2>/dev/null)" ]; then
  t=$(date +%s)
  npx --no-install tsc -p tsconfig.json >&2
  took "tsc" "$t"
fi
[ -n "${BOOTSTRAP_QUIET:-}" ] || say "ready: pulumi $("$TOOLS/bin/pulumi" version), moto $("$TOOLS/moto/bin/python" -c 'import moto; print(moto.__version__)')"
