#!/usr/bin/env node
/**
 * The command of the local API Gateway:
 *
 * ```
 * node dist/emulator/main.js [--port N] [--quota RPS:BURST|off] [--deployment-quota RPS:BURST|off]
 *                            [--latency MS] [--faults FILE|JSON] [--seed N] [--help]
 * ```
 *
 * Prints exactly one line `endpoint=http://127.0.0.1:PORT` on stdout when ready,
 * serves until SIGINT or SIGTERM, then stops moto and exits 0.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { RateLimit } from "../rate";
import { parseRate } from "../settings";
import { DEFAULT_LATENCY_MS, parseFaultRules, startEmulator, type Emulator, type EmulatorOptions } from "./index";

/** The `--help` text. */
export const USAGE = `Usage: node dist/emulator/main.js [options]

The local API Gateway: moto behind a layer that behaves like real API Gateway
(AWS-n behaviours, conflicts, quota) and injects faults on demand.

Options:
  --port N              port on 127.0.0.1 (default 0: a free port)
  --quota RPS:BURST|off account quota (default 10:40, as AWS); "off" for none
  --deployment-quota RPS:BURST|off
                        CreateDeployment quota (default 0.2:3 with the account
                        quota, none without it); "off" for none
  --latency MS          delay added to every mutating call (default ${DEFAULT_LATENCY_MS})
  --faults FILE|JSON    fault rules: a JSON file, or the JSON text itself
  --seed N              seed of the fault probabilities (default 1)
  --help                this text

Prints "endpoint=http://127.0.0.1:PORT" when ready; stops on SIGINT/SIGTERM.
Control: GET /__emulator/stats, GET|POST /__emulator/faults, POST /__emulator/reset,
GET /__emulator/deployed/{restApiId}/{stageName}.
`;

/** Parse the command line into emulator options (throws an Error with a message for the user). */
export function parseCommandLine(argv: readonly string[]): EmulatorOptions | "help" {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string" },
      quota: { type: "string" },
      "deployment-quota": { type: "string" },
      latency: { type: "string" },
      faults: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  const int = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a whole number >= 0, got "${text}"`);
    return n;
  };
  let quota: RateLimit | "off" | undefined;
  if (values.quota !== undefined) {
    // The same RPS:BURST rule as the client's --rate (settings.ts); the message is this command's.
    try {
      quota = parseRate(values.quota);
    } catch {
      throw new Error(`--quota: expected RPS:BURST (e.g. 10:40) or off, got "${values.quota}"`);
    }
  }
  let deploymentQuota: RateLimit | "off" | undefined;
  const deploymentText = values["deployment-quota"];
  if (deploymentText !== undefined) {
    try {
      deploymentQuota = parseRate(deploymentText);
    } catch {
      throw new Error(`--deployment-quota: expected RPS:BURST (e.g. 0.2:3) or off, got "${deploymentText}"`);
    }
  }
  let faults: EmulatorOptions["faults"];
  if (values.faults !== undefined) {
    const text = values.faults.trim();
    const source = text.startsWith("[") || text.startsWith("{") ? text : readFileSync(text, "utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (e) {
      throw new Error(`--faults: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    faults = parseFaultRules(parsed);
  }
  const port = int("port", values.port);
  const latencyMs = int("latency", values.latency);
  const seed = int("seed", values.seed);
  return {
    ...(port !== undefined ? { port } : {}),
    ...(quota !== undefined ? { quota } : {}),
    ...(deploymentQuota !== undefined ? { deploymentQuota } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(faults !== undefined ? { faults } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

async function main(): Promise<void> {
  let options: EmulatorOptions | "help";
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(USAGE);
    return;
  }
  let emulator: Emulator | undefined;
  let signalled: string | undefined;
  let stopping = false;
  let stoppedCleanly = false;
  const stop = (signal: string) => {
    signalled = signal;
    // A signal during startup: stop as soon as moto is up (moto runs in its own process group).
    if (!emulator || stopping) return;
    stopping = true;
    process.stderr.write(`local API Gateway: ${signal}, stopping\n`);
    emulator.stop().then(
      () => {
        stoppedCleanly = true;
        process.exit(0);
      },
      (e: unknown) => {
        process.stderr.write(`stop failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  emulator = await startEmulator(options);
  const motoGroup = emulator.moto.pid;
  // Last resort if this process ends without stop() (a crash): moto must not outlive us.
  process.on("exit", () => {
    if (stoppedCleanly || motoGroup <= 0) return;
    try {
      process.kill(-motoGroup, "SIGKILL");
    } catch {
      /* already gone */
    }
  });
  if (signalled) return stop(signalled);
  process.stdout.write(`endpoint=${emulator.endpoint}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`local API Gateway failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
