#!/usr/bin/env bash
# Drift correction: refresh and converge, then check that nothing is left to do.
# Exit: 0 converged, 1 error.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_stack
need_pulumi
cd "$PROJECT_DIR"
pulumi up --refresh --yes --skip-preview --non-interactive --stack "$PULUMI_STACK"
pulumi preview --expect-no-changes --non-interactive --stack "$PULUMI_STACK" > /dev/null
log "stack $PULUMI_STACK converged"
echo "Stack $PULUMI_STACK converged (pulumi up --refresh)." | summary
