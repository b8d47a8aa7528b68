/**
 * Fault matrix: for each kind and rate of fault the local API Gateway can inject,
 * reconcile 20 methods of one REST API (with drift to delete, patch and create)
 * and check that the live state equals the desired one exactly (nothing missing,
 * nothing extra) and that the report's retries match the faults the emulator
 * injected, cause by cause.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, releaseSharedClients } from "../../src/runtime";
import { startEmulator, type Emulator, type FaultRule } from "../../src/emulator";
import { reconcile } from "../../src/reconcile";
import { faultsBetween, liveDifferences, seedApi, seedDrift, specsFor } from "../support/sets";

let emulator: Emulator;

beforeAll(async () => {
  // Own emulator: faults, no quota (the quota is the benchmark's subject), 2 ms write latency.
  emulator = await startEmulator({ quota: "off", latencyMs: 2, seed: 7 });
});

afterAll(async () => {
  releaseSharedClients();
  await emulator?.stop();
});

interface Row {
  readonly name: string;
  readonly rules: FaultRule[];
  /** Which report cause must be > 0 (the fault really fired). */
  readonly cause?: "throttled" | "conflict" | "server" | "network" | "timeout";
  /** An injected fault that no retry shows, which must have fired (the emulator's own count). */
  readonly fires?: "latency";
  readonly requestTimeoutMs?: number;
}

const throttle = (p: number): Row => ({ name: `429 at ${p * 100}%`, rules: [{ fault: "throttle", probability: p, retryAfterSeconds: 0.01 }], cause: "throttled" });
const conflict = (p: number): Row => ({ name: `transient 409 at ${p * 100}% of writes`, rules: [{ fault: "conflict", mutating: true, probability: p }], cause: "conflict" });

const MATRIX: Row[] = [
  throttle(0.1),
  throttle(0.3),
  throttle(0.6),
  conflict(0.1),
  conflict(0.3),
  conflict(0.6),
  {
    name: "500 and 503 at 10%",
    rules: [
      { fault: "internal", probability: 0.05 },
      { fault: "unavailable", probability: 0.05 / 0.95, retryAfterSeconds: 0.01 },
    ],
    cause: "server",
  },
  { name: "latency spikes (20% of calls +150 ms)", rules: [{ fault: "latency", probability: 0.2, latencyMs: 150 }], fires: "latency" },
  { name: "connection resets at 15%", rules: [{ fault: "reset", probability: 0.15 }], cause: "network" },
  { name: "hangs past the 400 ms request timeout at 5%", rules: [{ fault: "hang", probability: 0.05 }], cause: "timeout", requestTimeoutMs: 400 },
];

describe("fault matrix: reconcile 20 methods under injected faults", () => {
  for (const row of MATRIX) {
    it(row.name, async () => {
      const api = await seedApi(emulator.moto.endpoint, 20, row.name);
      await seedDrift(emulator.moto.endpoint, api.methods);
      const specs = specsFor(api);
      const runtime = createRuntime({
        endpoint: emulator.endpoint,
        rate: "off",
        deadlineMs: 60_000,
        maxAttempts: 60,
        baseDelayMs: 5,
        maxDelayMs: 100,
        ...(row.requestTimeoutMs ? { requestTimeoutMs: row.requestTimeoutMs } : {}),
      });
      const before = emulator.stats();
      emulator.setFaults(row.rules);
      const started = Date.now();
      let result;
      try {
        result = await reconcile(runtime, specs);
      } finally {
        emulator.setFaults([]);
      }
      const elapsed = Date.now() - started;
      const f = faultsBetween(before, emulator.stats());
      const r = result.report;

      // Converged exactly: every desired response, nothing extra (the foreign 302s are gone).
      expect(await liveDifferences(emulator.endpoint, specs)).toEqual([]);
      expect(r.operations.length).toBeGreaterThan(0);

      // Retries by cause match the faults the emulator injected, one for one.
      expect(r.retries.throttled).toBe(f.throttle);
      expect(r.retries.conflict).toBe(f.conflict);
      expect(r.retries.server).toBe(f.server);
      expect(r.retries.network).toBe(f.reset);
      expect(r.retries.timeout).toBe(f.hang);
      const retries = Object.values(r.retries).reduce((a, b) => a + b, 0);
      expect(retries).toBe(f.retriesSeen);
      // Every call the emulator received was one the report counted (retries included).
      expect(Object.values(r.calls).reduce((a, b) => a + b, 0)).toBe(f.totalCalls);
      if (row.cause) expect(r.retries[row.cause]).toBeGreaterThan(0);
      else expect(retries).toBe(0);
      if (row.fires === "latency") {
        // Spikes really happened (the emulator counted them), and really delayed: the run waits for every call.
        expect(f.latency).toBeGreaterThan(0);
        expect(elapsed).toBeGreaterThanOrEqual(150);
      }
      console.log(`${row.name}: ${f.totalCalls} calls, retries ${JSON.stringify(r.retries)}, latency spikes ${f.latency}, ${elapsed} ms`);
    });
  }
});
