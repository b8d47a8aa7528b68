/**
 * `apply` for the command line: plan, then apply method by method so that a terminal
 * shows one line per method as it goes (with its retries: throttling, conflicts), then
 * observe again to verify, and report (an {@link ApplyReport} for the whole run).
 * As in `applyPlan`, a hard limit (AWS-63, `LIMIT_EXCEEDED`) stops the remaining
 * methods of its REST API before they start.
 */
import { applyPlan, ApplyError, isHardLimit, MethodNotStartedError } from "../apply";
import type { ApiGatewayError } from "../aws/errors";
import { newCounters, addCounters, type Runtime } from "../aws/runtime";
import type { ApplyReport, MethodPlan, MethodSpec, Plan, RetryCause } from "../model";
import { describeMethod } from "../model";
import { isInSync } from "../plan";
import { ConvergenceError, planSpecs } from "../reconcile";

/** Where progress goes: a stream and whether it is a terminal (a live line is redrawn there). */
export interface ProgressSink {
  write(text: string): void;
  readonly isTTY: boolean;
}

/** What {@link applySpecs} returns. */
export interface CliApplyResult {
  /** The plan that was applied (empty when everything was in sync). */
  readonly plan: Plan;
  readonly report: ApplyReport;
  /** Methods that failed or were not started (after a hard limit), with their error (the others were applied). */
  readonly failures: readonly { readonly method: MethodPlan; readonly error: Error }[];
}

/** `3 retries (2 throttled, 1 conflict)`, or `""` when there were none. */
export function describeRetries(retries: Record<RetryCause, number>): string {
  const parts = (Object.entries(retries) as [RetryCause, number][]).filter(([, n]) => n > 0).map(([c, n]) => `${n} ${c}`);
  const total = Object.values(retries).reduce((a, b) => a + b, 0);
  return total === 0 ? "" : `${total} retr${total === 1 ? "y" : "ies"} (${parts.join(", ")})`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/**
 * Plan, apply each method with progress, verify.
 *
 * @throws {ValidationError} / {PathNotFoundError} / {ApiGatewayError} / {PlanError} from planning (no write made)
 * @throws {ConvergenceError} when every method applied but the live state still differs
 */
export async function applySpecs(runtime: Runtime, specs: readonly MethodSpec[], progress?: ProgressSink): Promise<CliApplyResult> {
  const started = Date.now();
  const first = await planSpecs(runtime, specs);
  const counters = newCounters();
  addCounters(counters, first.counters);
  if (isInSync(first.plan)) {
    progress?.write(`${first.plan.methods.length} method(s) already in sync: nothing to do.\n`);
    return {
      plan: first.plan,
      failures: [],
      report: { operations: [], calls: { ...counters.calls }, retries: { ...counters.retries }, adopted: [], durationMs: Date.now() - started },
    };
  }
  const pending = first.plan.methods.filter((m) => m.operations.length > 0);
  const operations: ApplyReport["operations"][number][] = [];
  const adopted: ApplyReport["adopted"][number][] = [];
  const failures: { method: MethodPlan; error: Error }[] = [];
  /** REST API id → the hard limit (AWS-63) met there: its remaining methods are not started. */
  const limits = new Map<string, ApiGatewayError>();
  let index = 0;
  for (const mp of pending) {
    index++;
    const label = `[${index}/${pending.length}] ${describeMethod(mp.key, mp.path)}`;
    const limit = limits.get(mp.key.restApiId);
    if (limit) {
      const error = new MethodNotStartedError(mp.key, mp.path, limit);
      failures.push({ method: mp, error });
      progress?.write(`${label}: NOT STARTED: rest api ${mp.key.restApiId} met a hard limit (LIMIT_EXCEEDED, AWS-63)\n`);
      continue;
    }
    const methodCounters = newCounters();
    const t0 = Date.now();
    let shown = "";
    // A live line on a terminal; a line per new retry elsewhere (CI logs).
    const tick = () => {
      const r = describeRetries(methodCounters.retries);
      if (r === shown) return;
      shown = r;
      if (progress?.isTTY) progress.write(`\r\x1b[2K${label}: applying ${mp.operations.length} change(s)… ${r}`);
      else progress?.write(`${label}: retrying: ${r}\n`);
    };
    if (progress?.isTTY) progress.write(`${label}: applying ${mp.operations.length} change(s)…`);
    const timer = progress ? setInterval(tick, 100) : undefined;
    try {
      const report = await applyPlan(runtime, { methods: [mp] }, { counters: methodCounters });
      operations.push(...report.operations);
      adopted.push(...report.adopted);
      const r = describeRetries(methodCounters.retries);
      const extra = [`${report.operations.length} change(s)`, seconds(Date.now() - t0), ...(r ? [r] : []), ...(report.adopted.length ? [`${report.adopted.length} adopted`] : [])];
      progress?.write(`${progress.isTTY ? "\r\x1b[2K" : ""}${label}: done (${extra.join(", ")})\n`);
    } catch (e) {
      const error = e instanceof ApplyError ? (e.errors[0] ?? e) : e instanceof Error ? e : new Error(String(e));
      if (e instanceof ApplyError) {
        operations.push(...e.report.operations);
        adopted.push(...e.report.adopted);
      }
      failures.push({ method: mp, error });
      if (isHardLimit(error)) limits.set(mp.key.restApiId, error);
      progress?.write(`${progress.isTTY ? "\r\x1b[2K" : ""}${label}: FAILED: ${error.message.split("\n")[0]}\n`);
    } finally {
      if (timer) clearInterval(timer);
      addCounters(counters, methodCounters);
    }
  }
  const report = (): ApplyReport => ({ operations, calls: { ...counters.calls }, retries: { ...counters.retries }, adopted, durationMs: Date.now() - started });
  if (failures.length > 0) return { plan: first.plan, report: report(), failures };
  // Level-based: read the live state again and check that nothing is left to do.
  // The desired methods of the first pass: validated and with their paths resolved already.
  const again = await planSpecs(runtime, first.desired);
  addCounters(counters, again.counters);
  if (!isInSync(again.plan)) throw new ConvergenceError(again.plan, report());
  progress?.write(`verified: the live state equals the spec.\n`);
  return { plan: first.plan, report: report(), failures };
}

/** The final report in text: totals, calls by operation, retries by cause, adopted responses. */
export function renderApplyReportText(result: CliApplyResult): string {
  const r = result.report;
  const methods = new Set(r.operations.map((o) => `${o.key.restApiId}/${o.key.resourceId}/${o.key.httpMethod}`)).size;
  const lines = [
    result.failures.length > 0
      ? `Apply FAILED for ${result.failures.length} method(s); ${r.operations.length} change(s) made on ${methods} method(s) in ${seconds(r.durationMs)}.`
      : `Applied ${r.operations.length} change(s) on ${methods} method(s) in ${seconds(r.durationMs)}.`,
  ];
  const calls = Object.entries(r.calls).sort(([a], [b]) => (a < b ? -1 : 1));
  if (calls.length > 0) lines.push(`  calls:   ${calls.map(([op, n]) => `${op} ${n}`).join(", ")}`);
  lines.push(`  retries: ${describeRetries(r.retries) || "none"}`);
  for (const a of r.adopted) lines.push(`  adopted: the existing ${a.kind === "methodResponse" ? "method" : "integration"} response ${a.statusCode} of ${describeMethod(a.key)}`);
  for (const f of result.failures) {
    const what = f.error instanceof MethodNotStartedError ? "not started" : "failed";
    lines.push(`  ${`${what}:`.padEnd(8)} ${describeMethod(f.method.key, f.method.path)}: ${f.error.message.split("\n")[0]}`);
  }
  return lines.join("\n");
}
