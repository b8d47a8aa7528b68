/**
 * Client configuration, in ONE place: region, profile, credentials (the SDK's
 * standard chain unless given), endpoint override (the local API Gateway or
 * LocalStack) and request timeout. The SDK's own retries are turned down
 * (`maxAttempts: 1`) so that the single retry policy in `call.ts` owns them
 * (architecture rule 6).
 *
 * Nothing here is created at module load: clients are made on demand and kept in
 * the process-wide registry (`connection.ts`), so Pulumi can serialize the
 * provider code that uses them (docs/toolchain.md, "Dynamic providers").
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";

/** Static credentials, or a function that resolves them (the SDK's `AwsCredentialIdentityProvider`). */
export type ClientCredentials =
  | { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string }
  | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>);

/** How to reach API Gateway. Every field is optional; see {@link resolveClientConfig} for the defaults. */
export interface ClientConfig {
  /** AWS region. Default: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's region (SDK); `us-east-1` for a local endpoint. */
  readonly region?: string;
  /** Shared config/credentials profile. Default: `AWS_PROFILE`, then the SDK's default. */
  readonly profile?: string;
  /** Endpoint override, e.g. `http://127.0.0.1:4567`. Default: `APIGW_RESPONSES_ENDPOINT`, else the AWS endpoint of the region. */
  readonly endpoint?: string;
  /** Time limit of one HTTP request (one attempt), in ms. Default 20 000. */
  readonly requestTimeoutMs?: number;
  /**
   * Credentials. Default: the SDK's standard chain (environment, shared files,
   * SSO, process, web identity, container and instance metadata). For a
   * loopback endpoint with no credentials anywhere, dummy credentials are used
   * (the emulator needs a SigV4 signature, not a real key).
   */
  readonly credentials?: ClientCredentials;
}

/** {@link ClientConfig} after defaults and the environment were applied. */
export interface ResolvedClientConfig {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly requestTimeoutMs: number;
  /** Connection (TCP connect) time limit, in ms: min(5 000, requestTimeoutMs). */
  readonly connectionTimeoutMs: number;
  readonly credentials?: ClientCredentials;
  /** True when dummy credentials were chosen for a loopback endpoint. */
  readonly dummyCredentials: boolean;
}

/** Default time limit of one request attempt, in ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/** Region used for a local endpoint when none is configured (the emulator keeps state per region). */
export const LOCAL_DEFAULT_REGION = "us-east-1";

/** Environment variable naming the endpoint override. */
export const ENDPOINT_ENV = "APIGW_RESPONSES_ENDPOINT";

/** True for `http(s)://127.0.0.1…`, `localhost` and `[::1]` endpoints. */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Apply the precedence rules: explicit values, then the environment
 * (`AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_PROFILE`, `APIGW_RESPONSES_ENDPOINT`),
 * then the SDK's own resolution (left undefined here).
 *
 * @param config explicit values
 * @param env the environment (default `process.env`), for tests
 */
export function resolveClientConfig(config: ClientConfig = {}, env: NodeJS.ProcessEnv = process.env): ResolvedClientConfig {
  const endpoint = nonEmpty(config.endpoint) ?? nonEmpty(env[ENDPOINT_ENV]);
  const local = isLoopbackEndpoint(endpoint);
  const region =
    nonEmpty(config.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? (local ? LOCAL_DEFAULT_REGION : undefined);
  const profile = nonEmpty(config.profile) ?? nonEmpty(env.AWS_PROFILE);
  const requestTimeoutMs = config.requestTimeoutMs !== undefined && config.requestTimeoutMs > 0 ? config.requestTimeoutMs : DEFAULT_REQUEST_TIMEOUT_MS;
  let credentials = config.credentials;
  let dummyCredentials = false;
  if (!credentials && local && !profile && !nonEmpty(env.AWS_ACCESS_KEY_ID)) {
    credentials = { accessKeyId: "local", secretAccessKey: "local" };
    dummyCredentials = true;
  }
  return {
    region,
    profile,
    endpoint,
    requestTimeoutMs,
    connectionTimeoutMs: Math.min(5_000, requestTimeoutMs),
    credentials,
    dummyCredentials,
  };
}

/**
 * A stable string that identifies a resolved configuration, for the registry:
 * connections with equal keys share one client, one token bucket and one set of
 * write queues. Secrets never appear in it; a credentials object or provider
 * function is told apart by identity (`credentialsId`).
 */
export function clientConfigKey(config: ResolvedClientConfig, credentialsId: string): string {
  return JSON.stringify([config.endpoint ?? "", config.region ?? "", config.profile ?? "", config.requestTimeoutMs, credentialsId]);
}

/**
 * Create an API Gateway client: SDK retries turned down (`maxAttempts: 1`),
 * request and connection time limits on the Node HTTP handler. The SDK is
 * `require`d here, not at module load (docs/toolchain.md, "Dynamic providers").
 */
export function createApiGatewayClient(config: ClientConfig = {}): APIGatewayClient {
  const resolved = resolveClientConfig(config);
  const sdk = require("@aws-sdk/client-api-gateway") as typeof import("@aws-sdk/client-api-gateway");
  const { NodeHttpHandler } = require("@smithy/node-http-handler") as typeof import("@smithy/node-http-handler");
  return new sdk.APIGatewayClient({
    region: resolved.region,
    profile: resolved.profile,
    endpoint: resolved.endpoint,
    credentials: resolved.credentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      requestTimeout: resolved.requestTimeoutMs,
      // Without it, the handler only logs a warning when requestTimeout is exceeded
      // and the call hangs on: the time limit must end the attempt (a `TimeoutError`).
      throwOnRequestTimeout: true,
      connectionTimeout: resolved.connectionTimeoutMs,
    }),
  });
}
