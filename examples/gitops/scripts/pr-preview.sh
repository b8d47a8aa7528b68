#!/usr/bin/env bash
# Pull-request preview: `pulumi preview --json` rendered as a markdown comment.
# Writes $COMMENT_FILE (default comment.md). Exit: 0 preview ok, 1 preview failed
# (the comment is written anyway and says so).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_stack
COMMENT_FILE=$(realpath -m "${COMMENT_FILE:-comment.md}")
json=$(mktemp)
trap 'rm -f "$json"' EXIT
cd "$PROJECT_DIR"
set +e
pulumi preview --refresh --json --non-interactive --stack "$PULUMI_STACK" > "$json"
code=$?
set -e
"${APIGW_RESPONSES_CMD[@]}" pr-comment --input "$json" --title "Pulumi preview of stack $PULUMI_STACK: API Gateway responses" > "$COMMENT_FILE"
summary < "$COMMENT_FILE"
log "wrote $COMMENT_FILE"
if [ "$code" -ne 0 ]; then log "pulumi preview failed (exit $code)"; exit 1; fi
