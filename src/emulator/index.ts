/**
 * The local API Gateway, programmatically: start moto and the parity and fault
 * layer in front of it, talk to it with the AWS SDK (endpoint override), stop both.
 *
 * ```ts
 * const emulator = await startEmulator({ quota: "off", latencyMs: 5 });
 * const client = new APIGatewayClient({ endpoint: emulator.endpoint, region: "us-east-1",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" } });
 * // …
 * await emulator.stop();
 * ```
 */
import { parseFaultRules, type FaultRule } from "./faults";
import { startMoto, type MotoServer } from "./moto";
import type { RateLimit } from "../rate";
import { AWS_ACCOUNT_QUOTA } from "./quota";
import { startLayer } from "./server";
import type { EmulatorStats } from "./stats";

export type { FaultRule, FaultKind } from "./faults";
export { FAULT_KINDS, parseFaultRules } from "./faults";
export type { EmulatorStats } from "./stats";
export type { RateLimit } from "../rate";
export { AWS_ACCOUNT_QUOTA, AWS_DEPLOYMENT_QUOTA, AWS_OPERATION_QUOTAS } from "./quota";
export type { MotoServer } from "./moto";

/** Options of {@link startEmulator}; every field is optional. */
export interface EmulatorOptions {
  /** Port of the layer on 127.0.0.1; 0 (default) picks a free one. moto always gets a free port. */
  readonly port?: number;
  /** The account quota (AWS-12): default `{rps: 10, burst: 40}`; `"off"` for none. */
  readonly quota?: RateLimit | "off";
  /**
   * Multiplies every quota rate and burst, the per-operation buckets
   * (`CreateDeployment`, `GetResources`) included; default 1. Tests use it to stay fast.
   */
  readonly quotaScale?: number;
  /**
   * The CreateDeployment bucket (AWS-51). Absent: 1 every 5 s with a burst of 3
   * (`AWS_DEPLOYMENT_QUOTA`) when `quota` is on, none when it is off. Given, it applies
   * (times `quotaScale`) even with `quota: "off"`, so a test can shorten or turn off just
   * this one; `"off"` removes it.
   */
  readonly deploymentQuota?: RateLimit | "off";
  /** Delay added to every mutating call, in ms; default 20. Keeps calls in flight long enough for AWS-9 conflicts. */
  readonly latencyMs?: number;
  /** Fault rules at start and after each reset (format: see faults.ts and docs/local-api-gateway.md); default none. */
  readonly faults?: readonly FaultRule[];
  /** Seed of the PRNG behind fault probabilities; default 1. */
  readonly seed?: number;
}

/** A running local API Gateway. */
export interface Emulator {
  /** The layer's URL, `http://127.0.0.1:PORT`: give it to the SDK as `endpoint`. */
  readonly endpoint: string;
  /** The moto server behind the layer (its endpoint bypasses every AWS behaviour of the layer). */
  readonly moto: MotoServer;
  /** Counters: calls by operation and outcome, retries, conflicts, throttles, peak rate. */
  stats(): EmulatorStats;
  /** Replace the fault rules (validated; throws on a bad rule). Counts and the PRNG start again. */
  setFaults(rules: readonly FaultRule[]): void;
  /** Clear moto's state and the layer's counters, quota buckets and fault counts (rules go back to the start options). */
  reset(): Promise<void>;
  /** Stop the layer and moto (with its children). Safe to call twice. */
  stop(): Promise<void>;
}

/** The default latency added to mutating calls, in ms. */
export const DEFAULT_LATENCY_MS = 20;

/** Start moto on a free port and the local API Gateway in front of it. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const faults = parseFaultRules([...(options.faults ?? [])]);
  const moto = await startMoto();
  try {
    const layer = await startLayer(moto, {
      port: options.port ?? 0,
      quota: options.quota ?? AWS_ACCOUNT_QUOTA,
      quotaScale: options.quotaScale ?? 1,
      ...(options.deploymentQuota !== undefined ? { deploymentQuota: options.deploymentQuota } : {}),
      latencyMs: options.latencyMs ?? DEFAULT_LATENCY_MS,
      faults,
      seed: options.seed ?? 1,
    });
    let stopped: Promise<void> | undefined;
    return {
      endpoint: layer.endpoint,
      moto,
      stats: () => layer.stats(),
      setFaults: (rules) => layer.setFaults(parseFaultRules([...rules])),
      reset: () => layer.reset(),
      stop() {
        stopped ??= layer.close().finally(() => moto.stop());
        return stopped;
      },
    };
  } catch (e) {
    await moto.stop();
    throw e;
  }
}
