/**
 * Fault injection for the local API Gateway: rules chosen by operation name, REST
 * API id, kind of call, probability (seeded, reproducible) or count ("fail the next 3").
 *
 * Rule format (JSON; a list of rules, or `{"rules": [...], "seed": N}`):
 *
 * ```json
 * [
 *   {"fault": "throttle", "operation": "PutIntegrationResponse", "probability": 0.3},
 *   {"fault": "conflict", "restApiId": "a1b2c3", "count": 3},
 *   {"fault": "latency", "latencyMs": 250, "mutating": false},
 *   {"fault": "hang", "operation": ["GetMethod"], "count": 1}
 * ]
 * ```
 *
 * - `fault` (required): `throttle` (429 TooManyRequestsException with Retry-After),
 *   `conflict` (409 ConflictException, the transient concurrent-modification one, AWS-9),
 *   `internal` (500), `unavailable` (503 ServiceUnavailableException), `latency` (added
 *   delay, then the call goes on), `reset` (the connection is destroyed without an
 *   answer), `hang` (no answer until the client gives up), `denied` (403
 *   AccessDeniedException, a terminal error: the caller lacks the IAM permission),
 *   `hard-limit` (429 LimitExceededException with AWS's body of AWS-63: "Maximum number
 *   of Resources for this API has been reached. …" and `retryAfterSeconds: null`, no
 *   Retry-After: a quota, not throttling), `throttle-uncoded` (429 with no error code,
 *   AWS-64: no `x-amzn-errortype`, no `__type`; Retry-After only when `retryAfterSeconds` is given),
 *   `lost-write` (a mutating call is answered as done — 201 for a put or create, 202 for
 *   a delete, 200 otherwise — but not applied: a write another writer undoes at once;
 *   reads are not affected).
 * - `operation`: an AWS operation name or a list of them; absent or `"*"` = every operation.
 * - `restApiId`: only calls on this REST API.
 * - `mutating`: true = only mutating calls, false = only reads; absent = both.
 * - `probability`: 0..1, default 1; drawn from a PRNG seeded by `--seed`.
 * - `count`: the rule fires this many times, then is spent; absent = no limit.
 * - `latencyMs`: the delay of `latency`; for `hang`, how long before the socket is
 *   destroyed (default: never, until the client closes it or the emulator stops).
 * - `retryAfterSeconds`: the `Retry-After` of `throttle` and `unavailable`, default 1;
 *   of `throttle-uncoded`, default none.
 * - `message`: the error message, for `throttle`, `conflict`, `internal`, `unavailable`, `denied`,
 *   `hard-limit`, `throttle-uncoded`.
 *
 * Rules are tried in order. Every matching `latency` rule adds its delay; the first
 * matching rule of another kind that fires decides the call.
 */

/** The kinds of fault. */
export type FaultKind = "throttle" | "conflict" | "internal" | "unavailable" | "latency" | "reset" | "hang" | "denied" | "hard-limit" | "throttle-uncoded" | "lost-write";

/** The fault kinds, for validation and docs. */
export const FAULT_KINDS: readonly FaultKind[] = ["throttle", "conflict", "internal", "unavailable", "latency", "reset", "hang", "denied", "hard-limit", "throttle-uncoded", "lost-write"];

/** One fault rule; see the module documentation for the meaning of each field. */
export interface FaultRule {
  readonly fault: FaultKind;
  readonly operation?: string | readonly string[];
  readonly restApiId?: string;
  readonly mutating?: boolean;
  readonly probability?: number;
  readonly count?: number;
  readonly latencyMs?: number;
  readonly retryAfterSeconds?: number;
  readonly message?: string;
}

/** What to do with one call. */
export interface FaultDecision {
  /** Delay to add before handling (sum of the matching `latency` rules). */
  readonly latencyMs: number;
  /** The deciding fault, if any (never `latency`). */
  readonly fault?: FaultRule;
}

/** The call a decision is made for. */
export interface FaultTarget {
  readonly operation: string;
  readonly restApiId?: string;
  readonly mutating: boolean;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same draws. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fail(index: number, why: string): never {
  throw new Error(`fault rule ${index}: ${why}`);
}

/**
 * Check and normalize fault rules given as parsed JSON: a list of rules or
 * `{"rules": [...]}`. Throws an Error naming the rule and the problem.
 */
export function parseFaultRules(input: unknown): FaultRule[] {
  const list = Array.isArray(input) ? input : input && typeof input === "object" && Array.isArray((input as { rules?: unknown }).rules) ? (input as { rules: unknown[] }).rules : undefined;
  if (!list) throw new Error('fault rules: expected a JSON list of rules or {"rules": [...]}');
  return list.map((raw, i): FaultRule => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail(i, "not an object");
    const r = raw as Record<string, unknown>;
    const known = new Set(["fault", "operation", "restApiId", "mutating", "probability", "count", "latencyMs", "retryAfterSeconds", "message"]);
    for (const k of Object.keys(r)) if (!known.has(k)) fail(i, `unknown field "${k}"`);
    if (typeof r.fault !== "string" || !FAULT_KINDS.includes(r.fault as FaultKind)) fail(i, `"fault" must be one of ${FAULT_KINDS.join(", ")}`);
    const op = r.operation;
    if (op !== undefined && typeof op !== "string" && !(Array.isArray(op) && op.every((o) => typeof o === "string"))) fail(i, '"operation" must be a name or a list of names');
    if (r.restApiId !== undefined && typeof r.restApiId !== "string") fail(i, '"restApiId" must be a string');
    if (r.mutating !== undefined && typeof r.mutating !== "boolean") fail(i, '"mutating" must be a boolean');
    const num = (k: string, min: number, max = Infinity): number | undefined => {
      const v = r[k];
      if (v === undefined) return undefined;
      if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) fail(i, `"${k}" must be a number in [${min}, ${max}]`);
      return v;
    };
    const probability = num("probability", 0, 1);
    const count = num("count", 0);
    if (count !== undefined && !Number.isInteger(count)) fail(i, '"count" must be an integer');
    const latencyMs = num("latencyMs", 0);
    const retryAfterSeconds = num("retryAfterSeconds", 0);
    if (r.fault === "latency" && latencyMs === undefined) fail(i, '"latency" needs "latencyMs"');
    if (r.message !== undefined && typeof r.message !== "string") fail(i, '"message" must be a string');
    return {
      fault: r.fault as FaultKind,
      ...(op !== undefined ? { operation: op as string | string[] } : {}),
      ...(r.restApiId !== undefined ? { restApiId: r.restApiId as string } : {}),
      ...(r.mutating !== undefined ? { mutating: r.mutating as boolean } : {}),
      ...(probability !== undefined ? { probability } : {}),
      ...(count !== undefined ? { count } : {}),
      ...(latencyMs !== undefined ? { latencyMs } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(r.message !== undefined ? { message: r.message as string } : {}),
    };
  });
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.operation !== undefined && rule.operation !== "*") {
    const ops = typeof rule.operation === "string" ? [rule.operation] : rule.operation;
    if (!ops.includes(target.operation) && !ops.includes("*")) return false;
  }
  if (rule.restApiId !== undefined && rule.restApiId !== target.restApiId) return false;
  if (rule.mutating !== undefined && rule.mutating !== target.mutating) return false;
  return true;
}

/** The active fault rules, their remaining counts and the seeded PRNG. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private remaining: (number | undefined)[] = [];
  private random: () => number;
  private seed: number;

  constructor(rules: readonly FaultRule[], seed: number) {
    this.seed = seed;
    this.random = seededRandom(seed);
    this.set(rules);
  }

  /** Replace the rules (and restart the PRNG from the seed, so a run is reproducible). */
  set(rules: readonly FaultRule[], seed?: number): void {
    if (seed !== undefined) this.seed = seed;
    this.rules = [...rules];
    this.remaining = rules.map((r) => r.count);
    this.random = seededRandom(this.seed);
  }

  /** The rules as set, with the remaining count of each. */
  list(): Array<FaultRule & { readonly remaining?: number }> {
    return this.rules.map((r, i) => ({ ...r, ...(this.remaining[i] !== undefined ? { remaining: this.remaining[i] } : {}) }));
  }

  /** Decide what happens to one call. */
  decide(target: FaultTarget): FaultDecision {
    let latencyMs = 0;
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (!matches(rule, target)) continue;
      // A lost write is a write: reads neither match it nor spend its count.
      if (rule.fault === "lost-write" && !target.mutating) continue;
      const left = this.remaining[i];
      if (left !== undefined && left <= 0) continue;
      const p = rule.probability ?? 1;
      if (p < 1 && this.random() >= p) continue;
      if (left !== undefined) this.remaining[i] = left - 1;
      if (rule.fault === "latency") {
        latencyMs += rule.latencyMs ?? 0;
        continue;
      }
      return { latencyMs, fault: rule };
    }
    return { latencyMs };
  }
}
