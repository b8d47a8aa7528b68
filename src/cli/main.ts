#!/usr/bin/env node
/**
 * Entry of the `apigw-responses` command (package `bin`). See `program.ts` for the
 * commands, `apigw-responses --help` for the usage.
 */
import { runCli } from "./program";

// A reader that stops early (`apigw-responses plan | head -1`) closes the pipe: that ends
// the output, not the command with an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(process.exitCode ?? 0);
  });
}

/** Run the command line on this process's arguments and exit with its code. */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
}

if (require.main === module) {
  void main();
}
