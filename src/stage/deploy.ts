/**
 * The writer of deployments: make a deployment of a REST API and point a stage to it.
 *
 * - The preconditions of AWS-50 are checked on the live read, never hit: a REST API
 *   without methods fails at once; a method without an integration is waited for (an
 *   integration created in the same run may still be on its way) until the call deadline.
 * - `CreateDeployment` goes through the REST API's write queue (so it follows every
 *   write of this process queued before it, AWS-9) and its own bucket, 1 every 5.5 s
 *   (AWS-51, with half a second to spare): deployments of several APIs queue behind each other instead of failing.
 * - The stage is then moved in place with `UpdateStage` `replace /deploymentId`
 *   (AWS-57), or created with `CreateStage` when missing (AWS-56). `CreateDeployment`
 *   is not given the stage name: what it does to an existing stage's other settings is
 *   not recorded (AWS-49), while these two calls touch only what they name.
 * - Older deployments are kept: none is deleted, so no call can meet AWS-54.
 */
import { send } from "../aws/call";
import type { CallCounters, Connection } from "../aws/connection";
import { ApiGatewayError } from "../aws/errors";
import { StageError } from "./errors";
import { markedDescription, readLiveApi, readStage, type LiveApi } from "./inspect";

/** What to deploy where. */
export interface StageDeploymentRequest {
  readonly restApiId: string;
  readonly stageName: string;
  /** The deployment's description (this project appends its mark, see `markedDescription`). */
  readonly description?: string;
  /** Stage variables to set; names not listed are removed. Undefined: left as they are (a new stage gets none). */
  readonly variables?: Readonly<Record<string, string>>;
}

/** What a deployment did. */
export interface StageDeploymentOutcome {
  readonly deploymentId: string;
  /** The content revision the deployment froze. */
  readonly revision: string;
  /** True when the stage did not exist and was created. */
  readonly stageCreated: boolean;
}

/** Options of {@link deployStage}. */
export interface DeployOptions {
  readonly counters?: CallCounters;
  /** How often to re-read while a method has no integration yet, in ms. Default 2 000. */
  readonly pollMs?: number;
  /** The live API as a read of this run just saw it (an inspection's): used instead of reading it again, unless it fails AWS-50's preconditions. */
  readonly live?: LiveApi;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Methods of the live API that have no integration (`GET /pets`). */
function methodsWithoutIntegration(live: LiveApi): string[] {
  return live.api.resources.flatMap((r) =>
    Object.entries(r.methods)
      .filter(([, m]) => !m.methodIntegration)
      .map(([httpMethod]) => `${httpMethod} ${r.path ?? r.id}`),
  );
}

/** Read the live API until AWS-50's preconditions hold; fail naming the methods when they never do. */
async function deployableLiveApi(connection: Connection, request: StageDeploymentRequest, options: DeployOptions): Promise<LiveApi> {
  const { restApiId, stageName } = request;
  const started = Date.now();
  for (let given = options.live; ; given = undefined) {
    const live = given ?? (await readLiveApi(connection, restApiId, stageName, options.counters));
    if (live.api.resources.every((r) => Object.keys(r.methods).length === 0)) {
      throw new StageError("NO_METHODS", restApiId, stageName, "the REST API has no method, and AWS refuses to deploy it (AWS-50). Create a method with an integration first.");
    }
    const missing = methodsWithoutIntegration(live);
    if (missing.length === 0) return live;
    if (Date.now() - started >= connection.policy.deadlineMs) {
      throw new StageError(
        "NO_INTEGRATION",
        restApiId,
        stageName,
        `${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no integration after waiting ${Math.round((Date.now() - started) / 1000)} s, and AWS refuses to deploy a method without one (AWS-50). Give each method an integration (aws.apigateway.Integration), or delete it.`,
      );
    }
    await sleep(options.pollMs ?? 2_000);
  }
}

/** Point an existing stage to `deploymentId` and set its variables, or create it. */
async function pointStage(connection: Connection, request: StageDeploymentRequest, deploymentId: string, counters?: CallCounters): Promise<boolean> {
  const { restApiId, stageName, variables } = request;
  const subject = `stage ${stageName} of rest api ${restApiId}`;
  let stage = await readStage(connection, restApiId, stageName, counters);
  if (!stage.exists) {
    try {
      await send(connection, "CreateStage", { restApiId, stageName, deploymentId, ...(variables ? { variables: { ...variables } } : {}) }, { restApiId, write: true, subject, counters });
      return true;
    } catch (err) {
      // Created by someone else in between ("Stage already exists", AWS-56): move it instead.
      if (!(err instanceof ApiGatewayError && err.classification === "already-exists")) throw err;
      stage = await readStage(connection, restApiId, stageName, counters);
    }
  }
  const current = stage.variables;
  const patchOperations = [
    { op: "replace" as const, path: "/deploymentId", value: deploymentId },
    ...Object.entries(variables ?? {})
      .filter(([k, v]) => current[k] !== v)
      .map(([k, v]) => ({ op: "replace" as const, path: `/variables/${k}`, value: v })),
    ...Object.keys(current)
      .filter((k) => variables !== undefined && !Object.hasOwn(variables, k))
      .map((k) => ({ op: "remove" as const, path: `/variables/${k}` })),
  ];
  await send(connection, "UpdateStage", { restApiId, stageName, patchOperations }, { restApiId, write: true, subject, counters });
  return false;
}

/**
 * Deploy the live REST API to a stage: one `CreateDeployment`, then the stage moved in
 * place or created (see the module comment).
 *
 * @throws {StageError} `NO_METHODS`, `NO_INTEGRATION`, `REST_API_NOT_FOUND`; {@link ApiGatewayError} for what a call met
 */
export async function deployStage(connection: Connection, request: StageDeploymentRequest, options: DeployOptions = {}): Promise<StageDeploymentOutcome> {
  const { restApiId, stageName } = request;
  const live = await deployableLiveApi(connection, request, options);
  const created = await send(
    connection,
    "CreateDeployment",
    { restApiId, description: markedDescription(live.revision, request.description) },
    { restApiId, write: true, subject: `a deployment of rest api ${restApiId} for stage ${stageName}`, counters: options.counters },
  );
  if (!created.id) throw new Error(`CreateDeployment of rest api ${restApiId} answered without an id`);
  const stageCreated = await pointStage(connection, request, created.id, options.counters);
  return { deploymentId: created.id, revision: live.revision, stageCreated };
}

/** Delete a stage (a stage already gone is done); its deployments are kept. */
export async function deleteStage(connection: Connection, restApiId: string, stageName: string, counters?: CallCounters): Promise<void> {
  try {
    await send(connection, "DeleteStage", { restApiId, stageName }, { restApiId, write: true, subject: `stage ${stageName} of rest api ${restApiId}`, counters });
  } catch (err) {
    if (!(err instanceof ApiGatewayError && err.classification === "not-found")) throw err;
  }
}
