/**
 * `apply` for the command line: {@link reconcile} with progress drawn from its
 * events — one line per method as it goes (with its retries: throttling,
 * conflicts), a line when a pass re-plans — and the report of the whole run.
 * A hard limit (AWS-63, `LIMIT_EXCEEDED`) stops the remaining methods of its REST
 * API before they start: each gets a `NOT STARTED` line.
 */
import { ApplyError, MethodNotStartedError, type MethodFailure } from "../apply";
import { describeGatewayResponse, type GatewayResponseFailure } from "../apply/gateway-responses";
import type { CallCounters } from "../aws/connection";
import type { Runtime } from "../runtime";
import type { ApplyReport, Plan, RetryCause } from "../model";
import { describeMethod, methodId } from "../model";
import { isInSync } from "../plan";
import { convergeDesiredState, type DesiredInput, type ReconcileEvents } from "../reconcile";
import { escapeUnsafe } from "../text";

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
  /** Methods that failed, with their error (the others were applied). */
  readonly failures: readonly MethodFailure[];
  /** Gateway-response operations that failed, with their error (absent or empty when none failed). */
  readonly gatewayFailures?: readonly GatewayResponseFailure[];
  /** Apply passes made. */
  readonly passes?: number;
  /** The live state was seen to move under the run: another writer is the probable cause. */
  readonly otherWriter?: boolean;
}

/** `3 retries (2 throttled, 1 conflict)`, or `""` when there were none. */
export function describeRetries(retries: Record<RetryCause, number>): string {
  const parts = (Object.entries(retries) as [RetryCause, number][]).filter(([, n]) => n > 0).map(([c, n]) => `${n} ${c}`);
  const total = Object.values(retries).reduce((a, b) => a + b, 0);
  return total === 0 ? "" : `${total} retr${total === 1 ? "y" : "ies"} (${parts.join(", ")})`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** The events that draw progress on `progress`: a live line on a terminal, a line per new retry elsewhere (CI logs). */
function progressEvents(progress: ProgressSink, firstPlan: (p: Plan) => void): ReconcileEvents {
  let index = 0;
  let total = 0;
  const live = new Map<string, { label: string; counters: CallCounters; shown: string; timer: NodeJS.Timeout }>();
  const clear = progress.isTTY ? "\r\x1b[2K" : "";
  return {
    passStarted(pass, plan) {
      if (pass === 1) firstPlan(plan);
      else progress.write(`the live state still differs after pass ${pass - 1}: read again and re-planned; pass ${pass}:\n`);
      index = 0;
      total = plan.methods.filter((m) => m.operations.length > 0).length;
    },
    methodStarted(mp, counters) {
      const label = `[${++index}/${total}] ${describeMethod(mp.key, mp.path)}`;
      const entry = { label, counters, shown: "", timer: undefined as unknown as NodeJS.Timeout };
      entry.timer = setInterval(() => {
        const r = describeRetries(counters.retries);
        if (r === entry.shown) return;
        entry.shown = r;
        if (progress.isTTY) progress.write(`${clear}${label}: applying ${mp.operations.length} change(s)… ${r}`);
        else progress.write(`${label}: retrying: ${r}\n`);
      }, 100);
      live.set(methodId(mp.key), entry);
      if (progress.isTTY) progress.write(`${label}: applying ${mp.operations.length} change(s)…`);
    },
    methodEnded(mp, outcome) {
      const entry = live.get(methodId(mp.key));
      if (!entry) {
        // Not started: an earlier method on its REST API met a hard limit (AWS-63).
        if (outcome.error instanceof MethodNotStartedError) {
          progress.write(`[${++index}/${total}] ${describeMethod(mp.key, mp.path)}: NOT STARTED: rest api ${mp.key.restApiId} met a hard limit (LIMIT_EXCEEDED, AWS-63)\n`);
        }
        return;
      }
      clearInterval(entry.timer);
      live.delete(methodId(mp.key));
      if (outcome.error) {
        progress.write(`${clear}${entry.label}: FAILED: ${escapeUnsafe(outcome.error.message.split("\n")[0] ?? "")}\n`);
        return;
      }
      const r = describeRetries(outcome.counters.retries);
      const extra = [`${outcome.operations.length} change(s)`, seconds(outcome.durationMs), ...(r ? [r] : []), ...(outcome.adopted.length ? [`${outcome.adopted.length} adopted`] : [])];
      progress.write(`${clear}${entry.label}: done (${extra.join(", ")})\n`);
    },
  };
}

/**
 * Reconcile inputs that passed validation (a loaded spec file's methods and gateway
 * responses) with progress: plan, apply each method (then each REST API's gateway
 * responses), verify by reading again (re-planning when the live state moved under the run).
 *
 * @returns the first plan, the report, and the failed methods (an apply that
 *   failed for some methods is a result here, not an exception, so that the report is printed)
 * @throws {PathNotFoundError} / {ApiGatewayError} / {PlanError} from planning (no write made)
 * @throws {ConvergenceError} when every method applied but the live state still differs after the last pass
 */
export async function applySpecs(runtime: Runtime, inputs: readonly DesiredInput[], progress?: ProgressSink): Promise<CliApplyResult> {
  let plan: Plan = { methods: [] };
  const events = progress ? progressEvents(progress, (p) => (plan = p)) : { passStarted: (pass: number, p: Plan) => void (pass === 1 && (plan = p)) };
  try {
    // The inputs were validated when the spec file was loaded: not again.
    const result = await convergeDesiredState(runtime, inputs, { events });
    const gateway = result.desiredGatewayResponses.length > 0 ? ` and the gateway responses of ${result.desiredGatewayResponses.length} REST API(s)` : "";
    if (isInSync(result.plan)) progress?.write(`${result.plan.methods.length} method(s)${gateway} already in sync: nothing to do.\n`);
    else progress?.write(`verified: the live state equals the spec.\n`);
    return { plan: result.plan, report: result.report, failures: [] };
  } catch (e) {
    if (e instanceof ApplyError) return { plan, report: e.report, failures: e.failures, gatewayFailures: e.gatewayFailures, passes: e.passes, otherWriter: e.otherWriter };
    throw e;
  }
}

/** What failed in an apply, for messages: `2 method(s) and 1 gateway response(s)`; `""` when nothing failed. */
export function failedTargets(result: Pick<CliApplyResult, "failures" | "gatewayFailures">): string {
  const gateway = result.gatewayFailures?.length ?? 0;
  return [...(result.failures.length > 0 ? [`${result.failures.length} method(s)`] : []), ...(gateway > 0 ? [`${gateway} gateway response(s)`] : [])].join(" and ");
}

/** The final report in text: totals, calls by operation, retries by cause, adopted responses. */
export function renderApplyReportText(result: CliApplyResult): string {
  const r = result.report;
  const methods = new Set(r.operations.map((o) => methodId(o.key))).size;
  const gatewayFailures = result.gatewayFailures ?? [];
  const gatewayOps = r.gatewayResponseOperations;
  const gateway = gatewayOps === undefined ? "" : ` and ${gatewayOps.length} change(s) on gateway responses`;
  const failed = failedTargets(result);
  const lines = [
    failed !== ""
      ? `Apply FAILED for ${failed}; ${r.operations.length} change(s) made on ${methods} method(s)${gateway} in ${seconds(r.durationMs)}.`
      : `Applied ${r.operations.length} change(s) on ${methods} method(s)${gateway} in ${seconds(r.durationMs)}.`,
  ];
  const calls = Object.entries(r.calls).sort(([a], [b]) => (a < b ? -1 : 1));
  if (calls.length > 0) lines.push(`  calls:   ${calls.map(([op, n]) => `${op} ${n}`).join(", ")}`);
  lines.push(`  retries: ${describeRetries(r.retries) || "none"}`);
  for (const a of r.adopted) lines.push(`  adopted: the existing ${a.kind === "methodResponse" ? "method" : "integration"} response ${a.statusCode} of ${describeMethod(a.key)}`);
  for (const f of result.failures) {
    const what = f.error instanceof MethodNotStartedError ? "not started" : "failed";
    lines.push(`  ${`${what}:`.padEnd(8)} ${describeMethod(f.method.key, f.method.path)}: ${f.error.message.split("\n")[0]}`);
  }
  for (const f of gatewayFailures) lines.push(`  failed:  ${describeGatewayResponse(f.operation.restApiId, f.operation.responseType)}: ${f.error.message.split("\n")[0]}`);
  return lines.join("\n");
}
