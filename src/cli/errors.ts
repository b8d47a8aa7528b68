/**
 * How the command line reports failures: one clear line for every error a user can
 * cause or meet (a bad spec, a missing path, an AWS refusal with its request id), the
 * detail and the stack only with `--verbose`, and exit code 1.
 */
import { ApplyError } from "../apply";
import { ApiGatewayError } from "../aws/errors";
import { PathNotFoundError } from "../observe/paths";
import { PlanError } from "../plan/errors";
import { ConvergenceError, ValidationError } from "../reconcile";
import { StageError } from "../stage/errors";

/** Exit codes of `plan` and `drift` (the `terraform plan -detailed-exitcode` convention). */
export const EXIT = {
  /** In sync, or the command succeeded. */
  ok: 0,
  /** Any error. */
  error: 1,
  /** Changes are needed (plan) or the live state drifted (drift). */
  changes: 2,
} as const;

/**
 * An error caused by the user (a file that cannot be read, an option with a bad value):
 * printed as one line without a stack trace, even with `--verbose` unless `detail` is set.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  /** More lines, shown with `--verbose`. */
  readonly detail?: string;

  /** @param message the one line; @param detail more lines for `--verbose` */
  constructor(message: string, detail?: string) {
    super(message);
    if (detail !== undefined) this.detail = detail;
  }
}

/** A spec file breaks rules of the schema: every problem, with its property path and rule. */
export class SpecFileError extends CliError {
  /** Stable code, as for the library's `ValidationError`. */
  readonly code = "VALIDATION_FAILED" as const;
  /** Every problem. */
  readonly failures: readonly { readonly property: string; readonly reason: string }[];

  /** @param file the spec file; @param failures every problem */
  constructor(file: string, failures: readonly { property: string; reason: string }[]) {
    super(problemsMessage(`invalid spec ${file}`, failures));
    this.failures = failures;
  }
}

/** At most this many problems are listed; a last line counts the others. */
export const MAX_PROBLEMS_LISTED = 25;

/**
 * Every validation problem, one per line under a head line, like `pulumi preview`:
 * each with its property path and its rule (which quotes the value).
 */
export function problemsMessage(head: string, failures: readonly { property: string; reason: string }[]): string {
  const n = failures.length;
  const lines = failures.slice(0, MAX_PROBLEMS_LISTED).map((f) => `  - ${f.property || "(file)"}: ${f.reason}`);
  if (n > MAX_PROBLEMS_LISTED) lines.push(`  (and ${n - MAX_PROBLEMS_LISTED} more problem${n - MAX_PROBLEMS_LISTED === 1 ? "" : "s"})`);
  return [`${head}: ${n} problem${n === 1 ? "" : "s"}`, ...lines].join("\n");
}

/** The first line of a message. */
function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

/**
 * The lines to print for an error: the first is the one clear line (prefixed
 * `error: `), or for validation every problem on its own line; with `verbose`, the
 * detail follows (every failed method, the cause chain and, for unexpected errors, the stack).
 */
export function describeError(err: unknown, verbose: boolean): string[] {
  if (err instanceof ValidationError) return [`error: ${problemsMessage("invalid spec", err.failures)}`];
  if (err instanceof ApplyError) {
    const lines = [`error: ${err.errors.length} method(s) could not be applied; first: ${firstLine(err.errors[0]?.message ?? err.message)}`];
    if (verbose) for (const e of err.errors) lines.push(`  - ${e.message}`);
    return lines;
  }
  if (err instanceof ConvergenceError) {
    const [head, ...rest] = err.message.split("\n");
    return [`error: ${head}`, ...(verbose ? rest : [])];
  }
  if (err instanceof CliError) {
    return [`error: ${err.message}`, ...(verbose && err.detail ? err.detail.split("\n").map((l) => `  ${l}`) : [])];
  }
  if (err instanceof ApiGatewayError || err instanceof PathNotFoundError || err instanceof PlanError || err instanceof StageError) {
    const lines = [`error: ${firstLine(err.message)}`];
    if (verbose) {
      lines.push(...err.message.split("\n").slice(1));
      const cause = (err as Error & { cause?: unknown }).cause;
      if (cause instanceof Error) lines.push(`  cause: ${cause.name}: ${cause.message}`);
    }
    return lines;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  if (verbose) return [`error: ${firstLine(e.message) || e.name}`, ...(e.stack ?? "").split("\n").slice(1)];
  return [`error: ${firstLine(e.message) || e.name} (unexpected; --verbose shows the details)`];
}
