#!/usr/bin/env node
/**
 * Entry of the `apigw-responses` command (package `bin`). See `program.ts` for the
 * commands, `apigw-responses --help` for the usage.
 */
// This package targets Node 20; the AWS SDK's notice about Node 22 is noise on a command line.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

import { runCli } from "./program";

/** Run the command line on this process's arguments and exit with its code. */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
}

if (require.main === module) {
  void main();
}
