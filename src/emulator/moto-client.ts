/**
 * The parity layer's connection to moto, its store: {@link MotoClient} sends requests
 * over a keep-alive pool, and moto's answers are read back (JSON bodies) or turned into
 * AWS-shaped answers ({@link motoErrorAnswer}, {@link passThrough}).
 */
import * as http from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { errorAnswer, type LayerAnswer } from "./errors";
import type { Json } from "./shapes";

/** An answer from moto. */
export interface MotoAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Sends requests to moto over a keep-alive connection pool. */
export class MotoClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly target: URL;

  constructor(endpoint: string) {
    this.target = new URL(endpoint);
  }

  /** Send one request to moto. */
  send(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<MotoAnswer> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method,
          path: url,
          agent: this.agent,
          headers: { ...headers, host: this.target.host, "content-length": String(body?.length ?? 0) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Close the pooled connections. */
  close(): void {
    this.agent.destroy();
  }
}

/** The JSON of a body, or undefined when it is empty or not JSON. */
export function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString("utf8"));
  } catch {
    return undefined;
  }
}


/** A plain object (not null, not a list)? */
export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Turn a moto error into an AWS-shaped one: moto's JSON errors keep their type and
 * message; its HTML 404s and Python tracebacks (500) become JSON errors.
 */
export function motoErrorAnswer(answer: MotoAnswer): LayerAnswer {
  const json = parseJson(answer.body);
  const header = answer.headers["x-amzn-errortype"];
  if (isObject(json) && (typeof json.message === "string" || typeof json.Message === "string")) {
    const code = String(header ?? json.__type ?? json.code ?? (answer.status === 404 ? "NotFoundException" : "BadRequestException")).split(":")[0]!;
    return errorAnswer(code, answer.status, String(json.message ?? json.Message));
  }
  if (answer.status === 404) return errorAnswer("NotFoundException", 404, "Invalid request path");
  if (answer.status >= 500) return errorAnswer("InternalFailure", answer.status, "Internal server error (moto failed on this request)");
  return errorAnswer(String(header ?? "BadRequestException"), answer.status, answer.body.toString("utf8").slice(0, 300) || "Bad request");
}


/** Moto's answer as it is: its errors made AWS-shaped, a success passed on with its content type. */
export function passThrough(answer: MotoAnswer): LayerAnswer {
  if (answer.status >= 400) return motoErrorAnswer(answer);
  const contentType = answer.headers["content-type"];
  return { status: answer.status, headers: contentType ? { "content-type": String(contentType) } : {}, raw: answer.body };
}


/**
 * Headers for the layer's own calls to moto: the caller's credentials (and moto's
 * `x-moto-account-id`, when sent) pick moto's account and region.
 */
export function motoCallHeaders(caller: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  for (const h of ["authorization", "x-amz-date", "x-amz-security-token", "user-agent", "x-moto-account-id"]) {
    const v = caller[h];
    if (typeof v === "string") out[h] = v;
  }
  return out;
}

/** The caller's headers, to forward a call to moto as it came (minus those of the connection). */
export function forwardedHeaders(caller: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(caller)) {
    if (v === undefined || k === "host" || k === "content-length" || k === "connection" || k === "transfer-encoding") continue;
    headers[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return headers;
}
