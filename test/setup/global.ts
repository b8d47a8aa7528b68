/**
 * Builds dist/ and build/ when a source is newer (`./build.ts`), then starts one local API Gateway (moto behind the parity layer) for the whole test run,
 * hands its endpoint to the tests (`inject("endpoint")`), and always stops it, also when
 * tests fail or the run is interrupted. Files that need their own quota or faults start
 * their own emulator. Everything the run writes to the temporary folder (spec files,
 * state backends, the pulumi CLI's own pipes) goes to one folder of its own, removed at
 * the end: `TMPDIR` is set before the test workers start, and they inherit it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmulator, type Emulator } from "../../src/emulator";
import { buildWhenStale } from "./build";

declare module "vitest" {
  export interface ProvidedContext {
    /** The local API Gateway's URL, e.g. `http://127.0.0.1:4567`. */
    endpoint: string;
    /** moto's own URL, behind the layer. */
    motoEndpoint: string;
  }
}

let emulator: Emulator | undefined;

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runTmp = mkdtempSync(path.join(tmpdir(), "apigw-tests-"));
  process.env.TMPDIR = runTmp;
  // The compiled code the command-line and end-to-end tests run is never older than the sources.
  buildWhenStale();
  // No account quota here: the suite is about behaviour, not the rate (quota tests start their own).
  emulator = await startEmulator({ quota: "off" });
  project.provide("endpoint", emulator.endpoint);
  project.provide("motoEndpoint", emulator.moto.endpoint);
  const stop = async () => {
    await emulator?.stop();
    rmSync(runTmp, { recursive: true, force: true });
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void stop().then(() => process.exit(130)));
  return stop;
}
