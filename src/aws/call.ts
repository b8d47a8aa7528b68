/**
 * The one place API Gateway calls go through: a token from the process-wide
 * bucket for every attempt (AWS-12; and from the operation's own bucket, e.g.
 * `GetResources`), the per-REST-API write queue for writes (AWS-9), and an
 * explicit retry loop whose every decision is {@link decideRetry}'s, which reads
 * ONLY the classifier (architecture rules 5 and 6): throttling (honouring
 * `Retry-After`, AWS-11), concurrent-modification conflicts (AWS-9), server
 * errors, broken connections and time limits are retried with jittered
 * exponential backoff under a deadline (AWS-10) and an attempt budget;
 * everything else ends the call at once with a typed {@link ApiGatewayError}.
 *
 * Each attempt goes through the connection's {@link Transport} (the seam: the SDK
 * client by default, an in-memory model of API Gateway in tests).
 */
import type { MethodKey } from "../model";
import { classifyError, toApiGatewayError } from "./errors";
import { decideRetry } from "./retry";
import type { CallCounters, Connection } from "./connection";
import type { OperationInput, OperationName, OperationOutput, Transport } from "./transport";

/** Re-exported from `retry.ts`, where the pure retry decision lives. */
export { backoffMs } from "./retry";

/** Options of {@link send}. */
export interface SendOptions {
  /** The method the call is about, for messages and (with `write`) the queue key. */
  readonly method?: MethodKey;
  /** The method's resource path, when known, for messages. */
  readonly path?: string;
  /** What the call is about when it is not a method, for messages (e.g. `gateway response THROTTLED (rest api a)`). */
  readonly subject?: string;
  /** The status code the call is about, for messages. */
  readonly statusCode?: string;
  /** A mutating call: serialized with every other write on the same REST API (AWS-9). */
  readonly write?: boolean;
  /** The REST API of a write when no `method` is given. */
  readonly restApiId?: string;
  /** Extra counters to count into (besides `connection.counters`), e.g. one apply's report. */
  readonly counters?: CallCounters;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Send one operation through the limits and the retry policy; each attempt goes
 * through the connection's transport.
 *
 * @param connection the connection: transport, bucket, queues and policy
 * @param operation the operation (`GetMethod`, `PutMethodResponse`, …), also for counting and messages
 * @param input the operation's input (its SDK command's input)
 * @param options method, status code, `write`, extra counters
 * @returns the operation's output
 * @throws {ApiGatewayError} with the classification, a stable code, the request id and the attempts
 */
export async function send<K extends OperationName>(
  connection: Connection,
  operation: K,
  input: OperationInput<K>,
  options: SendOptions = {},
): Promise<OperationOutput<K>> {
  const run = () => sendWithRetries(connection, operation, input, options);
  if (!options.write) return run();
  const restApiId = options.restApiId ?? options.method?.restApiId;
  if (!restApiId) throw new TypeError(`send(${operation}): a write needs a method or a restApiId for its queue`);
  return connection.writes.run(restApiId, run);
}

async function sendWithRetries<K extends OperationName>(
  connection: Connection,
  operation: K,
  input: OperationInput<K>,
  options: SendOptions,
): Promise<OperationOutput<K>> {
  const transport: Transport = connection.transport;
  const policy = connection.policy;
  const started = Date.now();
  // Calls and retries are counted into the connection's totals and the caller's counters.
  const counted = options.counters && options.counters !== connection.counters ? [connection.counters, options.counters] : [connection.counters];
  for (let attempt = 1; ; attempt++) {
    try {
      await connection.bucket.take();
      await connection.operationBuckets.get(operation)?.take();
      for (const c of counted) c.calls[operation] = (c.calls[operation] ?? 0) + 1;
      return await transport(operation, input);
    } catch (err) {
      const decision = decideRetry({ classification: classifyError(err), attempt, elapsedMs: Date.now() - started, policy, jitter: Math.random() });
      if (!decision.retry) {
        const { method, path, subject, statusCode } = options;
        throw toApiGatewayError(err, { operation, method, path, subject, statusCode, attempts: attempt, gaveUp: decision.detail, stop: decision.reason });
      }
      for (const c of counted) c.retries[decision.cause]++;
      if (decision.afterMs > 0) await sleep(decision.afterMs);
    }
  }
}
