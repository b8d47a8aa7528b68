# Shared settings of the GitOps scripts; sourced, not run.
#
#   PULUMI_STACK              the stack (required by the pulumi scripts)
#   PROJECT_DIR               the Pulumi project folder (default: this example)
#   SPEC_FILE                 the spec file of the command line (default: $PROJECT_DIR/api.yaml)
#   APIGW_RESPONSES           how to run the command line (default: npx --no-install apigw-responses)
#   APIGW_RESPONSES_ENDPOINT  API Gateway endpoint override for the command line (e.g. the local
#                             API Gateway); the stack's own is its config apigw-responses:endpoint
#   GITHUB_STEP_SUMMARY       when set (GitHub Actions), reports are appended to the job summary
#
# The pulumi scripts need the pulumi CLI 3.227.0 or newer (need_pulumi): only since then does
# `pulumi preview --expect-no-changes` exit 7 on changes; before, every failure exited 255, so
# drift could not be told from an error.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=${PROJECT_DIR:-$(dirname "$HERE")}
SPEC_FILE=${SPEC_FILE:-$PROJECT_DIR/api.yaml}
read -r -a APIGW_RESPONSES_CMD <<< "${APIGW_RESPONSES:-npx --no-install apigw-responses}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
need_stack() { [ -n "${PULUMI_STACK:-}" ] || { log "PULUMI_STACK is not set"; exit 1; }; }
summary() { if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >> "$GITHUB_STEP_SUMMARY"; else cat > /dev/null; fi; }

PULUMI_MIN_VERSION=3.227.0

# version_at_least VERSION MINIMUM: VERSION (x.y.z, optionally -pre-release and +build) >= MINIMUM (x.y.z).
# A pre-release of the minimum itself (3.227.0-alpha.1) comes before it. Exit 2 when VERSION is unreadable.
version_at_least() {
  [[ $1 =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)(-[^+]+)?(\+.*)?$ ]] || return 2
  local have=("${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}") pre=${BASH_REMATCH[4]} want i
  IFS=. read -r -a want <<< "$2"
  for i in 0 1 2; do
    if (( 10#${have[i]} > 10#${want[i]} )); then return 0; fi
    if (( 10#${have[i]} < 10#${want[i]} )); then return 1; fi
  done
  [ -z "$pre" ]
}

# Refuse a pulumi CLI that is missing, unreadable or older than PULUMI_MIN_VERSION (exit 1).
need_pulumi() {
  local out version rc=0
  if ! out=$(pulumi version 2>/dev/null); then
    log "cannot run 'pulumi version': these scripts need the pulumi CLI $PULUMI_MIN_VERSION or newer on PATH"
    exit 1
  fi
  version=$(printf '%s\n' "$out" | grep -o -m1 -E '^v?[0-9]+\.[0-9]+\.[0-9]+[^[:space:]]*' || true)
  version=${version#v}
  version_at_least "$version" "$PULUMI_MIN_VERSION" || rc=$?
  case $rc in
    0) ;;
    1) log "pulumi CLI v$version is too old: these scripts need $PULUMI_MIN_VERSION or newer" \
           "(before $PULUMI_MIN_VERSION, 'pulumi preview --expect-no-changes' exits 255 for changes and errors alike," \
           "so drift cannot be told from a failure). Install a newer CLI (the workflows pin pulumi-version)."
       exit 1 ;;
    *) log "cannot read the pulumi CLI version: 'pulumi version' printed '${out//$'\n'/ }'; these scripts need $PULUMI_MIN_VERSION or newer"
       exit 1 ;;
  esac
}
