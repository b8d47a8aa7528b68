#!/usr/bin/env bash
# Scheduled drift check, the command line way: the spec file against the live API.
# Exit: 0 no drift, 2 drift (what drifted, per method and status code), 1 error.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
set +e
"${APIGW_RESPONSES_CMD[@]}" drift --spec "$SPEC_FILE"
code=$?
set -e
if [ "$code" -eq 2 ]; then
  log "DRIFT: the live responses differ from $SPEC_FILE"
  "${APIGW_RESPONSES_CMD[@]}" drift --spec "$SPEC_FILE" --format markdown | summary || true
elif [ "$code" -eq 0 ]; then
  log "no drift"
else
  log "drift check failed (exit $code)"
fi
exit "$code"
