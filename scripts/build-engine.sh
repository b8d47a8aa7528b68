#!/usr/bin/env bash
# Builds the Pulumi CLI and the Node.js language host from Go modules (no release
# binaries can be downloaded here). Called by bootstrap.sh; usable by hand:
#
#   scripts/build-engine.sh VERSION DEST GOCACHE_ROOT
#
# VERSION       the @pulumi/pulumi version of package-lock.json, e.g. 3.259.0
# DEST          output folder; binaries go to DEST/bin
# GOCACHE_ROOT  holds the Go module cache (mod/) and build cache (build/), reused across builds
#
# The CLI: a wrapper module requiring github.com/pulumi/pulumi/pkg/v3 and sdk/v3 at the
# SAME version (`go install pkg@version` is refused because of pkg's replace lines), built
# like the official build: CGO_ENABLED=0, -trimpath, -tags osusergo,grpcnotrace, version stamped.
#
# The language host: its own module, github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3,
# has no version tags, and the module proxy we can reach serves none of its pseudo-versions
# (every query answers "This module version is not available"). Until v3.68.0 the same
# program lived inside the sdk/v3 module (sdk/v3/nodejs/cmd/pulumi-language-nodejs), which
# the proxy does serve; we build it from there. It speaks the same LanguageRuntime gRPC
# protocol; the engine falls back for the calls it lacks. LANGHOST_SDK_VERSION overrides it.
#
# Background: docs/toolchain.md, "The Pulumi engine, built from Go modules".
set -euo pipefail

VERSION=${1:?version}
DEST=${2:?destination}
GOROOT_CACHE=${3:?go cache root}
LANGHOST_SDK_VERSION=${LANGHOST_SDK_VERSION:-3.68.0}

say() { printf '[build-engine] %s\n' "$*" >&2; }
command -v go >/dev/null || { say "Go is required to build the Pulumi engine (go 1.26 or newer)"; exit 1; }
PROXY=$(GOTOOLCHAIN=local go env GOPROXY 2>/dev/null || true); PROXY=${PROXY%%,*}; PROXY=${PROXY:-https://proxy.golang.org}

export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
export GOMODCACHE="$GOROOT_CACHE/mod" GOCACHE="$GOROOT_CACHE/build"
mkdir -p "$DEST/bin" "$GOMODCACHE" "$GOCACHE"

# Fail early, with the reason, when the proxy does not serve this version.
if ! curl -fsS -r 0-0 -o /dev/null "$PROXY/github.com/pulumi/pulumi/pkg/v3/@v/v$VERSION.zip" 2>/dev/null; then
  say "the Go module proxy does not serve github.com/pulumi/pulumi/pkg/v3@v$VERSION."
  say "pin @pulumi/pulumi (package.json) to the newest version that exists on both npm and the proxy."
  exit 1
fi

build() { # name dir module version package output
  local name=$1 dir=$2 require=$3 package=$4 output=$5 t
  t=$(date +%s)
  mkdir -p "$dir"
  printf 'module pulumi-apigw-responses/%s\n\ngo 1.26\n\nrequire (\n%s)\n' "$name" "$require" > "$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$package" > "$dir/tools.go"
  rm -f "$dir/go.sum"
  say "resolving modules for $name"
  (cd "$dir" && go mod tidy >&2)
  say "building $name (a cold build takes many minutes on 2 cores)"
  (cd "$dir" && go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION" \
      -o "$output.tmp" "$package")
  mv "$output.tmp" "$output"
  say "$name built in $(( $(date +%s) - t ))s"
}

build cli "$DEST/src/cli" \
  "	github.com/pulumi/pulumi/pkg/v3 v$VERSION
	github.com/pulumi/pulumi/sdk/v3 v$VERSION
" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$DEST/bin/pulumi"

build langhost "$DEST/src/langhost" \
  "	github.com/pulumi/pulumi/sdk/v3 v$LANGHOST_SDK_VERSION
" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$DEST/bin/pulumi-language-nodejs"

"$DEST/bin/pulumi" version >&2
