#!/usr/bin/env bash
# Pull-request preview: `pulumi preview --json` rendered as a markdown comment.
# Writes $COMMENT_FILE (default comment.md), within GitHub's comment limit (what does not
# fit is counted in it), and $FULL_PLAN_FILE (default full-plan.md), the whole plan, for
# the workflow to attach. Exit: 0 preview ok, 1 preview failed (the comment is written
# anyway and says so).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_stack
need_pulumi
COMMENT_FILE=$(realpath -m "${COMMENT_FILE:-comment.md}")
FULL_PLAN_FILE=$(realpath -m "${FULL_PLAN_FILE:-full-plan.md}")
json=$(mktemp)
trap 'rm -f "$json"' EXIT
cd "$PROJECT_DIR"
set +e
pulumi preview --refresh --json --non-interactive --stack "$PULUMI_STACK" > "$json"
code=$?
set -e
title="Pulumi preview of stack $PULUMI_STACK: API Gateway responses"
"${APIGW_RESPONSES_CMD[@]}" pr-comment --input "$json" --title "$title" > "$COMMENT_FILE"
"${APIGW_RESPONSES_CMD[@]}" pr-comment --input "$json" --title "$title" --max-length 0 > "$FULL_PLAN_FILE"
summary < "$COMMENT_FILE"
log "wrote $COMMENT_FILE and $FULL_PLAN_FILE"
if [ "$code" -ne 0 ]; then log "pulumi preview failed (exit $code)"; exit 1; fi
