/**
 * The retry policy as a pure decision (architecture rule 6; controller-runtime's
 * `Result{RequeueAfter}` / `TerminalError`): given how a call failed (the
 * classifier's answer), which attempt it was, the time already spent and the
 * policy, answer "retry after N ms" or "stop, because …".
 *
 * No clock, no sleep and no randomness of its own: the jitter draw is an input,
 * so the same inputs always give the same answer. `send()` (call.ts) runs the
 * loop: attempt, classify, decide, wait, attempt again.
 *
 * The rules, in order:
 * 1. a class that is not retryable ends the call at once: terminal errors,
 *    not-found, already-exists, and a hard limit (AWS-63), which waiting cannot lift;
 * 2. the attempt budget (`maxAttempts`, first attempt included) ends it;
 * 3. the deadline (`deadlineMs` since the first attempt, AWS-10) ends it, also when
 *    the next attempt would only come at or after the deadline;
 * 4. otherwise retry after the service's `Retry-After` when it gave one (AWS-11),
 *    else after an exponential backoff step with equal jitter ({@link backoffMs}).
 */
import type { RetryCause } from "../model";
import { isRetryableClass, type Classification } from "./errors";
import type { RetryPolicy } from "./connection";

/** Why retrying stopped: the class is not retried, the attempt budget is used up, or the deadline is reached. */
export type RetryStop = "not-retryable" | "attempts" | "deadline";

/** What {@link decideRetry} decides on. */
export interface RetryInput {
  /** The classifier's answer for the failed attempt (`classifyError`). */
  readonly classification: Classification;
  /** Attempts made so far, the failed one included (1 = the first attempt failed). */
  readonly attempt: number;
  /** Time since the first attempt started, in ms. */
  readonly elapsedMs: number;
  /** Deadline, attempt budget and backoff base and cap. */
  readonly policy: RetryPolicy;
  /** The jitter draw, a number in [0, 1): where the backoff delay falls in [step/2, step]. */
  readonly jitter: number;
}

/** The answer of {@link decideRetry}. */
export type RetryDecision =
  | {
      readonly retry: true;
      /** Wait this long before the next attempt, in ms. */
      readonly afterMs: number;
      /** The retry is counted under this cause. */
      readonly cause: RetryCause;
      /** Where the delay comes from: the service's `Retry-After` (AWS-11) or our backoff. */
      readonly source: "retry-after" | "backoff";
    }
  | {
      readonly retry: false;
      readonly reason: RetryStop;
      /** Why, for messages (e.g. "deadline of 120000 ms reached"); absent when the error speaks for itself. */
      readonly detail?: string;
    };

/**
 * Backoff before retry number `attempt` (1 = first retry): an exponential step
 * `min(maxDelayMs, baseDelayMs * 2^(attempt-1))`, with equal jitter: a value in
 * [step/2, step] (half fixed, half random), so that callers that failed together
 * do not retry together, yet no retry comes sooner than half a step.
 *
 * @param attempt the retry number, from 1
 * @param policy the backoff base and cap
 * @param random a draw in [0, 1): 0 gives step/2, close to 1 gives step
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Decide whether a failed attempt is retried, and after how long. Pure: see the
 * module documentation for the rules and their order.
 *
 * @returns `{retry: true, afterMs, cause, source}` or `{retry: false, reason, detail?}`
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { classification: c, attempt, elapsedMs, policy } = input;
  if (!isRetryableClass(c.class)) {
    return c.class === "limit-exceeded"
      ? { retry: false, reason: "not-retryable", detail: "a hard limit (AWS-63): not retried" }
      : { retry: false, reason: "not-retryable" };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: "attempts", detail: `attempt budget of ${policy.maxAttempts} used up` };
  const remaining = policy.deadlineMs - elapsedMs;
  if (remaining <= 0) return { retry: false, reason: "deadline", detail: `deadline of ${policy.deadlineMs} ms reached` };
  const fromService = c.retryAfterMs !== undefined;
  const afterMs = c.retryAfterMs ?? backoffMs(attempt, policy, () => input.jitter);
  if (afterMs >= remaining) {
    return {
      retry: false,
      reason: "deadline",
      detail: `deadline of ${policy.deadlineMs} ms reached: the next attempt would be in ${afterMs} ms${fromService ? " (Retry-After)" : ""}`,
    };
  }
  return { retry: true, afterMs, cause: c.class, source: fromService ? "retry-after" : "backoff" };
}
