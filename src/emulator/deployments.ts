/**
 * Deployments, stages and stage exports in the local API Gateway (AWS-49..AWS-61).
 *
 * moto 5.2 differs from AWS in almost every respect here: it keeps no snapshot (its
 * stages see the live API), replaces a stage on redeploy, checks deletes against the
 * stage name given at CreateDeployment, ignores paging and filters, answers 500 for an
 * unknown deployment, and exports the live API as Swagger 2.0 only. So the layer keeps
 * deployments and stages itself, per REST API (per account and region), like the
 * gateway responses: moto is asked whether the REST API exists and, at CreateDeployment,
 * for the API's resources, methods and models, which the deployment freezes together
 * with the customized gateway responses (AWS-45, AWS-52). A stage points to one of these
 * snapshots, and GetExport (and the control call `GET /__emulator/deployed/…`) answer
 * from it, never from the live API.
 *
 * The server has applied the quota (AWS-51), the fault rules and the AWS-9 gate before;
 * the parity layer holds the REST API's lock around {@link Deployments.handle}.
 */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { LayerError, badRequest, conflict, hardLimitAnswer, notFound, pageOf, type LayerAnswer } from "./errors";
import { exportAnswer, type ApiSnapshot, type SnapshotModel, type SnapshotResource } from "./exports";
import { listGatewayResponses, motoAccountId, regionOf, type GatewayResponses, type GatewayResponseShape } from "./gateway-responses";
import { isObject, motoCallHeaders, motoErrorAnswer, parseJson, type MotoClient } from "./moto-client";
import type { IdentifiedOperation } from "./operations";
import { checkOps, readPatchOperations, type RawPatchOperation } from "./patch";
import type { EmptyPatterns } from "./selection-patterns";
import { shapeMethod, type Json } from "./shapes";

/** AWS-50 messages. */
export const NO_METHODS = "The REST API doesn't contain any methods";
export const NO_INTEGRATION = "No integration defined for method";
/** AWS-54 messages. */
export const ACTIVE_STAGES = "Active stages pointing to this deployment must be moved or deleted";
export const ACTIVE_CANARY = "Active stages with canary settings pointing to this deployment must be moved or deleted";
/** AWS-56 messages. */
export const STAGE_NOT_FOUND = "Invalid stage identifier specified";
export const STAGE_EXISTS = "Stage already exists";
/** AWS-57: a patch naming a deployment that does not exist. */
export const DEPLOYMENT_MISSING = "Deployment id does not exist";
/** AWS-55 (inferred: moto's text; AWS's was not found). */
export const DEPLOYMENT_NOT_FOUND = "Invalid Deployment identifier specified";
/** AWS-56: stages per REST API (AWS's default quota, raisable on AWS, fixed here). */
export const MAX_STAGES = 10;
/** AWS-56 (inferred wording, in the form of AWS-63's message). */
export const MAX_STAGES_MESSAGE = "Maximum number of Stages for this API has been reached.  Please contact AWS if you need additional Stages.";

/**
 * AWS-57: the paths UpdateStage accepts, in the order AWS's error lists them (recorded,
 * LS-STG `error-update-tags`; the list as LocalStack keeps it for that snapshot).
 */
export const STAGE_UPDATE_PATHS: readonly string[] = [
  "/deploymentId",
  "/description",
  "/cacheClusterEnabled",
  "/cacheClusterSize",
  "/clientCertificateId",
  "/accessLogSettings",
  "/accessLogSettings/destinationArn",
  "/accessLogSettings/format",
  "/{resourcePath}/{httpMethod}/metrics/enabled",
  "/{resourcePath}/{httpMethod}/logging/dataTrace",
  "/{resourcePath}/{httpMethod}/logging/loglevel",
  "/{resourcePath}/{httpMethod}/throttling/burstLimit",
  "/{resourcePath}/{httpMethod}/throttling/rateLimit",
  "/{resourcePath}/{httpMethod}/caching/ttlInSeconds",
  "/{resourcePath}/{httpMethod}/caching/enabled",
  "/{resourcePath}/{httpMethod}/caching/dataEncrypted",
  "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl",
  "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy",
  "/*/*/metrics/enabled",
  "/*/*/logging/dataTrace",
  "/*/*/logging/loglevel",
  "/*/*/throttling/burstLimit",
  "/*/*/throttling/rateLimit",
  "/*/*/caching/ttlInSeconds",
  "/*/*/caching/enabled",
  "/*/*/caching/dataEncrypted",
  "/*/*/caching/requireAuthorizationForCacheControl",
  "/*/*/caching/unauthorizedCacheControlHeaderStrategy",
  "/variables/{variable_name}",
  "/tracingEnabled",
];

/** AWS-57: the unknown-path message, with AWS's odd punctuation around the throttling paths. */
export function invalidStagePathMessage(path: string): string {
  const list = `[${STAGE_UPDATE_PATHS.join(", ")}]`
    .replace(
      "/{resourcePath}/{httpMethod}/throttling/burstLimit, /{resourcePath}/{httpMethod}/throttling/rateLimit, /{resourcePath}/{httpMethod}/caching/ttlInSeconds",
      "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds",
    )
    .replace("/burstLimit, /", "/burstLimit /")
    .replace("/rateLimit, /", "/rateLimit /");
  return `Invalid method setting path: ${path}. Must be one of: ${list}`;
}

/** A deployment: its answer fields and the snapshot it froze. */
export interface Deployment {
  readonly id: string;
  /** Epoch seconds. */
  readonly createdDate: number;
  description?: string;
  readonly snapshot: ApiSnapshot;
}

/** A stage as the layer keeps it (AWS-56 fields). */
export interface Stage {
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  clientCertificateId?: string;
  methodSettings: Record<string, Json>;
  variables?: Record<string, string>;
  documentationVersion?: string;
  accessLogSettings?: { destinationArn?: string; format?: string };
  canarySettings?: Json;
  tracingEnabled: boolean;
  tags?: Record<string, string>;
  /** Epoch seconds. */
  createdDate: number;
  lastUpdatedDate: number;
}

/** One REST API's deployments and stages, in creation order. */
interface ApiState {
  readonly deployments: Map<string, Deployment>;
  readonly stages: Map<string, Stage>;
}

/** A call of one of the operations {@link Deployments.handle} answers. */
export interface DeploymentCall {
  readonly op: IdentifiedOperation;
  readonly headers: IncomingHttpHeaders;
  readonly query: URLSearchParams;
  readonly body: Buffer;
}

const OPERATIONS = new Set([
  "CreateDeployment",
  "GetDeployment",
  "GetDeployments",
  "UpdateDeployment",
  "DeleteDeployment",
  "CreateStage",
  "GetStage",
  "GetStages",
  "UpdateStage",
  "DeleteStage",
  "GetExport",
]);

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const enc = encodeURIComponent;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const bool = (v: unknown): boolean => v === true || v === "true";
function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
}

/** AWS-49, AWS-55: a deployment as AWS returns it: `{id, createdDate[, description]}`, nothing else. */
export function shapeDeployment(d: Deployment): Json {
  return { id: d.id, ...(d.description !== undefined ? { description: d.description } : {}), createdDate: d.createdDate };
}

/** AWS-56: a stage as AWS returns it; optional fields only when set. */
export function shapeStage(s: Stage): Json {
  const out: Json = {
    deploymentId: s.deploymentId,
    stageName: s.stageName,
    cacheClusterEnabled: s.cacheClusterEnabled,
    cacheClusterStatus: s.cacheClusterEnabled ? "AVAILABLE" : "NOT_AVAILABLE",
    methodSettings: JSON.parse(JSON.stringify(s.methodSettings)) as Json,
    tracingEnabled: s.tracingEnabled,
    createdDate: s.createdDate,
    lastUpdatedDate: s.lastUpdatedDate,
  };
  if (s.description !== undefined) out.description = s.description;
  if (s.cacheClusterSize !== undefined) out.cacheClusterSize = s.cacheClusterSize;
  if (s.clientCertificateId !== undefined) out.clientCertificateId = s.clientCertificateId;
  if (s.variables !== undefined && Object.keys(s.variables).length > 0) out.variables = { ...s.variables };
  if (s.documentationVersion !== undefined) out.documentationVersion = s.documentationVersion;
  if (s.accessLogSettings !== undefined) out.accessLogSettings = { ...s.accessLogSettings };
  if (s.canarySettings !== undefined) out.canarySettings = JSON.parse(JSON.stringify(s.canarySettings)) as Json;
  if (s.tags !== undefined && Object.keys(s.tags).length > 0) out.tags = { ...s.tags };
  return out;
}

/** AWS-57 (inferred) the MethodSetting fields and AWS's defaults for a new `resourcePath/httpMethod` key. */
const METHOD_SETTING_DEFAULTS: Json = {
  metricsEnabled: false,
  loggingLevel: "OFF",
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
};
const METHOD_SETTING_FIELDS: Readonly<Record<string, [string, "bool" | "int" | "float" | "string"]>> = {
  "metrics/enabled": ["metricsEnabled", "bool"],
  "logging/dataTrace": ["dataTraceEnabled", "bool"],
  "logging/loglevel": ["loggingLevel", "string"],
  "throttling/burstLimit": ["throttlingBurstLimit", "int"],
  "throttling/rateLimit": ["throttlingRateLimit", "float"],
  "caching/ttlInSeconds": ["cacheTtlInSeconds", "int"],
  "caching/enabled": ["cachingEnabled", "bool"],
  "caching/dataEncrypted": ["cacheDataEncrypted", "bool"],
  "caching/requireAuthorizationForCacheControl": ["requireAuthorizationForCacheControl", "bool"],
  "caching/unauthorizedCacheControlHeaderStrategy": ["unauthorizedCacheControlHeaderStrategy", "string"],
};

/**
 * AWS-57: apply an UpdateStage patch to a copy of `stage`; all or nothing. `deploymentExists`
 * tells whether a deployment id names a deployment of the same REST API.
 */
export function patchStage(stage: Stage, ops: readonly RawPatchOperation[], deploymentExists: (id: string) => boolean): Stage {
  const next = JSON.parse(JSON.stringify(stage)) as Stage;
  for (const o of ops) {
    const path = typeof o.path === "string" ? o.path : String(o.path);
    const value = o.value === undefined || o.value === null ? undefined : String(o.value);
    const op = String(o.op);
    const invalidOp = () => badRequest(`Invalid ${op} operation with path: ${path}`);
    if (path === "/deploymentId" || path === "/canarySettings/deploymentId") {
      const canary = path !== "/deploymentId";
      if (op === "copy" && !canary) {
        // AWS-57: promote the canary.
        if (o.from !== "/canarySettings/deploymentId") throw invalidOp();
        if (!next.canarySettings) throw badRequest("Promotion not available. Canary does not exist.");
        next.deploymentId = String(next.canarySettings.deploymentId);
        continue;
      }
      if (op !== "replace") throw invalidOp();
      if (value === undefined || !deploymentExists(value)) throw badRequest(DEPLOYMENT_MISSING);
      if (canary) next.canarySettings = { percentTraffic: 0, useStageCache: false, ...(next.canarySettings ?? {}), deploymentId: value };
      else next.deploymentId = value;
      continue;
    }
    if (path === "/canarySettings") {
      if (op !== "remove") throw invalidOp();
      delete next.canarySettings;
      continue;
    }
    if (path.startsWith("/canarySettings/")) {
      const field = path.slice("/canarySettings/".length);
      const cs: Json = (next.canarySettings ??= { deploymentId: next.deploymentId, percentTraffic: 0, useStageCache: false });
      if (field === "percentTraffic" && op === "replace") cs.percentTraffic = Number(value);
      else if (field === "useStageCache" && op === "replace") cs.useStageCache = bool(value);
      else if (field.startsWith("stageVariableOverrides/")) {
        const name = field.slice("stageVariableOverrides/".length);
        const overrides = isObject(cs.stageVariableOverrides) ? (cs.stageVariableOverrides as Record<string, string>) : {};
        if (op === "remove") delete overrides[name];
        else overrides[name] = value ?? "";
        cs.stageVariableOverrides = overrides;
      } else throw invalidOp();
      continue;
    }
    switch (path) {
      case "/description":
        if (op === "remove") delete next.description;
        else next.description = value ?? "";
        continue;
      case "/cacheClusterEnabled":
        next.cacheClusterEnabled = bool(value);
        continue;
      case "/cacheClusterSize":
        if (value === undefined) delete next.cacheClusterSize;
        else next.cacheClusterSize = value;
        continue;
      case "/clientCertificateId":
        if (op === "remove" || value === undefined) delete next.clientCertificateId;
        else next.clientCertificateId = value;
        continue;
      case "/tracingEnabled":
        next.tracingEnabled = bool(value);
        continue;
      case "/accessLogSettings":
        if (op !== "remove") throw invalidOp();
        delete next.accessLogSettings;
        continue;
      case "/accessLogSettings/destinationArn":
      case "/accessLogSettings/format": {
        const als = (next.accessLogSettings ??= {});
        const field = path === "/accessLogSettings/format" ? "format" : "destinationArn";
        if (op === "remove") delete als[field];
        else als[field] = value ?? "";
        continue;
      }
      default:
        break;
    }
    if (path.startsWith("/variables/") && path.length > "/variables/".length) {
      const name = path.slice("/variables/".length);
      const vars = (next.variables ??= {});
      if (op === "remove") delete vars[name];
      else vars[name] = value ?? "";
      continue;
    }
    // `/{resourcePath}/{httpMethod}/{setting}`: resourcePath escaped (`~1pets`) or `*`.
    const m = /^\/([^/]+)\/([^/]+)\/(.+)$/.exec(path);
    const field = m ? METHOD_SETTING_FIELDS[m[3]!] : undefined;
    if (m && field) {
      const key = `${m[1]!}/${m[2]!}`;
      const setting = (next.methodSettings[key] ??= { ...METHOD_SETTING_DEFAULTS });
      const [name, kind] = field;
      if (op === "remove") {
        delete next.methodSettings[key];
        continue;
      }
      setting[name] = kind === "bool" ? bool(value) : kind === "int" ? Math.trunc(Number(value)) : kind === "float" ? Number(value) : (value ?? "");
      continue;
    }
    throw badRequest(invalidStagePathMessage(path)); // AWS-57
  }
  return next;
}

/** A fresh deployment id: 6 lowercase letters and digits, like AWS's. */
function newDeploymentId(taken: ReadonlyMap<string, unknown>): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (;;) {
    const id = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join("");
    if (!taken.has(id)) return id;
  }
}

/** What a stage serves, for tests (`GET /__emulator/deployed/{restApiId}/{stageName}`). */
export interface DeployedView {
  readonly stageName: string;
  readonly deploymentId: string;
  /** Every resource with methods: path → HTTP method → the method as GetMethod read it at deployment time. */
  readonly methods: Record<string, Record<string, Json>>;
  /** The 21 gateway responses as GetGatewayResponses read them at deployment time. */
  readonly gatewayResponses: GatewayResponseShape[];
}

/** The layer's deployments and stages, and the operations on them. */
export class Deployments {
  /** `account/region/restApiId` → deployments and stages. */
  private readonly apis = new Map<string, ApiState>();
  /** `account/region/restApiId` → the `version` sent to CreateRestApi (moto drops it and reports "V1"). */
  private readonly versions = new Map<string, string>();

  constructor(
    private readonly moto: MotoClient,
    private readonly gatewayResponses: GatewayResponses,
    private readonly emptyPatterns: EmptyPatterns,
  ) {}

  /** True for the operations {@link handle} answers. */
  static handles(operation: string): boolean {
    return OPERATIONS.has(operation);
  }

  private scope(headers: IncomingHttpHeaders, restApiId: string): string {
    return `${motoAccountId(headers)}/${regionOf(headers)}/${restApiId}`;
  }

  private state(headers: IncomingHttpHeaders, restApiId: string): ApiState {
    const key = this.scope(headers, restApiId);
    let s = this.apis.get(key);
    if (!s) {
      s = { deployments: new Map(), stages: new Map() };
      this.apis.set(key, s);
    }
    return s;
  }

  /** Forget a deleted REST API's deployments and stages. */
  forget(headers: IncomingHttpHeaders, restApiId: string): void {
    this.apis.delete(this.scope(headers, restApiId));
    this.versions.delete(this.scope(headers, restApiId));
  }

  /** Forget everything (reset). */
  clear(): void {
    this.apis.clear();
    this.versions.clear();
  }

  /** AWS-58: remember the `version` a REST API was created with (the export's `info.version` and file name). */
  rememberVersion(headers: IncomingHttpHeaders, restApiId: string, version: unknown): void {
    if (typeof version === "string" && version !== "") this.versions.set(this.scope(headers, restApiId), version);
  }

  /** What `stageName` serves: its deployment's snapshot (AWS-52); undefined for an unknown stage. */
  deployed(headers: IncomingHttpHeaders, restApiId: string, stageName: string): DeployedView | undefined {
    const s = this.apis.get(this.scope(headers, restApiId));
    const stage = s?.stages.get(stageName);
    const deployment = stage ? s!.deployments.get(stage.deploymentId) : undefined;
    if (!stage || !deployment) return undefined;
    const methods: Record<string, Record<string, Json>> = {};
    for (const r of deployment.snapshot.resources) if (Object.keys(r.methods).length > 0) methods[r.path] = JSON.parse(JSON.stringify(r.methods)) as Record<string, Json>;
    return {
      stageName,
      deploymentId: deployment.id,
      methods,
      gatewayResponses: listGatewayResponses(new Map(Object.entries(deployment.snapshot.gatewayResponses))),
    };
  }

  private async motoGet(headers: IncomingHttpHeaders, url: string): Promise<Json> {
    const answer = await this.moto.send("GET", url, motoCallHeaders(headers));
    if (answer.status >= 400) throw new LayerError(motoErrorAnswer(answer));
    const json = parseJson(answer.body);
    return isObject(json) ? json : {};
  }

  /** The REST API as moto has it; AWS-38's 404 when it does not exist (inferred for these operations). */
  private async restApi(call: DeploymentCall, restApiId: string): Promise<Json> {
    const answer = await this.moto.send("GET", `/restapis/${enc(restApiId)}`, motoCallHeaders(call.headers));
    if (answer.status === 404) throw notFound(`Invalid API identifier specified ${motoAccountId(call.headers)}:${restApiId}`);
    if (answer.status >= 400) throw new LayerError(motoErrorAnswer(answer));
    const json = parseJson(answer.body);
    return isObject(json) ? json : {};
  }

  /**
   * AWS-45, AWS-52: freeze the live API: every resource with its methods (method responses,
   * integration and integration responses, as GetMethod reads them), the models and the
   * customized gateway responses. AWS-50 is checked on what is frozen.
   */
  private async freeze(call: DeploymentCall, restApiId: string, api: Json): Promise<ApiSnapshot> {
    const resources = await this.motoGet(call.headers, `/restapis/${enc(restApiId)}/resources`);
    const items = Array.isArray(resources.item) ? (resources.item as Json[]) : [];
    const frozen: SnapshotResource[] = [];
    let methodCount = 0;
    let withoutIntegration = false;
    for (const r of items) {
      const resourceId = String(r.id);
      const methods: Record<string, Json> = {};
      if (isObject(r.resourceMethods)) {
        for (const [httpMethod, m] of Object.entries(r.resourceMethods)) {
          if (!isObject(m)) continue;
          const shaped = shapeMethod(m, (code) => this.emptyPatterns.has(restApiId, resourceId, httpMethod, code));
          methods[httpMethod] = shaped;
          methodCount++;
          if (!isObject(shaped.methodIntegration) || Object.keys(shaped.methodIntegration).length === 0) withoutIntegration = true;
        }
      }
      frozen.push({ id: resourceId, path: String(r.path), methods });
    }
    if (methodCount === 0) throw badRequest(NO_METHODS); // AWS-50
    if (withoutIntegration) throw badRequest(NO_INTEGRATION); // AWS-50 (moto: 404, and only when no method has one)
    frozen.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const modelsJson = await this.motoGet(call.headers, `/restapis/${enc(restApiId)}/models`);
    const models: SnapshotModel[] = (Array.isArray(modelsJson.item) ? (modelsJson.item as Json[]) : []).map((m) => ({
      name: String(m.name),
      ...(typeof m.contentType === "string" ? { contentType: m.contentType } : {}),
      ...(typeof m.schema === "string" ? { schema: m.schema } : {}),
    }));
    return {
      restApiId,
      name: String(api.name ?? ""),
      ...(typeof api.description === "string" && api.description !== "" ? { description: api.description } : {}),
      // moto's `version` is always "V1": the layer's memory of CreateRestApi's is used instead.
      ...(this.versions.has(this.scope(call.headers, restApiId)) ? { version: this.versions.get(this.scope(call.headers, restApiId))! } : {}),
      binaryMediaTypes: Array.isArray(api.binaryMediaTypes) ? api.binaryMediaTypes.map(String) : [],
      resources: frozen,
      models,
      gatewayResponses: this.gatewayResponses.snapshot(call.headers, restApiId),
    };
  }

  private stageOf(s: ApiState, name: string): Stage {
    const stage = s.stages.get(name);
    if (!stage) throw notFound(STAGE_NOT_FOUND); // AWS-56
    return stage;
  }

  private newStage(name: string, deploymentId: string, input: Json): Stage {
    const now = nowSeconds();
    const variables = stringMap(input.variables);
    const tags = stringMap(input.tags);
    return {
      stageName: name,
      deploymentId,
      ...(str(input.description) !== undefined ? { description: str(input.description)! } : {}),
      cacheClusterEnabled: bool(input.cacheClusterEnabled),
      ...(str(input.cacheClusterSize) !== undefined ? { cacheClusterSize: str(input.cacheClusterSize)! } : {}),
      methodSettings: {},
      ...(variables ? { variables } : {}),
      ...(str(input.documentationVersion) !== undefined ? { documentationVersion: str(input.documentationVersion)! } : {}),
      tracingEnabled: bool(input.tracingEnabled),
      ...(tags ? { tags } : {}),
      createdDate: now,
      lastUpdatedDate: now,
    };
  }

  /** Answer one call. The REST API is checked first, then the operation's rules. */
  async handle(call: DeploymentCall): Promise<LayerAnswer> {
    const params = call.op.params as Record<string, string>;
    const restApiId = params.restApiId!;
    const api = await this.restApi(call, restApiId);
    const s = this.state(call.headers, restApiId);
    const body = parseJson(call.body);
    const input: Json = isObject(body) ? body : {};
    switch (call.op.name) {
      case "CreateDeployment":
        return this.createDeployment(call, s, restApiId, api, input);
      case "GetDeployments": {
        const p = pageOf([...s.deployments.values()], call.query, (d) => d.id); // AWS-55
        return { status: 200, json: { ...(p.position ? { position: p.position } : {}), item: p.items.map(shapeDeployment) } };
      }
      case "GetDeployment": {
        const d = s.deployments.get(params.deploymentId!);
        if (!d) throw notFound(DEPLOYMENT_NOT_FOUND); // AWS-55 (moto: 500)
        const out = shapeDeployment(d);
        // AWS-53: embed=apisummary gives only authorizationType and apiKeyRequired per method.
        if (call.query.getAll("embed").some((e) => e.toLowerCase().split(",").includes("apisummary"))) {
          const summary: Json = {};
          for (const r of d.snapshot.resources) {
            for (const [m, method] of Object.entries(r.methods)) {
              ((summary[r.path] ??= {}) as Json)[m] = { authorizationType: method.authorizationType ?? "NONE", apiKeyRequired: method.apiKeyRequired === true };
            }
          }
          out.apiSummary = summary;
        }
        return { status: 200, json: out };
      }
      case "UpdateDeployment": {
        const d = s.deployments.get(params.deploymentId!);
        if (!d) throw notFound(DEPLOYMENT_NOT_FOUND);
        const ops = readPatchOperations(body);
        checkOps(ops, "updateDeploymentInput");
        let description = d.description;
        for (const o of ops) {
          if (o.path !== "/description") throw badRequest(`Invalid patch path ${String(o.path)}`); // (inferred wording)
          description = o.op === "remove" || o.value === undefined || o.value === null ? undefined : String(o.value);
        }
        if (description === undefined) delete d.description;
        else d.description = description;
        return { status: 200, json: shapeDeployment(d) };
      }
      case "DeleteDeployment": {
        const id = params.deploymentId!;
        if (!s.deployments.has(id)) throw notFound(DEPLOYMENT_NOT_FOUND); // AWS-54
        // AWS-54: the stages' CURRENT deployment ids decide, not the stage named at CreateDeployment.
        const stages = [...s.stages.values()];
        if (stages.some((st) => st.deploymentId === id)) throw badRequest(ACTIVE_STAGES);
        if (stages.some((st) => st.canarySettings?.deploymentId === id)) throw badRequest(ACTIVE_CANARY);
        s.deployments.delete(id);
        return { status: 202 };
      }
      case "CreateStage": {
        const name = str(input.stageName) ?? "";
        const deploymentId = str(input.deploymentId) ?? "";
        if (s.stages.has(name)) throw conflict(STAGE_EXISTS); // AWS-56
        if (!s.deployments.has(deploymentId)) throw notFound(DEPLOYMENT_NOT_FOUND); // (inferred: moto's text)
        if (s.stages.size >= MAX_STAGES) throw new LayerError(hardLimitAnswer(MAX_STAGES_MESSAGE)); // AWS-56
        const stage = this.newStage(name, deploymentId, input);
        if (isObject(input.canarySettings)) {
          const cs = input.canarySettings;
          const canaryId = str(cs.deploymentId) ?? deploymentId;
          if (!s.deployments.has(canaryId)) throw badRequest(DEPLOYMENT_MISSING);
          stage.canarySettings = {
            deploymentId: canaryId,
            percentTraffic: Number(cs.percentTraffic ?? 0),
            useStageCache: bool(cs.useStageCache),
            ...(isObject(cs.stageVariableOverrides) ? { stageVariableOverrides: stringMap(cs.stageVariableOverrides) } : {}),
          };
        }
        s.stages.set(name, stage);
        return { status: 201, json: shapeStage(stage) };
      }
      case "GetStage":
        return { status: 200, json: shapeStage(this.stageOf(s, params.stageName!)) };
      case "GetStages": {
        // AWS-56: no paging; `deploymentId` filters on the stages' current deployment.
        const filter = call.query.get("deploymentId");
        const items = [...s.stages.values()].filter((st) => filter === null || filter === "" || st.deploymentId === filter);
        return { status: 200, json: { item: items.map(shapeStage) } };
      }
      case "UpdateStage": {
        const stage = this.stageOf(s, params.stageName!);
        const ops = readPatchOperations(body);
        checkOps(ops, "updateStageInput");
        const next = patchStage(stage, ops, (id) => s.deployments.has(id)); // AWS-57
        next.lastUpdatedDate = nowSeconds();
        s.stages.set(stage.stageName, next);
        return { status: 200, json: shapeStage(next) };
      }
      case "DeleteStage":
        this.stageOf(s, params.stageName!);
        s.stages.delete(params.stageName!);
        return { status: 202 };
      default:
        return this.getExport(call, s, params);
    }
  }

  /**
   * AWS-49: a new deployment (201, `{id, createdDate[, description]}`). With `stageName`:
   * a new stage is created; an existing stage moves to the new deployment in place and
   * keeps its other settings (moto replaces the whole stage); with `canarySettings`, the
   * existing stage's canary points to it instead (inferred from LS-CAN).
   */
  private async createDeployment(call: DeploymentCall, s: ApiState, restApiId: string, api: Json, input: Json): Promise<LayerAnswer> {
    const stageName = str(input.stageName);
    const existing = stageName !== undefined && stageName !== "" ? s.stages.get(stageName) : undefined;
    if (stageName && !existing && s.stages.size >= MAX_STAGES) throw new LayerError(hardLimitAnswer(MAX_STAGES_MESSAGE)); // AWS-56
    const snapshot = await this.freeze(call, restApiId, api); // AWS-50, AWS-52
    const deployment: Deployment = {
      id: newDeploymentId(s.deployments),
      createdDate: nowSeconds(),
      ...(str(input.description) !== undefined ? { description: str(input.description)! } : {}),
      snapshot,
    };
    s.deployments.set(deployment.id, deployment);
    if (existing) {
      if (isObject(input.canarySettings)) {
        const cs = input.canarySettings;
        existing.canarySettings = {
          deploymentId: deployment.id,
          percentTraffic: Number(cs.percentTraffic ?? 0),
          useStageCache: bool(cs.useStageCache),
          ...(isObject(cs.stageVariableOverrides) ? { stageVariableOverrides: stringMap(cs.stageVariableOverrides) } : {}),
        };
      } else {
        existing.deploymentId = deployment.id;
      }
      existing.lastUpdatedDate = nowSeconds();
    } else if (stageName) {
      s.stages.set(stageName, this.newStage(stageName, deployment.id, { ...input, description: input.stageDescription }));
    }
    return { status: 201, json: shapeDeployment(deployment) };
  }

  /** AWS-58..AWS-61: the export of a stage, from its deployment's snapshot. */
  private getExport(call: DeploymentCall, s: ApiState, params: Record<string, string>): LayerAnswer {
    const stage = this.stageOf(s, params.stageName!); // AWS-58: unknown stage (moto never checks)
    const exportType = params.exportType!;
    if (exportType !== "oas30" && exportType !== "swagger") throw badRequest(`Invalid export type specified: ${exportType}`); // (inferred wording)
    const deployment = s.deployments.get(stage.deploymentId)!;
    const extensions = call.query
      .getAll("extensions")
      .flatMap((v) => v.split(","))
      .map((v) => v.trim().toLowerCase())
      .filter((v) => v !== "");
    const accept = call.headers.accept;
    const answer = exportAnswer(deployment.snapshot, {
      exportType,
      stageName: stage.stageName,
      region: regionOf(call.headers),
      deployedAt: deployment.createdDate,
      extensions,
      ...(typeof accept === "string" ? { accept } : {}),
    });
    return { status: 200, headers: { "content-type": answer.contentType, "content-disposition": answer.contentDisposition }, raw: answer.body };
  }
}
