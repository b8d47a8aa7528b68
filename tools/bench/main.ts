/**
 * `npm run bench`: this project against the API Gateway quota (AWS-12) and a
 * naive peer, side by side in one run, on the local API Gateway with the quota
 * on and scaled. Writes `BENCHMARKS.md`, `bench/results.json` (raw) and
 * `bench/chart.svg` (tools/bench/chart.ts: Vega-Lite rendered headless). The `pulumi`
 * modes run through the Automation API (tools/pulumi-env.ts `automationStack`) and read
 * failures from the engine's events.
 *
 * Single resources are measured at AWS's own quota too, twice: as users run them, and
 * with the engine's checkpoint after each step skipped (`PULUMI_SKIP_CHECKPOINTS`), which
 * shows what the engine's state writes cost (`BENCH_REAL_QUOTA=0` skips both).
 *
 * Environment knobs: `BENCH_SIZES` (default `40,200,1000`), `BENCH_SKIP_PULUMI=1`,
 * `BENCH_SINGLES_MAX_S` (the longest single-resource `pulumi up` to attempt,
 * extrapolated from the previous size; default 240).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { releaseSharedClients, createRuntime } from "../../src/runtime";
import { startEmulator, type Emulator } from "../../src/emulator";
import type { DesiredMethod, ObservedMethod } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";
import { plan } from "../../src/plan";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import pMap from "p-map";
import { automationStack, commandExitCode, PACKAGE_ROOT, TOOLS_BIN } from "../pulumi-env";
import { reconcile } from "../../src/reconcile";
import { localClient } from "../seed";
import { callDelta, liveEqualsDesired, quotaBoundSeconds, type CallDelta, type Quota } from "./measure";
import { renderChartSvg } from "./chart";
import { renderReport, type BenchResults } from "./report";
import { RESPONSES_PER_METHOD, responsesOf, seedApi, specsOf, type SeededApi } from "./workload";

/** The modes measured. */
export type Mode = "reconciler-sets" | "pulumi-sets" | "pulumi-singles" | "naive-sdk";

/** One measurement. */
export interface Measurement {
  readonly mode: Mode;
  /** Responses (method + integration). */
  readonly n: number;
  readonly methods: number;
  readonly wallSeconds: number;
  /** C: calls answered 2xx. */
  readonly successfulCalls: number;
  readonly boundSeconds: number;
  /** wall / bound; null when C ≤ burst (the bound is 0). */
  readonly ratio: number | null;
  readonly delta: CallDelta;
  /** Operations (or resources, for pulumi) that failed. */
  readonly failedOperations: number;
  readonly liveEqualsDesired: boolean;
  readonly methodsDiffering: number;
  /** pulumi exit code, retries seen by our client, … */
  readonly notes?: Record<string, unknown>;
}

const QUOTA_BASE = { rps: 10, burst: 40 };
/** Quota scale (BENCH_SCALE, default 4): the emulator's quota and our client's rates are AWS's times this. */
const SCALE = Number(process.env.BENCH_SCALE ?? 4);
/** The scaled quota. */
const QUOTA: Quota = { rps: QUOTA_BASE.rps * SCALE, burst: QUOTA_BASE.burst * SCALE };
/** Write latency added by the emulator (BENCH_LATENCY_MS): default its 20 ms scaled like the quota. */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20 / SCALE);
/** Our client's rates for a scale: equal to the emulator's (GetResources: 5 every 2 s, scaled). */
const ratesFor = (scale: number) => ({
  rate: { rps: QUOTA_BASE.rps * scale, burst: QUOTA_BASE.burst * scale },
  operationRates: { GetResources: { rps: 2.5 * scale, burst: 5 * scale } },
});
const CLIENT_RATES = ratesFor(SCALE);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Wait until the emulator's (and our) buckets are full again: burst / rps, plus a margin. */
const refill = (quota: Quota = QUOTA) => sleep((quota.burst / quota.rps) * 1000 + 500);

function measurement(
  mode: Mode,
  api: SeededApi,
  wallMs: number,
  delta: CallDelta,
  failed: number,
  live: { equal: boolean; methodsDiffering: number },
  notes?: Record<string, unknown>,
  quota: Quota = QUOTA,
): Measurement {
  const bound = quotaBoundSeconds(delta.successful, quota);
  const m: Measurement = {
    mode,
    n: api.methods.length * RESPONSES_PER_METHOD,
    methods: api.methods.length,
    wallSeconds: round(wallMs / 1000, 3),
    successfulCalls: delta.successful,
    boundSeconds: round(bound, 3),
    ratio: bound > 0 ? round(wallMs / 1000 / bound, 3) : null,
    delta,
    failedOperations: failed,
    liveEqualsDesired: live.equal,
    methodsDiffering: live.methodsDiffering,
    ...(notes ? { notes } : {}),
  };
  log(`${mode} N=${m.n}: ${m.wallSeconds} s, C=${m.successfulCalls}, bound ${m.boundSeconds} s, ratio ${m.ratio ?? "n/a"}, 429 ${delta.throttled}, 409 ${delta.conflicts}, failed ${failed}, converged ${live.equal}`);
  return m;
}

// ------------------------------------------------------------------ modes

async function runReconciler(emulator: Emulator, api: SeededApi, scale = SCALE): Promise<Measurement> {
  releaseSharedClients();
  const runtime = createRuntime({ endpoint: emulator.endpoint, ...ratesFor(scale) });
  const quota = { rps: QUOTA_BASE.rps * scale, burst: QUOTA_BASE.burst * scale };
  await sleep((quota.burst / quota.rps) * 1000 + 500);
  const before = emulator.stats();
  const t0 = performance.now();
  let failed = 0;
  let retries: unknown;
  try {
    const r = await reconcile(runtime, specsOf(api));
    retries = r.report.retries;
  } catch (e) {
    failed = (e as { errors?: unknown[] }).errors?.length ?? 1;
    log(`reconcile failed: ${(e as Error).message.slice(0, 500)}`);
  }
  const wall = performance.now() - t0;
  const delta = callDelta(before, emulator.stats());
  return measurement("reconciler-sets", api, wall, delta, failed, await liveEqualsDesired(emulator.endpoint, api), { retries, clientCalls: { ...runtime.counters.calls } }, quota);
}

async function runNaive(emulator: Emulator, api: SeededApi): Promise<Measurement> {
  // What a user writes instead: SDK v3 defaults (standard retry mode, 3 attempts), one Put per response, 10 at a time.
  const client = localClient(emulator.endpoint);
  await refill();
  const before = emulator.stats();
  const t0 = performance.now();
  let failed = 0;
  const errors: Record<string, number> = {};
  const puts = specsOf(api).flatMap((spec) => Object.entries(spec.responses).map(([statusCode, r]) => ({ key: { restApiId: spec.restApiId, resourceId: spec.resourceId!, httpMethod: spec.httpMethod }, statusCode, r })));
  const attempt = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      failed++;
      const name = (e as Error).name ?? "Error";
      errors[name] = (errors[name] ?? 0) + 1;
    }
  };
  // Method responses first, then integration responses (they map the headers the method responses declare).
  await pMap(puts, ({ key, statusCode, r }) => attempt(() => client.send(new PutMethodResponseCommand({ ...key, statusCode, ...r.methodResponse }))), { concurrency: 10 });
  await pMap(puts, ({ key, statusCode, r }) => attempt(() => client.send(new PutIntegrationResponseCommand({ ...key, statusCode, ...r.integrationResponse }))), { concurrency: 10 });
  const wall = performance.now() - t0;
  client.destroy();
  const delta = callDelta(before, emulator.stats());
  return measurement("naive-sdk", api, wall, delta, failed, await liveEqualsDesired(emulator.endpoint, api), { errors });
}

interface BenchStack {
  readonly stateDir: string;
  readonly stack: Stack;
}

const PROGRAM_DIR = path.join(PACKAGE_ROOT, "bench", "program");

/** A stack of bench/program in its own file backend, through the Automation API. */
async function newStack(name: string, emulator: Emulator, api: SeededApi | undefined, mode: "sets" | "singles", tmp: string, quota: Quota = QUOTA, env?: Record<string, string>): Promise<BenchStack> {
  const stateDir = mkdtempSync(path.join(tmp, "state-"));
  const specFile = path.join(tmp, `${name}.json`);
  writeFileSync(specFile, JSON.stringify({ restApiId: api?.restApiId ?? "none", methods: api ? specsOf(api) : [] }));
  const stack = await automationStack({
    cwd: PROGRAM_DIR,
    stateDir,
    stack: name,
    ...(env ? { env } : {}),
    config: {
      "aws:region": "us-east-1",
      "apigw-responses:endpoint": emulator.endpoint,
      "apigw-responses:rate": `${quota.rps}:${quota.burst}`,
      "bench:specFile": specFile,
      "bench:mode": mode,
    },
  });
  return { stateDir, stack };
}

/** The outcome of one Pulumi operation: exit code, the engine's events, and times. */
interface PulumiRun {
  readonly code: number;
  readonly events: EngineEvent[];
  /** The whole Automation API call. */
  readonly ms: number;
  /** From the start to the engine's summary event (the end of the operation; for `up`, before the Automation API reads the stack's history); `ms` when there was none. */
  readonly engineMs: number;
  readonly error?: string;
}

/** Run an Automation API operation (killed after `timeoutMs`), collecting its events; never rejects on a failed command. */
async function pulumi(op: (o: { onEvent: (e: EngineEvent) => void; signal: AbortSignal }) => Promise<unknown>, timeoutMs = 600_000): Promise<PulumiRun> {
  const events: EngineEvent[] = [];
  const t0 = performance.now();
  let summaryAt: number | undefined;
  const onEvent = (e: EngineEvent) => {
    if (e.summaryEvent) summaryAt ??= performance.now();
    events.push(e);
  };
  let code = 0;
  let error: string | undefined;
  try {
    await op({ onEvent, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    code = commandExitCode(e) ?? 1;
    error = e instanceof Error ? e.message : String(e);
  }
  const ms = performance.now() - t0;
  return { code, events, ms, engineMs: (summaryAt ?? t0 + ms) - t0, ...(error !== undefined ? { error } : {}) };
}

async function removeStack(s: BenchStack): Promise<void> {
  await pulumi(() => s.stack.workspace.removeStack(s.stack.name, { force: true }));
  rmSync(s.stateDir, { recursive: true, force: true });
}

/** Resources whose step failed (the engine's resOpFailed events), by URN. */
const failedResources = (events: readonly EngineEvent[]) => new Set(events.flatMap((e) => (e.resOpFailedEvent ? [e.resOpFailedEvent.metadata.urn] : []))).size;

/** The engine's error diagnostics, for the log. */
const errorDiagnostics = (events: readonly EngineEvent[]) =>
  events.flatMap((e) => (e.diagnosticEvent?.severity === "error" ? [`${e.diagnosticEvent.urn ?? ""} ${e.diagnosticEvent.message.trim()}`] : [])).join("\n");

async function runPulumiUp(emulator: Emulator, api: SeededApi, mode: "sets" | "singles", tmp: string, quota: Quota = QUOTA, env?: Record<string, string>): Promise<{ m: Measurement; stack: BenchStack }> {
  const stack = await newStack(`${mode}-${api.methods.length}`, emulator, api, mode, tmp, quota, env);
  await refill(quota);
  const before = emulator.stats();
  // When the first and the last call reached the emulator: the API-active window, without the engine's start and end.
  const t0 = performance.now();
  let first: number | undefined;
  let last = t0;
  let seen = before.totalCalls;
  let running = true;
  const poller = (async () => {
    while (running) {
      const total = emulator.stats().totalCalls;
      if (total !== seen) {
        first ??= performance.now();
        last = performance.now();
        seen = total;
      }
      await sleep(20);
    }
  })();
  const r = await pulumi((o) => stack.stack.up(o));
  running = false;
  await poller;
  const delta = callDelta(before, emulator.stats());
  const windowS = first !== undefined ? round((last - first) / 1000, 3) : 0;
  const bound = quotaBoundSeconds(delta.successful, quota);
  const failedSteps = failedResources(r.events);
  const failed = failedSteps + (r.code !== 0 && failedSteps === 0 ? 1 : 0);
  if (r.code !== 0) log(`pulumi up (${mode}) exit ${r.code}:\n${errorDiagnostics(r.events).slice(-3000)}\n${(r.error ?? "").slice(-2000)}`);
  const m = measurement(mode === "sets" ? "pulumi-sets" : "pulumi-singles", api, r.engineMs, delta, failed, await liveEqualsDesired(emulator.endpoint, api), {
    exitCode: r.code,
    resources: mode === "sets" ? api.methods.length : api.methods.length * RESPONSES_PER_METHOD,
    apiWindowSeconds: windowS,
    apiWindowRatio: bound > 0 ? round(windowS / bound, 3) : null,
    firstCallAfterSeconds: first !== undefined ? round((first - t0) / 1000, 3) : null,
    automationApiSeconds: round(r.ms / 1000, 3),
  }, quota);
  return { m, stack };
}

/** The pure planner on 10,000 responses: 1,000 methods, a third in sync, a third empty, a third drifted. */
function planTiming(): { responses: number; methods: number; operations: number; medianMs: number; runsMs: number[] } {
  const methods = 10_000 / RESPONSES_PER_METHOD;
  const desired: DesiredMethod[] = [];
  const live: ObservedMethod[] = [];
  for (let i = 0; i < methods; i++) {
    const key = { restApiId: "api", resourceId: `r${i}`, httpMethod: "GET" };
    const responses = normalizeDesiredResponses(responsesOf(i));
    desired.push({ key, responses, exclusive: true });
    const drifted = normalizeDesiredResponses({ ...responsesOf(i + 1), "418": { methodResponse: {} } });
    live.push({ key, exists: true, integrationType: "MOCK", responses: i % 3 === 0 ? responses : i % 3 === 1 ? {} : drifted });
  }
  const runsMs: number[] = [];
  let operations = 0;
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    const p = plan(desired, live);
    runsMs.push(round(performance.now() - t0, 1));
    operations = p.methods.reduce((n, m) => n + m.operations.length, 0);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { responses: methods * RESPONSES_PER_METHOD, methods, operations, medianMs: sorted[3]!, runsMs };
}

function machine(): Record<string, string> {
  const tryRun = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8" }).trim();
    } catch {
      return "n/a";
    }
  };
  return {
    nproc: String(os.availableParallelism?.() ?? os.cpus().length),
    cpu: os.cpus()[0]?.model ?? "n/a",
    memoryGiB: String(round(os.totalmem() / 2 ** 30, 1)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    go: tryRun("go", ["version"]),
    pulumi: tryRun(path.join(TOOLS_BIN, "pulumi"), ["version"]),
    moto: tryRun(path.join(PACKAGE_ROOT, ".tools", "moto", "bin", "python"), ["-c", "import moto; print(moto.__version__)"]),
    date: new Date().toISOString(),
  };
}

/** The results kept from before the shared reads of issue 14 (bench/baseline.json), to show side by side. */
function baseline(): BenchResults | undefined {
  const p = path.join(PACKAGE_ROOT, "bench", "baseline.json");
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as BenchResults) : undefined;
}

/** The hand-written analysis (tools/bench/analysis.md, next to the source), if there. */
function analysis(): string {
  const p = path.join(PACKAGE_ROOT, "tools", "bench", "analysis.md");
  return existsSync(p) ? readFileSync(p, "utf8") : "";
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const started = Date.now();
  const sizes = (process.env.BENCH_SIZES ?? "40,200,1000").split(",").map(Number);
  const skipPulumi = process.env.BENCH_SKIP_PULUMI === "1";
  const only = process.env.BENCH_MODES?.split(",");
  const wants = (m: Mode) => !only || only.includes(m);
  const singlesMaxS = Number(process.env.BENCH_SINGLES_MAX_S ?? 240);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "apigw-bench-"));
  const results: Measurement[] = [];
  const refreshes: unknown[] = [];
  const skipped: string[] = [];
  const sensitivity: Measurement[] = [];
  const realQuota: Measurement[] = [];
  let overhead: { upSeconds: number; previewSeconds: number } | undefined;
  const emulator = await startEmulator({ quota: QUOTA_BASE, quotaScale: SCALE, latencyMs: LATENCY_MS });
  try {
    log(`emulator ${emulator.endpoint} (moto ${emulator.moto.endpoint}), quota ${QUOTA.rps} rps burst ${QUOTA.burst}, write latency ${LATENCY_MS} ms`);
    if (!skipPulumi) {
      // The engine's fixed cost: up and preview of the program with no resource.
      const empty = await newStack("empty", emulator, undefined, "sets", tmp);
      await pulumi((o) => empty.stack.up(o)); // warms the TypeScript compile cache
      const up = await pulumi((o) => empty.stack.up({ ...o, refresh: true }));
      const pv = await pulumi((o) => empty.stack.preview(o));
      overhead = { upSeconds: round(up.engineMs / 1000), previewSeconds: round(pv.ms / 1000) };
      log(`engine overhead: up ${overhead.upSeconds} s, preview ${overhead.previewSeconds} s`);
      await removeStack(empty);
    }
    let singlesLast: { n: number; s: number } | undefined;
    for (const n of sizes) {
      const methods = Math.max(1, Math.round(n / RESPONSES_PER_METHOD));
      const seed = () => seedApi(emulator.moto.endpoint, methods, `bench-${n}`);
      if (wants("reconciler-sets")) results.push(await runReconciler(emulator, await seed()));
      if (wants("naive-sdk")) results.push(await runNaive(emulator, await seed()));
      if (skipPulumi) continue;
      /** A no-op refresh + preview of a stack just brought up: the reads it costs. */
      const noopRefresh = async (mode: "sets" | "singles", s: BenchStack, resources: number) => {
        await refill();
        const before = emulator.stats();
        const pv = await pulumi((o) => s.stack.preview({ ...o, refresh: true, expectNoChanges: true }));
        const d = callDelta(before, emulator.stats());
        refreshes.push({ mode, n, methods, resources, seconds: round(pv.ms / 1000, 3), exitCode: pv.code, calls: d.calls, total: d.total });
        log(`no-op preview --refresh of ${resources} ${mode} (N=${n}): ${round(pv.ms / 1000)} s, exit ${pv.code}, calls ${JSON.stringify(d.calls)}`);
      };
      if (wants("pulumi-sets")) {
        const sets = await runPulumiUp(emulator, await seed(), "sets", tmp);
        results.push(sets.m);
        await noopRefresh("sets", sets.stack, methods);
        await removeStack(sets.stack);
      }
      if (!wants("pulumi-singles")) continue;
      const predicted = singlesLast ? (singlesLast.s * n) / singlesLast.n : 0;
      if (predicted > singlesMaxS) {
        skipped.push(`pulumi-singles at N=${n}: predicted ${Math.round(predicted)} s from N=${singlesLast!.n} (${round(singlesLast!.s)} s), over the ${singlesMaxS} s cap`);
        log(`skipping ${skipped.at(-1)}`);
        continue;
      }
      const singles = await runPulumiUp(emulator, await seed(), "singles", tmp);
      results.push(singles.m);
      singlesLast = { n, s: singles.m.wallSeconds };
      await noopRefresh("singles", singles.stack, methods * RESPONSES_PER_METHOD);
      await removeStack(singles.stack);
    }
    const nMax = Math.max(...sizes);
    // Single resources at AWS's own quota (scale 1, 20 ms a write): at ×4 the bound of ~1,000 calls is
    // shorter than the engine's own work for 1,000 resources, even without its state writes.
    if (!skipPulumi && wants("pulumi-singles") && process.env.BENCH_REAL_QUOTA !== "0") {
      // Twice: as users run it, and with the engine's checkpoint after every step skipped
      // (PULUMI_SKIP_CHECKPOINTS): the difference is what the engine's state writes cost.
      for (const skipCheckpoints of [false, true]) {
        const e1 = await startEmulator({ quota: QUOTA_BASE, quotaScale: 1, latencyMs: 20 });
        try {
          const api = await seedApi(e1.moto.endpoint, Math.round(nMax / RESPONSES_PER_METHOD), "real-quota");
          const run = await runPulumiUp(e1, api, "singles", tmp, QUOTA_BASE, skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : undefined);
          realQuota.push({ ...run.m, notes: { ...run.m.notes, scale: 1, latencyMs: 20, skipCheckpoints } });
          log(`pulumi-singles at AWS's quota N=${run.m.n}${skipCheckpoints ? ", checkpoints skipped" : ""}: ${run.m.wallSeconds} s, C=${run.m.successfulCalls}, bound ${run.m.boundSeconds} s, ratio ${run.m.ratio}`);
          await removeStack(run.stack);
        } finally {
          releaseSharedClients();
          await e1.stop();
        }
      }
    }
    // Why: the same largest reconcile at other scales and write latencies (per-API serialization vs the quota).
    for (const pair of (process.env.BENCH_SENSITIVITY ?? "10:2").split(",").filter(Boolean)) {
      const [scale, latency] = pair.split(":").map(Number) as [number, number];
      const e2 = await startEmulator({ quota: QUOTA_BASE, quotaScale: scale, latencyMs: latency });
      try {
        const api = await seedApi(e2.moto.endpoint, Math.round(nMax / RESPONSES_PER_METHOD), "sensitivity");
        const m = await runReconciler(e2, api, scale);
        sensitivity.push({ ...m, notes: { ...m.notes, scale, latencyMs: latency } });
      } finally {
        releaseSharedClients();
        await e2.stop();
      }
    }
  } finally {
    releaseSharedClients();
    await emulator.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const planning = planTiming();
  log(`plan(): ${planning.responses} responses in ${planning.medianMs} ms (median of 7)`);
  const out = {
    machine: machine(),
    quota: { ...QUOTA, base: QUOTA_BASE, scale: SCALE, writeLatencyMs: LATENCY_MS, clientRates: CLIENT_RATES },
    responsesPerMethod: RESPONSES_PER_METHOD,
    results,
    refreshes,
    engineOverhead: overhead,
    sensitivity,
    realQuota,
    planning,
    skipped,
    totalSeconds: round((Date.now() - started) / 1000, 1),
  };
  mkdirSync(path.join(PACKAGE_ROOT, "bench"), { recursive: true });
  writeFileSync(path.join(PACKAGE_ROOT, "bench", "results.json"), JSON.stringify(out, null, 2) + "\n");
  writeFileSync(path.join(PACKAGE_ROOT, "bench", "chart.svg"), await renderChartSvg(results, QUOTA));
  writeFileSync(path.join(PACKAGE_ROOT, "BENCHMARKS.md"), renderReport(out, analysis(), baseline()));
  log(`wrote BENCHMARKS.md, bench/results.json, bench/chart.svg in ${out.totalSeconds} s`);
}

/** `--render`: write BENCHMARKS.md and the chart again from bench/results.json (after editing the analysis). */
async function renderOnly(): Promise<void> {
  const out = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "bench", "results.json"), "utf8")) as Parameters<typeof renderReport>[0];
  writeFileSync(path.join(PACKAGE_ROOT, "bench", "chart.svg"), await renderChartSvg(out.results, out.quota));
  writeFileSync(path.join(PACKAGE_ROOT, "BENCHMARKS.md"), renderReport(out, analysis(), baseline()));
  log("wrote BENCHMARKS.md and bench/chart.svg from bench/results.json");
}

/** The `--help` text. */
export const USAGE = `npm run bench [-- --render]

Measures converges against the local API Gateway with AWS's quota on (scaled ${SCALE}x) and
writes BENCHMARKS.md, bench/results.json and bench/chart.svg. About 7 minutes on 2 cores.

  --render   only write BENCHMARKS.md and the chart again from bench/results.json
  --help     this text

Environment:
  BENCH_SIZES=40,200,1000     the N (responses) to measure
  BENCH_MODES=a,b             only these modes (reconciler-sets, naive-sdk, pulumi-sets, pulumi-singles)
  BENCH_SCALE=4               the quota scale (AWS rate and burst times this)
  BENCH_SKIP_PULUMI=1         skip the pulumi up modes
  BENCH_SINGLES_MAX_S=240     skip single-resource mode at an N whose predicted time exceeds this
  BENCH_REAL_QUOTA=0          skip single-resource mode at AWS's own quota (scale 1)
`;

if (require.main === module && (process.argv.includes("--help") || process.argv.includes("-h"))) {
  process.stdout.write(USAGE);
} else if (require.main === module) {
  (process.argv.includes("--render") ? renderOnly() : main()).catch((e: unknown) => {
    process.stderr.write(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
