/**
 * One measurement of the benchmark: a mode, a size, the wall time, and what the
 * local API Gateway saw (calls by operation and outcome, 429s, 409s), turned into
 * the quota bound (C − burst) / rps and the ratio to it.
 */
import type { EmulatorStats } from "../../src/emulator";
import { createRuntime } from "../../src/runtime";
import { normalizedEqual } from "../../src/normalize";
import { observeMethods } from "../../src/observe";
import { desiredByResource, type SeededApi } from "./workload";

/** The quota the emulator enforces and our side is configured with. */
export interface Quota {
  readonly rps: number;
  readonly burst: number;
}

/** What one run did, from the emulator's counters. */
export interface CallDelta {
  /** Calls received, by operation (rejected ones included). */
  readonly calls: Record<string, number>;
  /** Calls answered 2xx, by operation. */
  readonly succeeded: Record<string, number>;
  /** Every call received. */
  readonly total: number;
  /** C: calls answered 2xx. */
  readonly successful: number;
  /** 429s issued (quota and injected). */
  readonly throttled: number;
  /** 409s issued (AWS-9 gate and injected). */
  readonly conflicts: number;
  /** Calls the emulator recognized as retries. */
  readonly retriesSeen: number;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The counters between two snapshots of the emulator's stats. */
export function callDelta(before: EmulatorStats, after: EmulatorStats): CallDelta {
  const calls: Record<string, number> = {};
  for (const [op, n] of Object.entries(after.calls)) if (n - (before.calls[op] ?? 0) > 0) calls[op] = n - (before.calls[op] ?? 0);
  const succeeded: Record<string, number> = {};
  for (const [op, outcomes] of Object.entries(after.outcomesByOperation)) {
    for (const [outcome, n] of Object.entries(outcomes)) {
      if (!/^2\d\d$/.test(outcome)) continue;
      const d = n - (before.outcomesByOperation[op]?.[outcome] ?? 0);
      if (d > 0) succeeded[op] = (succeeded[op] ?? 0) + d;
    }
  }
  return {
    calls,
    succeeded,
    total: after.totalCalls - before.totalCalls,
    successful: sum(succeeded),
    throttled: after.throttles.quota + after.throttles.injected - before.throttles.quota - before.throttles.injected,
    conflicts: after.conflicts.concurrent + after.conflicts.injected - before.conflicts.concurrent - before.conflicts.injected,
    retriesSeen: after.retries - before.retries,
  };
}

/** The quota bound of a run of C successful calls: max(0, C − burst) / rps, in seconds. */
export function quotaBoundSeconds(successfulCalls: number, quota: Quota): number {
  return Math.max(0, successfulCalls - quota.burst) / quota.rps;
}

/** Does the live state of every method of `api` equal the desired one (nothing missing, nothing extra)? */
export async function liveEqualsDesired(endpoint: string, api: SeededApi): Promise<{ equal: boolean; methodsDiffering: number }> {
  const rt = createRuntime({ endpoint, rate: "off", coalesceWindowMs: 0, deadlineMs: 60_000 });
  const observed = await observeMethods(rt, api.methods, { strategy: "get-resources", immediate: true });
  const desired = desiredByResource(api);
  let differing = 0;
  for (const o of observed) if (!o.exists || !normalizedEqual(o.responses, desired.get(o.key.resourceId))) differing++;
  return { equal: differing === 0, methodsDiffering: differing };
}
