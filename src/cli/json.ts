/**
 * The JSON documents of `--format json`: an apply's report, and the document of
 * an error — every kind of error gives `{"ok": false, …}` with what was done
 * before it and what remains, so that a job reading standard output always gets a
 * document.
 */
import { ApplyError } from "../apply";
import type { ApplyReport } from "../model";
import { planToJson, type PlanJson } from "../render";
import { ConvergenceError, ValidationError } from "../reconcile";
import type { CliApplyResult } from "./apply";
import { SpecFileError } from "./errors";

/** An apply report as JSON: operations with their method, calls and retries by kind, adopted responses. */
export function reportJson(report: ApplyReport) {
  return {
    operations: report.operations.map((o) => ({ kind: o.kind, statusCode: o.statusCode, ...o.key })),
    calls: report.calls,
    retries: report.retries,
    adopted: report.adopted.map((a) => ({ ...a.key, statusCode: a.statusCode, kind: a.kind })),
    durationMs: report.durationMs,
    ...(report.gatewayResponseOperations !== undefined
      ? { gatewayResponseOperations: report.gatewayResponseOperations.map((o) => ({ kind: o.kind, restApiId: o.restApiId, responseType: o.responseType })) }
      : {}),
  };
}

/** The JSON of an apply: the plan applied, the report, the failures. */
export function applyJson(result: CliApplyResult) {
  const gatewayFailures = result.gatewayFailures ?? [];
  return {
    ok: result.failures.length === 0 && gatewayFailures.length === 0,
    plan: planToJson(result.plan),
    report: reportJson(result.report),
    failures: [
      ...result.failures.map((f) => ({ ...f.method.key, ...(f.method.path !== undefined ? { path: f.method.path } : {}), error: f.error.message })),
      ...gatewayFailures.map((f) => ({ restApiId: f.operation.restApiId, responseType: f.operation.responseType, error: f.error.message })),
    ],
  };
}

/** The document of a failed command. */
export interface ErrorJson {
  readonly ok: false;
  readonly error: {
    /** Stable code: `VALIDATION_FAILED`, `APPLY_FAILED`, `NOT_CONVERGED`, `PATH_NOT_FOUND`, `METHOD_NOT_FOUND`, … `INVALID_INPUT` (a bad file or option), `UNEXPECTED`. */
    readonly code: string;
    /** The one line the text output prints. */
    readonly message: string;
    /** The other lines of the message. */
    readonly details: readonly string[];
    /** Validation problems, each with its property path and rule. */
    readonly problems?: readonly { readonly property: string; readonly reason: string }[];
  };
  /** What was done before the error (null: the error came before any write). */
  readonly report: ReturnType<typeof reportJson> | null;
  /** What is still to do, as a plan (null: not known — the error came before planning ended, or a write failed). */
  readonly remaining: PlanJson | null;
  /** Methods (and gateway responses) whose writes failed, with their errors. */
  readonly failures?: readonly unknown[];
}

/** The document of an error, for `--format json`. */
export function errorJson(err: unknown): ErrorJson {
  const e = err instanceof Error ? err : new Error(String(err));
  const [message = "", ...details] = e.message.split("\n");
  const own = (e as { code?: unknown }).code;
  const code = typeof own === "string" ? own : e.name === "CliError" ? "INVALID_INPUT" : "UNEXPECTED";
  const base = { code, message, details };
  if (err instanceof ValidationError || err instanceof SpecFileError) return { ok: false, error: { ...base, problems: err.failures }, report: null, remaining: null };
  if (err instanceof ConvergenceError) return { ok: false, error: base, report: reportJson(err.report), remaining: planToJson(err.remaining) };
  if (err instanceof ApplyError) {
    return { ok: false, error: base, report: reportJson(err.report), remaining: null, failures: applyJson({ plan: { methods: [] }, report: err.report, failures: err.failures, gatewayFailures: err.gatewayFailures }).failures };
  }
  return { ok: false, error: base, report: null, remaining: null };
}
