/**
 * What a stage serves, against the live REST API: read only (architecture rule 1).
 *
 * No read returns a deployment's responses (AWS-53) except the export of a stage that
 * points to it (AWS-58..61). So the inspection combines what is knowable, cheapest first:
 * - `GetStage`: which deployment the stage serves (a missing stage serves nothing);
 * - `GetDeployment`: its description, where this project marks every deployment it makes
 *   with the content revision of what it deployed ({@link markedDescription}); a deployment
 *   without the mark was made by someone else;
 * - the live API (`GetResources` `embed=methods`, AWS-30, `GetGatewayResponses`, AWS-32,
 *   and `GetModels`: an export names a model only when it is a JSON model, AWS-59): its
 *   content revision. Equal to the mark: the stage serves the live API, and the
 *   inspection stops there (five reads);
 * - otherwise `GetExport` of the stage (OpenAPI 3.0 with the API Gateway extensions),
 *   compared with the live API to name each method, status code and gateway response
 *   that differs ({@link compareViews}).
 */
import { createHash } from "node:crypto";
import { send } from "../aws/call";
import type { CallCounters, Connection } from "../aws/connection";
import { ApiGatewayError } from "../aws/errors";
import type { GatewayResponseType, ObservedGatewayResponses } from "../gateway-responses";
import { stableStringify } from "../normalize";
import { readGatewayResponses } from "../observe/gateway-responses";
import { readApi, type ApiSnapshot } from "../observe/reads";
import { StageError } from "./errors";
import { compareViews, viewOfExport, viewOfLive, type StageDifference, type StageView } from "./view";

/** The live REST API as a deployment would freeze it: its resources and methods, its gateway responses and its JSON models. */
export interface LiveApi {
  readonly api: ApiSnapshot;
  readonly gateway: ObservedGatewayResponses;
  /** What a stage export could show of it. */
  readonly view: StageView;
  /** {@link contentRevisionOf} of {@link LiveApi.view}. */
  readonly revision: string;
}

/** What one stage serves, against the live API. */
export interface StageInspection {
  readonly restApiId: string;
  readonly stageName: string;
  /** False when the stage does not exist. */
  readonly exists: boolean;
  /** The deployment the stage serves. */
  readonly deploymentId?: string;
  /** True when that deployment carries no mark of this project: someone else deployed. */
  readonly foreign: boolean;
  /** The content revision this project recorded in the deployment's description, when it made it. */
  readonly deployedRevision?: string;
  /** The content revision of the live API. */
  readonly liveRevision: string;
  /** What the stage serves that differs from the live API (read from the stage export only when the revisions differ). */
  readonly differences: readonly StageDifference[];
  /** True when the stage export was read. */
  readonly exported: boolean;
  /** The live API read for the inspection (a deployment made next can reuse it). */
  readonly live: LiveApi;
}

/** Which methods (`GET /pets`) and gateway response types an inspection compares; undefined = all. */
export interface InspectionScope {
  readonly methods?: ReadonlySet<string>;
  readonly gatewayTypes?: ReadonlySet<GatewayResponseType>;
}

/** `sha256:` + hex of the stable JSON of what a stage export can show of an API. */
export function contentRevisionOf(view: StageView): string {
  return "sha256:" + createHash("sha256").update(stableStringify(view)).digest("hex");
}

const MARK = /\[apigw-responses (sha256:[0-9a-f]{64})\]$/;

/**
 * The description of a deployment this project makes: the user's, then the mark
 * `[apigw-responses sha256:…]` naming the content revision it froze. The revision is a
 * hash of what the deployment holds, which AWS already stores in full.
 */
export function markedDescription(revision: string, description?: string): string {
  const mark = `[apigw-responses ${revision}]`;
  return description ? `${description} ${mark}` : mark;
}

/** The content revision a deployment's description records; undefined when this project did not make it. */
export function revisionOfMark(description: string | undefined): string | undefined {
  return description ? MARK.exec(description)?.[1] : undefined;
}

/**
 * Read the live API as a deployment would freeze it.
 *
 * @throws {StageError} `REST_API_NOT_FOUND`
 */
export async function readLiveApi(connection: Connection, restApiId: string, stageName: string, counters?: CallCounters): Promise<LiveApi> {
  const api = await readApi(connection, restApiId, counters);
  if (!api.exists) throw new StageError("REST_API_NOT_FOUND", restApiId, stageName, api.absence?.message ?? "the REST API does not exist");
  const gateway = await readGatewayResponses(connection, restApiId, counters);
  const view = viewOfLive(api, gateway, { jsonModels: await readJsonModels(connection, restApiId, counters) });
  return { api, gateway, view, revision: contentRevisionOf(view) };
}

/**
 * The names of a REST API's JSON models (`GetModels`, all pages): the ones an export
 * names (AWS-59; a model without a content type is taken for JSON, as the local API
 * Gateway exports it).
 */
async function readJsonModels(connection: Connection, restApiId: string, counters?: CallCounters): Promise<Set<string>> {
  const names = new Set<string>();
  const seen = new Set<string>();
  let position: string | undefined;
  do {
    const out = await send(connection, "GetModels", { restApiId, limit: 500, ...(position ? { position } : {}) }, { restApiId, subject: `the models of rest api ${restApiId}`, counters });
    for (const m of out.items ?? []) if (m.name && (m.contentType === undefined || m.contentType === "application/json")) names.add(m.name);
    position = out.position ?? undefined;
    if (position !== undefined && seen.has(position)) break;
    if (position !== undefined) seen.add(position);
  } while (position !== undefined);
  return names;
}

const notFound = (err: unknown) => err instanceof ApiGatewayError && err.classification === "not-found";

/** A stage as read: whether it exists (404, AWS-56), the deployment it serves and its variables. */
export interface StageRead {
  readonly exists: boolean;
  readonly deploymentId?: string;
  readonly variables: Readonly<Record<string, string>>;
}

/** Read a stage with one `GetStage`; a 404 is `exists: false` (AWS-56). */
export async function readStage(connection: Connection, restApiId: string, stageName: string, counters?: CallCounters): Promise<StageRead> {
  try {
    const stage = await send(connection, "GetStage", { restApiId, stageName }, { restApiId, subject: `stage ${stageName} of rest api ${restApiId}`, counters });
    return { exists: true, variables: stage.variables ?? {}, ...(stage.deploymentId ? { deploymentId: stage.deploymentId } : {}) };
  } catch (err) {
    if (notFound(err)) return { exists: false, variables: {} };
    throw err;
  }
}

/** What the stage export says the stage serves (OpenAPI 3.0 with the API Gateway extensions, AWS-58..61). */
async function exportedView(connection: Connection, restApiId: string, stageName: string, counters?: CallCounters): Promise<StageView> {
  const out = await send(
    connection,
    "GetExport",
    { restApiId, stageName, exportType: "oas30", parameters: { extensions: "apigateway" }, accepts: "application/json" },
    { restApiId, subject: `the export of stage ${stageName} of rest api ${restApiId}`, counters },
  );
  const text = new TextDecoder().decode(out.body ?? new Uint8Array());
  try {
    return viewOfExport(JSON.parse(text));
  } catch (err) {
    throw new StageError("EXPORT_UNREADABLE", restApiId, stageName, `the stage export could not be read (${(err as Error).message})`);
  }
}

/**
 * Inspect what a stage serves against the live API (see the module comment for the reads).
 *
 * @throws {StageError} `REST_API_NOT_FOUND`, `EXPORT_UNREADABLE`; {@link ApiGatewayError} for what a read met
 */
export async function inspectStage(
  connection: Connection,
  restApiId: string,
  stageName: string,
  options: { readonly counters?: CallCounters; readonly scope?: InspectionScope } = {},
): Promise<StageInspection> {
  const { counters, scope } = options;
  const live = await readLiveApi(connection, restApiId, stageName, counters);
  const stage = await readStage(connection, restApiId, stageName, counters);
  const base = { restApiId, stageName, liveRevision: live.revision, live };
  if (!stage.exists || stage.deploymentId === undefined) return { ...base, exists: stage.exists, foreign: false, differences: [], exported: false };
  let description: string | undefined;
  try {
    const deployment = await send(connection, "GetDeployment", { restApiId, deploymentId: stage.deploymentId }, { restApiId, subject: `deployment ${stage.deploymentId} of rest api ${restApiId}`, counters });
    description = deployment.description;
  } catch (err) {
    if (!notFound(err)) throw err;
  }
  const deployedRevision = revisionOfMark(description);
  const found = { ...base, exists: true, deploymentId: stage.deploymentId, foreign: deployedRevision === undefined, ...(deployedRevision ? { deployedRevision } : {}) };
  if (deployedRevision === live.revision) return { ...found, differences: [], exported: false };
  const deployed = await exportedView(connection, restApiId, stageName, counters);
  return { ...found, differences: compareViews(deployed, live.view, scope), exported: true };
}
