/** Renders `BENCHMARKS.md` from the raw results of `npm run bench`. */
import type { Measurement } from "./main";

/** The raw results as `bench/results.json` holds them. */
export interface BenchResults {
  readonly machine: Record<string, string>;
  readonly quota: { rps: number; burst: number; scale: number; writeLatencyMs: number; base: { rps: number; burst: number } };
  readonly responsesPerMethod: number;
  readonly results: readonly Measurement[];
  readonly refreshes: readonly unknown[];
  readonly engineOverhead?: { upSeconds: number; previewSeconds: number };
  readonly sensitivity: readonly Measurement[];
  /** Single resources at AWS's own quota (scale 1); absent in results written before it was measured. */
  readonly realQuota?: readonly Measurement[];
  readonly planning: { responses: number; methods: number; operations: number; medianMs: number; runsMs: number[] };
  readonly skipped: readonly string[];
  readonly totalSeconds: number;
}

const fmtCalls = (r: Record<string, number>) =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(", ");

/** One no-op `preview --refresh` (`mode` is absent in results written before it was measured for single resources). */
interface Refresh {
  readonly mode?: "sets" | "singles";
  readonly n: number;
  readonly methods?: number;
  readonly resources: number;
  readonly seconds: number;
  readonly exitCode: number;
  readonly calls: Record<string, number>;
  readonly total: number;
}

/** Calls answered 2xx per response of the workload. */
const callsPerResponse = (m: Measurement) => m.successfulCalls / m.n;
/** Was the run made with the engine's per-step checkpoints skipped (`PULUMI_SKIP_CHECKPOINTS`)? */
const skipsCheckpoints = (m: Measurement) => (m.notes as { skipCheckpoints?: boolean } | undefined)?.skipCheckpoints === true;

/** Read calls of a refresh (every call of a no-op refresh should be one). */
const readsOf = (x: Refresh) => Object.entries(x.calls).reduce((n, [op, c]) => n + (op.startsWith("Get") ? c : 0), 0);

function row(m: Measurement): string {
  const ratio = m.ratio !== null ? `**${m.ratio.toFixed(3)}×**` : m.failedOperations > 0 ? "n/a (failed)" : "n/a (C ≤ burst)";
  return `| ${m.mode} | ${m.n} | ${m.wallSeconds.toFixed(2)} | ${m.successfulCalls} | ${callsPerResponse(m).toFixed(3)} | ${m.boundSeconds.toFixed(2)} | ${ratio} | ${m.delta.throttled} | ${m.delta.conflicts} | ${m.failedOperations} | ${m.liveEqualsDesired ? "yes" : `**no** (${m.methodsDiffering} methods differ)`} | ${fmtCalls(m.delta.calls)} |`;
}

/**
 * The goals of issue 14 at the largest N: each figure before (the baseline's run) and now.
 * A figure the baseline did not measure is "n/a".
 */
function goals(r: BenchResults, base: BenchResults | undefined): string {
  const n = Math.max(...r.results.map((m) => m.n));
  const result = (b: BenchResults | undefined, mode: string) => b?.results.find((m) => m.mode === mode && m.n === n);
  const refresh = (b: BenchResults | undefined, mode: "sets" | "singles") =>
    (b?.refreshes as Refresh[] | undefined)?.find((x) => x.n === n && (x.mode ?? "sets") === mode);
  const fmt = (v: number | undefined, digits: number, unit = "") => (v === undefined ? "n/a" : `${v.toFixed(digits)}${unit}`);
  const line = (figure: string, goal: string, pick: (b: BenchResults | undefined) => number | undefined, digits: number, unit = "") =>
    `| ${figure} | ${goal} | ${fmt(pick(base), digits, unit)} | **${fmt(pick(r), digits, unit)}** |`;
  const cpr = (mode: string) => (b: BenchResults | undefined) => {
    const m = result(b, mode);
    return m ? callsPerResponse(m) : undefined;
  };
  const ratio = (mode: string) => (b: BenchResults | undefined) => result(b, mode)?.ratio ?? undefined;
  const realQuotaRatio = (skipped: boolean) => (b: BenchResults | undefined) => b?.realQuota?.find((m) => m.n === n && skipsCheckpoints(m) === skipped)?.ratio ?? undefined;
  const reads = (mode: "sets" | "singles") => (b: BenchResults | undefined) => {
    const x = refresh(b, mode);
    return x ? readsOf(x) : undefined;
  };
  const perMethod = (mode: "sets" | "singles") => (b: BenchResults | undefined) => {
    const x = refresh(b, mode);
    return x ? readsOf(x) / (x.methods ?? x.n / r.responsesPerMethod) : undefined;
  };
  const methods = n / r.responsesPerMethod;
  return `### Read costs at N = ${n}: before and now

"Before" is the run kept in [bench/baseline.json](bench/baseline.json) (${base?.machine.date ?? "none kept"}), before the reads of a
provider process were shared; "now" is this run. Calls per response are calls answered 2xx divided by N.

| figure | goal | before | now |
|---|---|---|---|
${[
  line("`pulumi up`, single resources: calls per response", "≤ 1.10", cpr("pulumi-singles"), 3),
  line("`pulumi up`, single resources: ratio to the quota bound", "≤ 1.20×", ratio("pulumi-singles"), 3, "×"),
  line("the same at AWS's own quota (scale 1)", "≤ 1.20×", realQuotaRatio(false), 3, "×"),
  line("the same, the engine's checkpoint after each step skipped", "", realQuotaRatio(true), 3, "×"),
  line("`pulumi up`, ResponseSets: calls per response", "≤ 1.02", cpr("pulumi-sets"), 3),
  line(`no-op \`preview --refresh\`, ${methods} ResponseSets: reads`, "≤ 3", reads("sets"), 0),
  line("the same: reads per method", "", perMethod("sets"), 3),
  line(`no-op \`preview --refresh\`, ${n} single resources: reads`, "≤ 5", reads("singles"), 0),
  line("the same: reads per method", "", perMethod("singles"), 3),
  line("reconciler, ResponseSets: calls per response", "", cpr("reconciler-sets"), 3),
].join("\n")}
`;
}

/** The markdown of BENCHMARKS.md. `analysis` is inserted verbatim after the tables; `baseline`, an earlier run to compare with. */
export function renderReport(r: BenchResults, analysis = "", baseline?: BenchResults): string {
  const header =
    "| mode | N | wall s | C (2xx calls) | calls / response | bound s | ratio to bound | 429s | 409s | failed | live = desired | calls received by operation |\n|---|---|---|---|---|---|---|---|---|---|---|---|";
  const sizes = [...new Set(r.results.map((m) => m.n))].sort((a, b) => a - b);
  const tables = sizes.map((n) => `### N = ${n} (${n / r.responsesPerMethod} methods)\n\n${header}\n${r.results.filter((m) => m.n === n).map(row).join("\n")}\n`).join("\n");
  const refreshes = (r.refreshes as Refresh[])
    .map((x) => {
      const methods = x.methods ?? x.n / r.responsesPerMethod;
      return `| ${x.mode === "singles" ? "single resources" : "ResponseSets"} | ${x.n} | ${x.resources} | ${x.seconds.toFixed(2)} | ${x.total} | ${(readsOf(x) / methods).toFixed(3)} | ${fmtCalls(x.calls)} | ${x.exitCode} |`;
    })
    .join("\n");
  const sens = r.sensitivity
    .map((m) => `| ×${(m.notes as { scale: number }).scale} (${(m.notes as { scale: number }).scale * 10} rps, burst ${(m.notes as { scale: number }).scale * 40}) | ${(m.notes as { latencyMs: number }).latencyMs} ms | ${m.n} | ${m.wallSeconds.toFixed(2)} | ${m.successfulCalls} | ${m.boundSeconds.toFixed(2)} | ${m.ratio?.toFixed(2) ?? "n/a"} | ${m.delta.throttled} | ${m.delta.conflicts} | ${m.failedOperations} | ${m.liveEqualsDesired ? "yes" : "no"} |`)
    .join("\n");
  const pulumiRuns = r.results
    .filter((m) => m.mode.startsWith("pulumi-"))
    .map((m) => {
      const n = (m.notes ?? {}) as { resources?: number; firstCallAfterSeconds?: number | null; apiWindowSeconds?: number; apiWindowRatio?: number | null };
      return `| ${m.mode} | ${m.n} | ${n.resources ?? "?"} | ${m.wallSeconds.toFixed(2)} | ${n.firstCallAfterSeconds ?? "n/a"} | ${n.apiWindowSeconds ?? "n/a"} | ${m.boundSeconds.toFixed(2)} | ${n.apiWindowRatio != null ? `${n.apiWindowRatio.toFixed(3)}×` : "n/a"} |`;
    })
    .join("\n");
  const mach = Object.entries(r.machine)
    .map(([k, v]) => `- ${k}: ${v}`)
    .join("\n");
  return `# Benchmarks

Generated by \`npm run bench\` (tools/bench/, raw numbers in [bench/results.json](bench/results.json)). Do not edit by hand
except the analysis, which is kept in tools/bench/analysis.md and inserted as is.

**Setup.** The local API Gateway runs with AWS's management quota turned on and scaled ×${r.quota.scale}
(AWS-12: ${r.quota.base.rps} rps, burst ${r.quota.base.burst} → **${r.quota.rps} rps, burst ${r.quota.burst}**; GetResources 5 every 2 s → ${2.5 * r.quota.scale} rps, burst ${5 * r.quota.scale}),
and the write latency scaled the same way (${r.quota.writeLatencyMs} ms per mutating call, the emulator's 20 ms / ${r.quota.scale}).
The reconciler runs with the same rates as the emulator (the naive peer has no rate limit of its own); the \`pulumi up\` runs set \`apigw-responses:rate\` to
${r.quota.rps}:${r.quota.burst}, and their provider keeps AWS's unscaled \`GetResources\` rate (2.5 rps, burst 5: stack config has no
setting for it), stricter than the emulator's. A workload of N responses is N/${r.responsesPerMethod} \`GET\` methods (MOCK integrations) of one
REST API, each with ${r.responsesPerMethod / 2} status codes that have a method response and an integration response (a CORS header
mapping, templates, selection patterns). Each measurement starts on a fresh REST API (seeded through moto directly, so seeding
costs no quota) after the buckets have refilled.

**The bound.** A converge that needs C calls cannot finish faster than (C − burst) / rps. C is counted by the emulator:
calls answered 2xx. Ratio = wall time / bound. When C ≤ burst the bound is 0 and no ratio is given.

**Modes.**
- \`reconciler-sets\`: \`reconcile(runtime, specs)\` in this process, one desired method per ResponseSet.
- \`pulumi-sets\`: \`pulumi up\` of bench/program with one \`ResponseSet\` per method, run through the Automation API with
  the project's CLI (wall time from the call to the engine's summary event: it includes the engine's own start-up, not the
  stack-history read the Automation API does after an \`up\`).
- \`pulumi-singles\`: \`pulumi up\` of the same program with one \`MethodResponse\` + one \`IntegrationResponse\` per status code
  (the shape of Terraform and \`@pulumi/aws\`; the integration response \`dependsOn\` its method response).
- \`naive-sdk\`: AWS SDK v3 with its default retry settings (standard mode, 3 attempts), one \`Put*\` per response, 10 in parallel
  (all method responses, then all integration responses), no retry policy of its own.

## Results

![time vs N](bench/chart.svg)

${tables}
"failed" counts failed operations (naive SDK), failed methods (reconciler) or failed resources (pulumi).
"calls received" includes the calls the emulator refused (429, 409).
${r.engineOverhead ? `\nEngine overhead (the bench program with no resource, same machine): \`pulumi up\` ${r.engineOverhead.upSeconds} s, \`pulumi preview\` ${r.engineOverhead.previewSeconds} s.\n` : ""}
### Where the time of a \`pulumi up\` goes

The emulator's call counter was polled every 20 ms during each \`pulumi up\`: "first call after" is the engine's start
(CLI, language host, program, resource registrations, provider process) before the first API call; the API-active window
runs from the first call to the last.

| mode | N | resources | wall s | first call after s | API-active window s | bound s | window / bound |
|---|---|---|---|---|---|---|---|
${pulumiRuns}

### No-op refresh + preview (\`pulumi preview --refresh --expect-no-changes\` on the stack just brought up)

| stack | N | resources | seconds | calls | reads per method | calls by operation | exit code |
|---|---|---|---|---|---|---|---|
${refreshes}

${goals(r, baseline)}
### Single resources at AWS's own quota (\`pulumi up\`, scale 1: 10 rps, burst 40, GetResources 5 every 2 s, 20 ms a write)

| mode | engine checkpoints | N | resources | wall s | C | calls / response | bound s | ratio | first call after s | API-active window s | 429s | 409s | failed | live = desired |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${(r.realQuota ?? [])
  .map((m) => {
    const x = (m.notes ?? {}) as { resources?: number; firstCallAfterSeconds?: number | null; apiWindowSeconds?: number };
    return `| ${m.mode} | ${skipsCheckpoints(m) ? "skipped (`PULUMI_SKIP_CHECKPOINTS=true`)" : "after each step (default)"} | ${m.n} | ${x.resources ?? "?"} | ${m.wallSeconds.toFixed(2)} | ${m.successfulCalls} | ${callsPerResponse(m).toFixed(3)} | ${m.boundSeconds.toFixed(2)} | ${m.ratio?.toFixed(3) ?? "n/a"}× | ${x.firstCallAfterSeconds ?? "n/a"} | ${x.apiWindowSeconds ?? "n/a"} | ${m.delta.throttled} | ${m.delta.conflicts} | ${m.failedOperations} | ${m.liveEqualsDesired ? "yes" : "no"} |`;
  })
  .join("\n") || "| not measured | | | | | | | | | | | | | | |"}

### Per-API write serialization vs the quota (reconciler, largest N, other quota scales)

| quota | write latency | N | wall s | C | bound s | ratio | 429s | 409s | failed | live = desired |
|---|---|---|---|---|---|---|---|---|---|---|
${sens}

### Pure planning

\`plan()\` on ${r.planning.responses} desired responses (${r.planning.methods} methods: a third in sync, a third with nothing live, a third drifted):
${r.planning.operations} operations planned, **median ${r.planning.medianMs} ms** over 7 runs (${r.planning.runsMs.join(", ")} ms).

${r.skipped.length > 0 ? `### Not measured\n\n${r.skipped.map((s) => `- ${s}`).join("\n")}\n` : ""}
${analysis}
## Machine

${mach}

Whole run: ${r.totalSeconds} s.

## Reproduce

\`\`\`sh
npm run bench            # bootstrap + node build/tools/bench/main.js; writes BENCHMARKS.md, bench/results.json, bench/chart.svg
BENCH_SIZES=40,200 BENCH_SKIP_PULUMI=1 npm run bench   # a quick run without the pulumi modes
\`\`\`

Knobs: \`BENCH_SIZES\` (default 40,200,1000), \`BENCH_MODES\` (a comma list of modes), \`BENCH_SKIP_PULUMI=1\`, \`BENCH_SCALE\` (default 4), \`BENCH_LATENCY_MS\` (default 20 / scale), \`BENCH_SINGLES_MAX_S\` (cap on the extrapolated single-resource
\`pulumi up\`, default 240), \`BENCH_REAL_QUOTA=0\` (skip single resources at AWS's own quota), \`BENCH_SENSITIVITY\` (SCALE:LATENCY_MS pairs of the serialization table, default 10:2).
`;
}
