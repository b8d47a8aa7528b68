/**
 * The one place API Gateway calls go through: a token from the process-wide
 * bucket for every attempt (AWS-12; and from the operation's own bucket, e.g.
 * `GetResources`), the per-REST-API write queue for writes
 * (AWS-9), and `p-retry` with a `shouldRetry` hook that reads ONLY the
 * classifier (architecture rules 5 and 6): throttling (honouring `Retry-After`,
 * AWS-11), concurrent-modification conflicts (AWS-9), server errors, broken
 * connections and time limits are retried with jittered exponential backoff
 * under a deadline (AWS-10) and an attempt budget; everything else ends the
 * call at once with a typed {@link ApiGatewayError}.
 */
import type { ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-api-gateway";
import type { Command } from "@smithy/types";
import type { MethodKey } from "../model";
import { classifyError, isRetryableClass, toApiGatewayError, type ErrorClass } from "./errors";
import type { CallCounters, RetryPolicy, Runtime } from "./runtime";

/** Options of {@link send}. */
export interface SendOptions {
  /** The method the call is about, for messages and (with `write`) the queue key. */
  readonly method?: MethodKey;
  /** The method's resource path, when known, for messages. */
  readonly path?: string;
  /** The status code the call is about, for messages. */
  readonly statusCode?: string;
  /** A mutating call: serialized with every other write on the same REST API (AWS-9). */
  readonly write?: boolean;
  /** The REST API of a write when no `method` is given. */
  readonly restApiId?: string;
  /** Extra counters to count into (besides `runtime.counters`), e.g. one apply's report. */
  readonly counters?: CallCounters;
}

/** Any API Gateway SDK command. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiGatewayCommand<I extends ServiceInputTypes, O extends ServiceOutputTypes> = Command<ServiceInputTypes, I, ServiceOutputTypes, O, any>;

type PRetry = typeof import("p-retry");

/** `p-retry` is ESM; Node ≥ 20.19 `require`s it. Loaded on first use, not at module load. */
function loadPRetry(): PRetry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("p-retry") as PRetry;
}

/**
 * Backoff before retry number `attempt` (1 = first retry): an exponential step
 * `min(maxDelayMs, baseDelayMs * 2^(attempt-1))`, jittered to a random value in
 * [step/2, step] so that callers that failed together do not retry together.
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function count(runtime: Runtime, extra: CallCounters | undefined, operation: string): void {
  for (const c of extra && extra !== runtime.counters ? [runtime.counters, extra] : [runtime.counters]) c.calls[operation] = (c.calls[operation] ?? 0) + 1;
}

/**
 * Send one command through the limits and the retry policy.
 *
 * @param runtime the shared client, bucket, queues and policy
 * @param operation the operation name (`GetMethod`, `PutMethodResponse`, …), for counting and messages
 * @param command the SDK command
 * @param options method, status code, `write`, extra counters
 * @returns the command's output
 * @throws {ApiGatewayError} with the classification, a stable code, the request id and the attempts
 */
export async function send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  runtime: Runtime,
  operation: string,
  command: ApiGatewayCommand<I, O>,
  options: SendOptions = {},
): Promise<O> {
  const run = () => sendWithRetries(runtime, operation, command, options);
  if (!options.write) return run();
  const restApiId = options.restApiId ?? options.method?.restApiId;
  if (!restApiId) throw new TypeError(`send(${operation}): a write needs a method or a restApiId for its queue`);
  return runtime.writes.run(restApiId, run);
}

async function sendWithRetries<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  runtime: Runtime,
  operation: string,
  command: ApiGatewayCommand<I, O>,
  options: SendOptions,
): Promise<O> {
  const { default: pRetry } = loadPRetry();
  const policy = runtime.policy;
  const deadline = Date.now() + policy.deadlineMs;
  let attempts = 0;
  let gaveUp: string | undefined;
  let lastClass: ErrorClass | undefined;
  try {
    return await pRetry(
      async () => {
        attempts++;
        await runtime.bucket.take();
        await runtime.operationBuckets.get(operation)?.take();
        count(runtime, options.counters, operation);
        return (await runtime.client.send(command)) as O;
      },
      {
        retries: Math.max(0, policy.maxAttempts - 1),
        // Delays are ours (Retry-After or jittered backoff, in shouldRetry): p-retry adds none.
        minTimeout: 0,
        factor: 1,
        maxTimeout: 0,
        maxRetryTime: policy.deadlineMs,
        shouldRetry: async ({ error, attemptNumber }) => {
          const c = classifyError(error);
          lastClass = c.class;
          if (!isRetryableClass(c.class)) return false;
          const delay = c.retryAfterMs ?? backoffMs(attemptNumber, policy);
          const remaining = deadline - Date.now();
          if (delay >= remaining) {
            gaveUp = `deadline of ${policy.deadlineMs} ms reached: the next attempt would be in ${delay} ms${c.retryAfterMs !== undefined ? " (Retry-After)" : ""}`;
            return false;
          }
          for (const counters of options.counters && options.counters !== runtime.counters ? [runtime.counters, options.counters] : [runtime.counters]) {
            counters.retries[c.class]++;
          }
          if (delay > 0) await sleep(delay);
          return true;
        },
      },
    );
  } catch (err) {
    const c = lastClass ?? classifyError(err).class;
    if (!gaveUp && isRetryableClass(c)) {
      gaveUp =
        attempts >= policy.maxAttempts
          ? `attempt budget of ${policy.maxAttempts} used up`
          : `deadline of ${policy.deadlineMs} ms reached`;
    }
    throw toApiGatewayError(err, { operation, method: options.method, path: options.path, statusCode: options.statusCode, attempts, gaveUp });
  }
}
