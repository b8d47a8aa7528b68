/**
 * Builds dist/ and build/ when a source is newer (`./build.ts`), then starts one local API
 * Gateway (moto behind the parity layer) per test worker for the whole run, hands their
 * endpoints to the tests (`inject("endpoints")`, read through `test/support/workers.ts`),
 * and always stops them, also when tests fail or the run is interrupted. Files run in
 * {@link TEST_WORKERS} workers at once, each on its own emulator (reset before each file).
 * Files that need their own quota or faults start their own emulator. Everything the run
 * writes to the temporary folder (spec files, state backends, the pulumi CLI's own pipes)
 * goes to one folder of its own, removed at the end: `TMPDIR` is set before the test
 * workers start, and they inherit it, as they inherit `NODE_COMPILE_CACHE` (Node's cache
 * of compiled modules, for the many `node` processes a `pulumi` command starts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmulator, type Emulator } from "../../src/emulator";
import { TEST_WORKERS } from "../../vitest.config";
import { buildWhenStale } from "./build";

declare module "vitest" {
  export interface ProvidedContext {
    /** The local API Gateway of each worker, e.g. `http://127.0.0.1:4567`: entry `VITEST_POOL_ID - 1`. */
    endpoints: string[];
    /** moto's own URL behind each of them. */
    motoEndpoints: string[];
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runTmp = mkdtempSync(path.join(tmpdir(), "apigw-tests-"));
  process.env.TMPDIR = runTmp;
  process.env.NODE_COMPILE_CACHE = path.join(runTmp, "node-compile-cache");
  // The compiled code the command-line and end-to-end tests run is never older than the sources.
  buildWhenStale();
  const emulators: Emulator[] = [];
  const stop = async () => {
    await Promise.all(emulators.map((e) => e.stop()));
    rmSync(runTmp, { recursive: true, force: true });
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void stop().then(() => process.exit(130)));
  // No account quota here: the suite is about behaviour, not the rate (quota tests start their own).
  const started = await Promise.allSettled(Array.from({ length: TEST_WORKERS }, () => startEmulator({ quota: "off" })));
  for (const s of started) if (s.status === "fulfilled") emulators.push(s.value);
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  project.provide("endpoints", emulators.map((e) => e.endpoint));
  project.provide("motoEndpoints", emulators.map((e) => e.moto.endpoint));
  return stop;
}
