#!/usr/bin/env bash
# Scheduled drift check, the Pulumi way: refresh, then expect no changes.
# Exit: 0 no drift, 2 drift (the preview's diff is printed), 1 error.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_stack
need_pulumi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$PROJECT_DIR"
set +e
pulumi preview --refresh --expect-no-changes --diff --non-interactive --stack "$PULUMI_STACK" > "$out" 2>&1
code=$?
set -e
cat "$out"
case $code in
  0) log "no drift"; echo "No drift in stack $PULUMI_STACK." | summary; exit 0 ;;
  7) log "DRIFT: the live responses differ from the program"
     { echo "## Drift in stack $PULUMI_STACK"; echo; echo '```'; grep -E '^\s*[~+-]' "$out" || true; echo '```'; } | summary
     exit 2 ;;
  *) log "pulumi preview failed (exit $code)"; exit 1 ;;
esac
