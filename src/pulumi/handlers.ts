/**
 * What the Pulumi dynamic providers do, kept out of the serialized provider objects:
 * the providers `require` this module inside their methods (toolchain: no client or
 * module state may be captured), so the glue that Pulumi serializes stays a few lines.
 *
 * Three kinds of resource share it:
 * - `ResponseSet`: every response of one method (authoritative by default);
 * - `MethodResponse` / `IntegrationResponse`: one response of one status code.
 */
import { createHash } from "node:crypto";
import type {
  DesiredMethod,
  MethodKey,
  MethodSpec,
  NormalizedIntegrationResponse,
  NormalizedMethodResponse,
  NormalizedResponses,
  Removal,
  ResponseKind,
  ResponseSpec,
  ValidationFailure,
} from "../model";
import { describeMethod } from "../model";
import { normalizedEqual, normalizeDesiredResponses, normalizeResponses, stableStringify } from "../normalize";
import { observeMethods, resolvePaths } from "../observe";
import { createRuntime, reconcile, toDesiredMethod, type Runtime } from "../reconcile";
import { validateMethodSpec } from "../validate";

/** The resource kinds served by the providers. */
export type ResourceKind = "ResponseSet" | "MethodResponse" | "IntegrationResponse";

/** The value Pulumi passes for a not-yet-known input during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Connection settings of a provider process, from stack config (`aws:region`,
 * `aws:profile`, `apigw-responses:endpoint`, `apigw-responses:rate`,
 * `apigw-responses:deadline`) or, when unset there, the environment.
 */
export interface ProviderSettings {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** `RPS:BURST` (default `10:40`, AWS-12) or `off`. */
  readonly rate?: string;
  /** Deadline of one call with its retries: seconds, or with a unit (`90s`, `2m`). Default 2 min. */
  readonly deadline?: string;
}

/** Read {@link ProviderSettings} from a dynamic provider's `configure` config. */
export function settingsFromConfig(config: { get(key: string): string | undefined }): ProviderSettings {
  const pick = (k: string) => {
    const v = config.get(k);
    return v === undefined || v === "" ? undefined : v;
  };
  return {
    region: pick("aws:region"),
    profile: pick("aws:profile"),
    endpoint: pick("apigw-responses:endpoint"),
    rate: pick("apigw-responses:rate"),
    deadline: pick("apigw-responses:deadline"),
  };
}

const SETTINGS = Symbol.for("pulumi-apigw-responses/provider-settings@1");

/** Remember the stack's settings for this provider process (called by `configure`). */
export function configureProcess(config: { get(key: string): string | undefined }): void {
  (globalThis as Record<symbol, unknown>)[SETTINGS] = settingsFromConfig(config);
}

/** The settings `configure` stored; empty (environment only) before. */
export function processSettings(): ProviderSettings {
  return ((globalThis as Record<symbol, unknown>)[SETTINGS] as ProviderSettings | undefined) ?? {};
}

/** Parse `RPS:BURST` or `off`. */
export function parseRate(text: string): { rps: number; burst: number } | "off" {
  if (text.trim().toLowerCase() === "off") return "off";
  const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+)\s*$/.exec(text);
  if (!m || Number(m[1]) <= 0 || Number(m[2]) < 1) {
    throw new Error(`rate "${text}" must be RPS:BURST with RPS > 0 and BURST >= 1 (e.g. 10:40), or off`);
  }
  return { rps: Number(m[1]), burst: Number(m[2]) };
}

/** Parse a duration: plain seconds, or a number with `ms`, `s` or `m`. Returns milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) throw new Error(`duration "${text}" must be a number of seconds or have a unit: 500ms, 90s, 2m`);
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000;
}

/** The runtime for a provider process: the shared client, token bucket and write queues. */
export function runtimeFor(settings: ProviderSettings): Runtime {
  return createRuntime({
    region: settings.region,
    profile: settings.profile,
    endpoint: settings.endpoint,
    rate: settings.rate ? parseRate(settings.rate) : undefined,
    deadlineMs: settings.deadline ? parseDuration(settings.deadline) : undefined,
  });
}

// ------------------------------------------------------------------ inputs

/** Inputs of a `ResponseSet` as the provider receives them: the reconciler's method spec. */
export type ResponseSetInputs = MethodSpec;

/** Inputs of a `MethodResponse`. */
export interface MethodResponseInputs {
  readonly restApiId: string;
  readonly resourceId?: string;
  readonly path?: string;
  readonly httpMethod: string;
  readonly statusCode: string;
  readonly responseParameters?: Record<string, boolean>;
  readonly responseModels?: Record<string, string>;
  readonly adoptExisting?: boolean;
}

/** Inputs of an `IntegrationResponse`. */
export interface IntegrationResponseInputs {
  readonly restApiId: string;
  readonly resourceId?: string;
  readonly path?: string;
  readonly httpMethod: string;
  readonly statusCode: string;
  readonly selectionPattern?: string;
  readonly responseParameters?: Record<string, string>;
  readonly responseTemplates?: Record<string, string>;
  readonly contentHandling?: string;
  readonly adoptExisting?: boolean;
}

type AnyInputs = ResponseSetInputs | MethodResponseInputs | IntegrationResponseInputs;

const IDENTITY_FIELDS = ["restApiId", "resourceId", "path", "httpMethod"] as const;
const SINGLE_FIELDS: Record<Exclude<ResourceKind, "ResponseSet">, readonly string[]> = {
  MethodResponse: ["responseParameters", "responseModels"],
  IntegrationResponse: ["selectionPattern", "responseParameters", "responseTemplates", "contentHandling"],
};
const KIND_OF: Record<Exclude<ResourceKind, "ResponseSet">, ResponseKind> = {
  MethodResponse: "methodResponse",
  IntegrationResponse: "integrationResponse",
};

function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** Drop entries whose value is not known yet (preview), so that validation checks what is known. */
function withoutUnknowns(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== UNKNOWN).map(withoutUnknowns);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== UNKNOWN) out[k] = withoutUnknowns(x);
    return out;
  }
  return v;
}

/** The one-method spec a resource stands for (single resources: one status code, not exclusive). */
export function specOf(kind: ResourceKind, inputs: AnyInputs): MethodSpec {
  const base = {
    restApiId: inputs.restApiId,
    httpMethod: inputs.httpMethod,
    ...(inputs.resourceId !== undefined ? { resourceId: inputs.resourceId } : {}),
    ...(inputs.path !== undefined ? { path: inputs.path } : {}),
  };
  if (kind === "ResponseSet") {
    const set = inputs as ResponseSetInputs;
    return { ...base, responses: set.responses ?? {}, ...(set.exclusive !== undefined ? { exclusive: set.exclusive } : {}) };
  }
  const single = inputs as unknown as Record<string, unknown>;
  const response: Record<string, unknown> = {};
  for (const f of SINGLE_FIELDS[kind]) if (single[f] !== undefined) response[f] = single[f];
  return { ...base, responses: { [String(single.statusCode)]: { [KIND_OF[kind]]: response } }, exclusive: false };
}

/** Map a failure of the one-method spec back onto a single resource's own property names. */
function singleProperty(kind: Exclude<ResourceKind, "ResponseSet">, statusCode: string, property: string): string {
  const prefix = `responses.${statusCode}.${KIND_OF[kind]}.`;
  if (property.startsWith(prefix)) return property.slice(prefix.length);
  if (property === `responses.${statusCode}` || property.startsWith("responses.")) return "statusCode";
  return property;
}

/**
 * `check`: every validation failure, with zero AWS calls. Values not known yet
 * (preview) are skipped; the rest is checked.
 */
export function checkInputs(kind: ResourceKind, news: Record<string, unknown>): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  const known = withoutUnknowns(news) as Record<string, unknown>;
  const placeholder = (f: string) => (news[f] === UNKNOWN ? "unknown" : known[f]);
  const allowed = new Set<string>([
    ...IDENTITY_FIELDS,
    ...(kind === "ResponseSet" ? ["responses", "exclusive"] : ["statusCode", "adoptExisting", ...SINGLE_FIELDS[kind]]),
  ]);
  for (const k of Object.keys(news)) {
    if (!k.startsWith("__") && !allowed.has(k) && news[k] !== undefined) {
      failures.push({ property: k, reason: `unknown property "${k}"; allowed: ${[...allowed].join(", ")}` });
    }
  }
  if (kind !== "ResponseSet" && news.adoptExisting !== undefined && typeof news.adoptExisting !== "boolean") {
    failures.push({ property: "adoptExisting", reason: `adoptExisting must be a boolean, got ${JSON.stringify(news.adoptExisting)}` });
  }
  const inputs = { ...known } as Record<string, unknown>;
  for (const f of IDENTITY_FIELDS) if (news[f] !== undefined) inputs[f] = placeholder(f);
  for (const k of ["adoptExisting", ...Object.keys(inputs).filter((k) => k.startsWith("__"))]) delete inputs[k];
  if (kind !== "ResponseSet") {
    const statusCode = news.statusCode === UNKNOWN ? "200" : inputs.statusCode;
    const spec = specOf(kind, { ...(inputs as unknown as MethodResponseInputs), statusCode: String(statusCode) });
    for (const f of validateMethodSpec(spec)) {
      failures.push({ property: singleProperty(kind, String(statusCode), f.property), reason: f.reason });
    }
    if (statusCode === undefined) failures.push({ property: "statusCode", reason: "statusCode is required" });
    return failures;
  }
  if (news.responses === UNKNOWN) inputs.responses = {};
  // An exclusive set owns every method response: a mapped header must be declared in the set itself (AWS-4, AWS-5).
  const requireMethodResponseForMappings = inputs.exclusive !== false;
  return [...failures, ...validateMethodSpec(specOf(kind, inputs as unknown as ResponseSetInputs), { requireMethodResponseForMappings })];
}

// ------------------------------------------------------------------ outputs

/** The outputs every resource kind shares. */
interface CommonOutputs {
  readonly restApiId: string;
  readonly resourceId: string;
  readonly path?: string;
  readonly httpMethod: string;
  /** Content hash of the live responses (AWS-25): use it in `aws.apigateway.Deployment` `triggers`. */
  readonly revision: string;
}

/** Outputs of a `ResponseSet`: the normalized live responses it manages. */
export interface ResponseSetOutputs extends CommonOutputs {
  /** As given; absent means true. */
  readonly exclusive?: boolean;
  readonly responses: NormalizedResponses;
}

/** Outputs of a `MethodResponse`. */
export interface MethodResponseOutputs extends CommonOutputs, NormalizedMethodResponse {
  readonly statusCode: string;
  readonly adoptExisting?: boolean;
}

/** Outputs of an `IntegrationResponse`. */
export interface IntegrationResponseOutputs extends CommonOutputs {
  readonly statusCode: string;
  readonly selectionPattern: string;
  readonly responseParameters: Record<string, string>;
  readonly responseTemplates: Record<string, string>;
  readonly contentHandling?: string;
  readonly adoptExisting?: boolean;
}

type AnyOutputs = ResponseSetOutputs | MethodResponseOutputs | IntegrationResponseOutputs;

/** `sha256:` + hex of the stable JSON of a method key and its responses. */
export function revisionOf(key: MethodKey, responses: NormalizedResponses): string {
  return "sha256:" + createHash("sha256").update(stableStringify({ key, responses })).digest("hex");
}

/** The resource id: `restApiId/resourceId/httpMethod[/statusCode]`. */
export function resourceIdOf(key: MethodKey, statusCode?: string): string {
  return [key.restApiId, key.resourceId, key.httpMethod, ...(statusCode !== undefined ? [statusCode] : [])].join("/");
}

/**
 * The part of the live responses a resource manages: all of them for an exclusive
 * set; otherwise the status codes and kinds named in `scope`.
 */
function managedPart(live: NormalizedResponses, exclusive: boolean, scope: NormalizedResponses): NormalizedResponses {
  if (exclusive) return live;
  const out: Record<string, { methodResponse?: NormalizedMethodResponse; integrationResponse?: NormalizedIntegrationResponse }> = {};
  for (const [code, wanted] of Object.entries(scope)) {
    const have = live[code];
    if (!have) continue;
    const part: { methodResponse?: NormalizedMethodResponse; integrationResponse?: NormalizedIntegrationResponse } = {};
    if (wanted.methodResponse && have.methodResponse) part.methodResponse = have.methodResponse;
    if (wanted.integrationResponse && have.integrationResponse) part.integrationResponse = have.integrationResponse;
    if (part.methodResponse || part.integrationResponse) out[code] = part;
  }
  return normalizeResponses(out);
}

function outputsOf(kind: ResourceKind, inputs: AnyInputs, key: MethodKey, managed: NormalizedResponses): AnyOutputs {
  const common = {
    restApiId: key.restApiId,
    resourceId: key.resourceId,
    ...(inputs.path !== undefined ? { path: inputs.path } : {}),
    httpMethod: key.httpMethod,
    revision: revisionOf(key, managed),
  };
  if (kind === "ResponseSet") {
    const exclusive = (inputs as ResponseSetInputs).exclusive;
    return { ...common, ...(exclusive !== undefined ? { exclusive } : {}), responses: managed };
  }
  const single = inputs as MethodResponseInputs | IntegrationResponseInputs;
  const adopt = single.adoptExisting !== undefined ? { adoptExisting: single.adoptExisting } : {};
  const response = managed[single.statusCode] ?? {};
  if (kind === "MethodResponse") {
    const mr = response.methodResponse ?? { responseParameters: {}, responseModels: {} };
    return { ...common, statusCode: single.statusCode, ...mr, ...adopt };
  }
  const ir = response.integrationResponse ?? { selectionPattern: "", responseParameters: {}, responseTemplates: {} };
  return { ...common, statusCode: single.statusCode, ...ir, ...adopt };
}

/** The responses a resource's outputs describe (the managed live part). */
function responsesOfOutputs(kind: ResourceKind, olds: AnyOutputs): NormalizedResponses {
  if (kind === "ResponseSet") return normalizeResponses((olds as ResponseSetOutputs).responses ?? {});
  const single = olds as MethodResponseOutputs & IntegrationResponseOutputs;
  const fields: Record<string, unknown> = {};
  for (const f of SINGLE_FIELDS[kind]) if (single[f as keyof typeof single] !== undefined) fields[f] = single[f as keyof typeof single];
  // Outputs of a response that is gone carry no fields: the response is absent.
  if (single.revision !== undefined && Object.keys(fields).length === 0) return {};
  return normalizeResponses({ [single.statusCode]: { [KIND_OF[kind]]: fields } });
}

/** Compact spec form of normalized responses (no empty maps, no default selection pattern) for `read`'s inputs. */
export function compactResponses(responses: NormalizedResponses): Record<string, ResponseSpec> {
  const compact = (o: object) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (v === undefined) continue;
      if (k === "selectionPattern" && v === "") continue;
      if (v && typeof v === "object" && Object.keys(v).length === 0) continue;
      out[k] = v;
    }
    return out;
  };
  const out: Record<string, ResponseSpec> = {};
  for (const [code, r] of Object.entries(responses)) {
    out[code] = {
      ...(r.methodResponse ? { methodResponse: compact(r.methodResponse) } : {}),
      ...(r.integrationResponse ? { integrationResponse: compact(r.integrationResponse) } : {}),
    };
  }
  return out;
}

// ------------------------------------------------------------------ desired state

async function resolveKey(rt: Runtime, inputs: AnyInputs): Promise<MethodKey> {
  let resourceId = inputs.resourceId;
  if (resourceId === undefined) {
    if (inputs.path === undefined) throw new Error("one of resourceId and path is required");
    resourceId = (await resolvePaths(rt, inputs.restApiId, [inputs.path]))[inputs.path]!;
  }
  return { restApiId: inputs.restApiId, resourceId, httpMethod: inputs.httpMethod };
}

/** Responses in `previous` (a managed part) that the new desired state no longer names. */
function dropped(previous: NormalizedResponses, next: NormalizedResponses): Removal[] {
  const out: Removal[] = [];
  for (const [code, r] of Object.entries(previous)) {
    if (r.methodResponse && !next[code]?.methodResponse) out.push({ statusCode: code, kind: "methodResponse" });
    if (r.integrationResponse && !next[code]?.integrationResponse) out.push({ statusCode: code, kind: "integrationResponse" });
  }
  return out;
}

function desiredOf(kind: ResourceKind, inputs: AnyInputs, key: MethodKey, previous?: NormalizedResponses): DesiredMethod {
  const spec = specOf(kind, inputs);
  const desired = toDesiredMethod(spec, key.resourceId);
  const removals = previous && !desired.exclusive ? dropped(previous, desired.responses) : [];
  return removals.length > 0 ? { ...desired, removals } : desired;
}

async function converge(rt: Runtime, kind: ResourceKind, inputs: AnyInputs, key: MethodKey, previous?: NormalizedResponses) {
  const desired = desiredOf(kind, inputs, key, previous);
  const result = await reconcile(rt, [desired]);
  const live = result.observed[0]!.responses;
  return outputsOf(kind, inputs, key, managedPart(live, desired.exclusive, desired.responses));
}

// ------------------------------------------------------------------ provider methods

/** `diff`: the refreshed live state (olds = outputs) against the desired inputs, both normalized. */
export function diffResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs) {
  const replaces: string[] = [];
  const identity: string[] = [...IDENTITY_FIELDS, ...(kind === "ResponseSet" ? [] : ["statusCode"])];
  const o = olds as unknown as Record<string, unknown>;
  const n = news as unknown as Record<string, unknown>;
  for (const f of identity) {
    if (n[f] === undefined) continue;
    if (n[f] === UNKNOWN || n[f] !== o[f]) replaces.push(f);
  }
  // The new resource id is known when given, or when the path did not change.
  const newResourceId = n.resourceId !== undefined ? n.resourceId : n.path === o.path ? o.resourceId : UNKNOWN;
  const newKeyKnown = [n.restApiId, newResourceId, n.httpMethod, n.statusCode].every((v) => v !== UNKNOWN);
  const sameNaturalKey =
    n.restApiId === o.restApiId &&
    newResourceId === o.resourceId &&
    n.httpMethod === o.httpMethod &&
    (kind === "ResponseSet" || n.statusCode === o.statusCode);
  if (replaces.length > 0) {
    // Deleting the old one after creating the new one would wipe the new responses when both
    // name the same method and code (or when it cannot be known yet): delete first then.
    // An integration response is also deleted first: a new default one beside the old default
    // one would be refused (AWS-6).
    return { changes: true, replaces, deleteBeforeReplace: sameNaturalKey || !newKeyKnown || kind === "IntegrationResponse" };
  }
  if (containsUnknown(n)) return { changes: true };
  // What the resource manages, live (olds) against desired: equal after normalization = no change.
  const live = responsesOfOutputs(kind, olds);
  const desired = normalizeDesiredResponses(specOf(kind, news).responses);
  const exclusiveChanged = kind === "ResponseSet" && ((news as ResponseSetInputs).exclusive ?? true) !== ((olds as ResponseSetOutputs).exclusive ?? true);
  return { changes: !normalizedEqual(live, desired) || exclusiveChanged };
}

/** `create`: converge; single resources refuse to take over an existing response unless `adoptExisting`. */
export async function createResource(kind: ResourceKind, inputs: AnyInputs) {
  const rt = runtimeFor(processSettings());
  const key = await resolveKey(rt, inputs);
  if (kind !== "ResponseSet") {
    const single = inputs as MethodResponseInputs | IntegrationResponseInputs;
    if (!single.adoptExisting) {
      const [observed] = await observeMethods(rt, [key]);
      const existing = observed?.responses[single.statusCode]?.[KIND_OF[kind]];
      if (existing) {
        const what = kind === "MethodResponse" ? "method response" : "integration response";
        throw new Error(
          `ALREADY_EXISTS: the ${what} ${single.statusCode} of ${describeMethod(key, inputs.path)} already exists. ` +
            `Set adoptExisting: true to bring it under management (it will be converged to these inputs), or delete it first.`,
        );
      }
    }
  }
  const outs = await converge(rt, kind, inputs, key);
  const statusCode = kind === "ResponseSet" ? undefined : (inputs as MethodResponseInputs).statusCode;
  return { id: resourceIdOf(key, statusCode), outs };
}

/** `update`: converge; for a non-exclusive set, what the old inputs named and the new ones do not is removed. */
export async function updateResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs) {
  const rt = runtimeFor(processSettings());
  const key = await resolveKey(rt, { ...news, resourceId: news.resourceId ?? (news.path === olds.path ? olds.resourceId : undefined) });
  return { outs: await converge(rt, kind, news, key, responsesOfOutputs(kind, olds)) };
}

/**
 * `read` (refresh): the live state. Returns no id when the method (or, for a single
 * resource, its response) is gone; `props` and `inputs` are the live state, so drift
 * shows as property changes in `pulumi preview --refresh --diff`.
 */
export async function readResource(kind: ResourceKind, id: string, props?: AnyOutputs) {
  const rt = runtimeFor(processSettings());
  const parts = id.split("/");
  const key: MethodKey = props
    ? { restApiId: props.restApiId, resourceId: props.resourceId, httpMethod: props.httpMethod }
    : { restApiId: parts[0]!, resourceId: parts[1]!, httpMethod: parts[2]! };
  const [observed] = await observeMethods(rt, [key]);
  if (!observed || !observed.exists) return {};
  const statusCode = kind === "ResponseSet" ? undefined : ((props as MethodResponseOutputs | undefined)?.statusCode ?? parts[3]!);
  const given = kind === "ResponseSet" ? (props as ResponseSetOutputs | undefined)?.exclusive : undefined;
  const exclusive = kind === "ResponseSet" ? given !== false : false;
  const scope = props ? responsesOfOutputs(kind, props) : {};
  const scopeWithCode: NormalizedResponses =
    statusCode !== undefined ? { [statusCode]: { [KIND_OF[kind as Exclude<ResourceKind, "ResponseSet">]]: {} as never } } : scope;
  const managed = managedPart(observed.responses, exclusive, kind === "ResponseSet" ? scope : scopeWithCode);
  if (statusCode !== undefined && !managed[statusCode]) return {};
  const base = {
    restApiId: key.restApiId,
    httpMethod: key.httpMethod,
    ...(props?.path !== undefined ? { path: props.path } : { resourceId: key.resourceId }),
  };
  if (kind === "ResponseSet") {
    // `exclusive` only as the user gave it, so that refreshed inputs show no spurious difference.
    const inputs = { ...base, ...(given !== undefined ? { exclusive: given } : {}), responses: compactResponses(managed) };
    return { id, props: outputsOf(kind, inputs, key, managed), inputs };
  }
  const outs = outputsOf(kind, { ...base, statusCode: statusCode! } as MethodResponseInputs, key, managed) as unknown as Record<string, unknown>;
  const response = compactResponses(managed)[statusCode!]![KIND_OF[kind as Exclude<ResourceKind, "ResponseSet">]] ?? {};
  const adopt = (props as MethodResponseOutputs | undefined)?.adoptExisting;
  const inputs = { ...base, statusCode: statusCode!, ...response, ...(adopt !== undefined ? { adoptExisting: adopt } : {}) };
  return { id, props: { ...outs, ...(adopt !== undefined ? { adoptExisting: adopt } : {}) }, inputs };
}

/** `delete`: remove what the resource owns; a method or response already gone is done (AWS-14). */
export async function deleteResource(kind: ResourceKind, props: AnyOutputs): Promise<void> {
  const rt = runtimeFor(processSettings());
  const key: MethodKey = { restApiId: props.restApiId, resourceId: props.resourceId, httpMethod: props.httpMethod };
  const exclusive = kind === "ResponseSet" && (props as ResponseSetOutputs).exclusive !== false;
  const removals: Removal[] = exclusive
    ? []
    : kind === "ResponseSet"
      ? dropped(responsesOfOutputs(kind, props), {})
      : [{ statusCode: (props as MethodResponseOutputs).statusCode, kind: KIND_OF[kind] }];
  await reconcile(rt, [{ key, responses: {}, exclusive, removals }]);
}
