# Shared settings of the GitOps scripts; sourced, not run.
#
#   PULUMI_STACK              the stack (required by the pulumi scripts)
#   PROJECT_DIR               the Pulumi project folder (default: this example)
#   SPEC_FILE                 the spec file of the command line (default: $PROJECT_DIR/api.yaml)
#   APIGW_RESPONSES           how to run the command line (default: npx --no-install apigw-responses)
#   APIGW_RESPONSES_ENDPOINT  API Gateway endpoint override for the command line (e.g. the local
#                             API Gateway); the stack's own is its config apigw-responses:endpoint
#   GITHUB_STEP_SUMMARY       when set (GitHub Actions), reports are appended to the job summary
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=${PROJECT_DIR:-$(dirname "$HERE")}
SPEC_FILE=${SPEC_FILE:-$PROJECT_DIR/api.yaml}
read -r -a APIGW_RESPONSES_CMD <<< "${APIGW_RESPONSES:-npx --no-install apigw-responses}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
need_stack() { [ -n "${PULUMI_STACK:-}" ] || { log "PULUMI_STACK is not set"; exit 1; }; }
summary() { if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >> "$GITHUB_STEP_SUMMARY"; else cat > /dev/null; fi; }
