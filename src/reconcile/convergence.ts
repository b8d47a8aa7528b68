/**
 * How a run that did not converge says so ({@link ConvergenceError}): what still differs
 * after the last pass, and the probable cause.
 */
import type { ApplyReport, Plan } from "../model";
import { describeMethod } from "../model";

/** The lines listing a plan's operations, method by method (what still differs). */
function remainingLines(remaining: Plan): string[] {
  const lines: string[] = [];
  for (const m of remaining.methods) {
    if (m.operations.length === 0) continue;
    lines.push(`  - ${describeMethod(m.key, m.path)}:`);
    for (const op of m.operations) {
      const fields = op.changes.map((c) => c.field).join(", ");
      lines.push(`      ${op.kind} ${op.statusCode}${fields ? ` (${fields})` : ""}`);
    }
  }
  for (const g of remaining.gatewayResponses ?? []) {
    if (g.operations.length === 0) continue;
    lines.push(`  - the gateway responses of rest api ${g.restApiId}:`);
    for (const op of g.operations) {
      const fields = op.changes.map((c) => c.field).join(", ");
      lines.push(`      ${op.kind} ${op.responseType}${fields ? ` (${fields})` : ""}`);
    }
  }
  return lines;
}

/** Why the live state still differs after the last pass, as {@link ConvergenceError.cause} says it. */
export type NonConvergenceCause =
  /** One pass only (`maxPasses: 1`): no second look. */
  | "single-pass"
  /** The live state changed between passes in ways this run did not write: another writer is the probable cause. */
  | "moved"
  /** The same changes were needed again after being applied: the writes did not stick (or another writer reverts them each time). */
  | "not-sticking";

/** After apply (and re-plans, up to `maxPasses`), the live state still differs from the desired one. */
export class ConvergenceError extends Error {
  override readonly name = "ConvergenceError";
  /** Stable code. */
  readonly code = "NOT_CONVERGED" as const;
  /** The plan made from the state observed after the last pass (what is still to do). */
  readonly remaining: Plan;
  /** The report of the whole run (every pass). */
  readonly report: ApplyReport;
  /** How many apply passes were made. */
  readonly passes: number;
  /** Why it probably did not converge. */
  readonly why: NonConvergenceCause;

  constructor(remaining: Plan, report: ApplyReport, passes = 1, why: NonConvergenceCause = "single-pass") {
    const methods = remaining.methods.filter((m) => m.operations.length > 0).length;
    const gateways = (remaining.gatewayResponses ?? []).filter((g) => g.operations.length > 0).length;
    const where = [...(methods > 0 || gateways === 0 ? [`${methods} method(s)`] : []), ...(gateways > 0 ? [`the gateway responses of ${gateways} REST API(s)`] : [])].join(" and ");
    const reason =
      why === "moved"
        ? "; the live state changed between passes: another writer changing these methods at the same time is the probable cause"
        : why === "not-sticking"
          ? "; the same changes were needed again after being applied: the writes did not stick, or another writer reverts them"
          : "";
    super(
      `NOT_CONVERGED: after ${passes} apply pass${passes === 1 ? "" : "es"}, the live state still differs from the desired state in ${where}${reason}.` +
        `\n${remainingLines(remaining).join("\n")}`,
    );
    this.remaining = remaining;
    this.report = report;
    this.passes = passes;
    this.why = why;
  }
}
