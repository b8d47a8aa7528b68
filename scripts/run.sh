#!/usr/bin/env bash
# Run a command with the project's tools first on PATH: the Node.js the bootstrap chose
# (.tools/bin/node, Node 24 when the machine's is older than 22), pulumi and its plugins.
# Scripts run with `#!/usr/bin/env node` (tsc, vitest) then use that Node.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATH="$ROOT/.tools/bin:$PATH" exec "$@"
