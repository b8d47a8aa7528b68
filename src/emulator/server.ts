/**
 * The local API Gateway: an HTTP server on 127.0.0.1 in front of a moto server it
 * owns. Every call goes through, in this order:
 *
 * 1. accounting (calls by operation, retries seen, peak rate),
 * 2. the quota (AWS-11, AWS-12): 429 TooManyRequestsException with `Retry-After`,
 * 3. fault rules (429 throttling, coded or not; 429 hard limit; 409, 500, 503, 403,
 *    latency, connection reset, hang),
 * 4. the AWS-9 gate: a mutating call on a REST API while another one is in flight
 *    gets the concurrent-modification 409; the configured latency keeps mutating
 *    calls in flight long enough for this to happen as it does on AWS,
 * 5. the parity layer (parity.ts), which answers like AWS using moto as the store.
 *
 * Control calls under `/__emulator/`: `GET stats`, `GET faults`, `POST faults`
 * (replace the rules), `POST reset` (moto, counters, quota, fault counts),
 * `GET deployed/{restApiId}/{stageName}` (what a stage serves: AWS-52).
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { Socket } from "node:net";
import { CONCURRENT_MODIFICATION, errorAnswer, hardLimitAnswer, uncodedThrottleAnswer, type LayerAnswer } from "./errors";
import { FaultInjector, parseFaultRules, type FaultRule } from "./faults";
import { RestApiLocks } from "./locks";
import type { MotoServer } from "./moto";
import { identifyOperation } from "./operations";
import { MotoClient } from "./moto-client";
import { ParityLayer, type CallContext } from "./parity";
import type { RateLimit } from "../rate";
import { Quota } from "./quota";
import { StatsRecorder, type EmulatorStats } from "./stats";

/** Settings of the layer. */
export interface LayerSettings {
  /** Port to listen on (127.0.0.1); 0 picks a free one. */
  readonly port: number;
  /** The account bucket (AWS-12 default `{rps: 10, burst: 40}`), or "off". */
  readonly quota: RateLimit | "off";
  /**
   * The CreateDeployment bucket (AWS-51); absent: `AWS_DEPLOYMENT_QUOTA` (quota.ts) when the
   * account quota is on, none when it is off. Given, it applies even with the account quota off.
   */
  readonly deploymentQuota?: RateLimit | "off";
  /** Multiplies every quota rate and burst; default 1. */
  readonly quotaScale: number;
  /** Delay added to every mutating call, in ms (keeps it in flight: AWS-9). */
  readonly latencyMs: number;
  /** Fault rules at start (and after a reset). */
  readonly faults: readonly FaultRule[];
  /** PRNG seed of the fault rules' probabilities. */
  readonly seed: number;
}

/** The running layer. */
export interface LayerServer {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  /** A copy of the counters. */
  stats(): EmulatorStats;
  /** Replace the fault rules (their counts and the PRNG start again). */
  setFaults(rules: readonly FaultRule[]): void;
  /** Clear moto's state, the counters, the quota buckets and the layer's own state. */
  reset(): Promise<void>;
  /** Stop listening, drop open connections (hung calls included). Safe to call twice. */
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, answer: LayerAnswer): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { "x-amzn-requestid": randomUUID(), ...(answer.headers ?? {}) };
  let body: Buffer | undefined = answer.raw;
  if (answer.json !== undefined) {
    body = Buffer.from(JSON.stringify(answer.json));
    headers["content-type"] = "application/json";
  }
  if (body && body.length > 0) headers["content-length"] = String(body.length);
  else headers["content-length"] = "0";
  res.writeHead(answer.status, headers);
  res.end(body && body.length > 0 ? body : undefined);
}

/** Start the layer in front of a running moto server. */
export async function startLayer(moto: MotoServer, settings: LayerSettings): Promise<LayerServer> {
  const client = new MotoClient(moto.endpoint);
  const locks = new RestApiLocks();
  const parity = new ParityLayer(client, locks);
  const stats = new StatsRecorder();
  const newQuota = () => new Quota(settings.quota, settings.quotaScale, settings.deploymentQuota);
  let quota = newQuota();
  const faults = new FaultInjector(settings.faults, settings.seed);
  const sockets = new Set<Socket>();
  const hangTimers = new Set<NodeJS.Timeout>();

  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const method = req.method ?? "GET";
    const body = await readBody(req);
    if (path === "/__emulator/stats" && method === "GET") {
      return send(res, { status: 200, json: { ...stats.snapshot(), quota: quota.describe(), latencyMs: settings.latencyMs } });
    }
    if (path === "/__emulator/faults" && method === "GET") return send(res, { status: 200, json: { rules: faults.list() } });
    if (path === "/__emulator/faults" && method === "POST") {
      try {
        const parsed: unknown = body.length > 0 ? JSON.parse(body.toString("utf8")) : [];
        const rules = parseFaultRules(parsed);
        const seed = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as { seed?: unknown }).seed : undefined;
        faults.set(rules, typeof seed === "number" ? seed : undefined);
        return send(res, { status: 200, json: { rules: faults.list() } });
      } catch (e) {
        return send(res, errorAnswer("BadRequestException", 400, e instanceof Error ? e.message : String(e)));
      }
    }
    const deployed = /^\/__emulator\/deployed\/([^/]+)\/([^/]+)$/.exec(path);
    if (deployed && method === "GET") {
      // AWS-52: what a stage serves, from its deployment's snapshot (there is no data plane to invoke).
      const [restApiId, stageName] = [decodeURIComponent(deployed[1]!), decodeURIComponent(deployed[2]!)];
      const view = await parity.deployed(req.headers, restApiId, stageName);
      if (!view) return send(res, errorAnswer("NotFoundException", 404, "Invalid stage identifier specified"));
      return send(res, { status: 200, json: view });
    }
    if (path === "/__emulator/reset" && method === "POST") {
      await reset();
      return send(res, { status: 200, json: { reset: true } });
    }
    return send(res, errorAnswer("NotFoundException", 404, `unknown control call ${method} ${path}`));
  }

  async function reset(): Promise<void> {
    await moto.reset();
    parity.reset();
    locks.clear();
    stats.reset();
    quota = newQuota();
    faults.set(settings.faults, settings.seed);
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/__emulator/")) return control(req, res, url.pathname);

    const body = await readBody(req);
    const op = identifyOperation(req.method ?? "GET", url.pathname, url.searchParams);
    const restApiId = op.params.restApiId;
    const fingerprint = StatsRecorder.fingerprint(req.method ?? "GET", req.url ?? "/", body);
    const sdkRequest = req.headers["amz-sdk-request"];
    stats.arrive(op.name, fingerprint, typeof sdkRequest === "string" ? sdkRequest : undefined);
    const finish = (outcome: string) => stats.finish(op.name, fingerprint, outcome);
    const answer = (a: LayerAnswer) => {
      send(res, a);
      finish(String(a.status));
    };

    // AWS-11, AWS-12: the account bucket and the per-operation buckets.
    const admitted = quota.admit(op.name);
    if (!admitted.allowed) {
      stats.quotaThrottle();
      return answer(
        errorAnswer("TooManyRequestsException", 429, "Too Many Requests", { "retry-after": String(admitted.retryAfterSeconds) }),
      );
    }

    // Fault rules.
    const decision = faults.decide({ operation: op.name, mutating: op.mutating, ...(restApiId ? { restApiId } : {}) });
    const fault = decision.fault;
    if (decision.latencyMs > 0) stats.injected("latency");
    if (fault) {
      stats.injected(fault.fault);
      await sleep(decision.latencyMs);
      const retryAfter = { "retry-after": String(fault.retryAfterSeconds ?? 1) };
      switch (fault.fault) {
        case "throttle":
          return answer(errorAnswer("TooManyRequestsException", 429, fault.message ?? "Too Many Requests", retryAfter));
        case "throttle-uncoded":
          return answer(uncodedThrottleAnswer(fault.message, fault.retryAfterSeconds));
        case "hard-limit":
          return answer(hardLimitAnswer(fault.message));
        case "conflict":
          return answer(errorAnswer("ConflictException", 409, fault.message ?? CONCURRENT_MODIFICATION));
        case "internal":
          return answer(errorAnswer("InternalFailure", 500, fault.message ?? "Internal server error"));
        case "unavailable":
          return answer(errorAnswer("ServiceUnavailableException", 503, fault.message ?? "Service Unavailable", retryAfter));
        case "denied":
          return answer(
            errorAnswer("AccessDeniedException", 403, fault.message ?? `User: arn:aws:iam::123456789012:user/local is not authorized to perform: apigateway:${req.method ?? "GET"} on resource: arn:aws:apigateway:us-east-1::${url.pathname}`),
          );
        case "lost-write":
          // Answered as done, not applied (only mutating calls match the rule).
          return answer({ status: /^(Put|Create)/.test(op.name) ? 201 : /^Delete/.test(op.name) ? 202 : 200, json: {} });
        case "reset":
          finish("reset");
          req.socket.destroy();
          return;
        case "hang": {
          finish("hang");
          if (fault.latencyMs !== undefined) {
            const timer = setTimeout(() => {
              hangTimers.delete(timer);
              req.socket.destroy();
            }, fault.latencyMs);
            hangTimers.add(timer);
          }
          return; // no answer: the client times out, or the socket is dropped at close()
        }
        default:
          break;
      }
    }

    const ctx: CallContext = { op, method: req.method ?? "GET", url: req.url ?? "/", query: url.searchParams, headers: req.headers, body };
    // AWS-9: one mutating call per REST API at a time; reads never conflict.
    const gated = op.mutating && restApiId !== undefined;
    if (gated && !locks.tryBeginMutation(restApiId)) {
      stats.concurrentConflict();
      await sleep(decision.latencyMs);
      return answer(errorAnswer("ConflictException", 409, CONCURRENT_MODIFICATION));
    }
    try {
      await sleep(decision.latencyMs + (op.mutating ? settings.latencyMs : 0));
      answer(await parity.handle(ctx));
    } finally {
      if (gated) locks.endMutation(restApiId);
    }
  }

  const server = http.createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      send(res, errorAnswer("InternalFailure", 500, `local API Gateway failed: ${e instanceof Error ? e.message : String(e)}`));
    });
  });
  server.keepAliveTimeout = 5000;
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : settings.port;

  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats: () => stats.snapshot(),
    setFaults: (rules) => faults.set(rules),
    reset,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const t of hangTimers) clearTimeout(t);
        hangTimers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        client.close();
      });
      return closed;
    },
  };
}
