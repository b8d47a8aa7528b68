/**
 * The provider lifecycle of `StageDeployment`: a REST API deployed to a stage, and
 * kept deployed. Its target is a stage, not responses, so it has its own lifecycle;
 * the writes it orders itself after are the response kinds' (./api-activity.ts).
 *
 * - `check`: the inputs (zero calls) and one owner per stage in a stack.
 * - `diff`: a change of `triggers`, `description` or `variables`, or a stage that the
 *   last refresh found behind (`stageDrift`), is an update; another REST API or stage
 *   replaces the resource.
 * - `create` / `update`: once the API is settled, one deployment, the stage moved to it
 *   in place or created (../stage/deploy.ts).
 * - `read`: what the stage serves against the live API (../stage/inspect.ts): each
 *   difference becomes an entry of `stageDrift`, reported as an input too, so that
 *   `pulumi preview --refresh --diff` shows it and `pulumi up --refresh` redeploys.
 * - `delete`: nothing unless `destroyStage` is true: the stage keeps serving its last
 *   deployment. Deployments are kept.
 */
import { ApiGatewayError } from "../aws/errors";
import type { ValidationFailure } from "../model";
import { stableStringify } from "../normalize";
import { deleteStage, deployStage, type StageDeploymentRequest } from "../stage/deploy";
import { StageError, stageNameProblem } from "../stage/errors";
import { inspectStage, type StageInspection } from "../stage/inspect";
import { describeDifference, describeStageCondition, stageConditionOf } from "../stage/view";
import { ValidationError } from "../validate";
import { deployWhenSettled } from "./api-activity";
import { STAGE_RESOURCE_KIND, UNKNOWN, containsUnknown, ownerOf } from "./inputs";
import { importAdvice } from "./kinds";
import { claimStage } from "./ownership";
import { processSettings, runtimeFor, settingsFailures } from "./settings";
import type { DiffOutcome } from "./state";

/** Inputs of a `StageDeployment` as the provider receives them. */
export interface StageDeploymentInputs {
  readonly restApiId: string;
  readonly stageName: string;
  /** Any strings (e.g. the `revision` outputs of the response resources): a change redeploys. */
  readonly triggers?: string[];
  /** The deployment's description. */
  readonly description?: string;
  /** Stage variables; absent: left as they are. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Delete the stage when the resource is deleted (default false: the stage keeps serving its last deployment). */
  readonly destroyStage?: boolean;
}

/** Outputs of a `StageDeployment`. */
export interface StageDeploymentOutputs extends StageDeploymentInputs {
  /** The deployment this resource last pointed the stage to. */
  readonly deploymentId: string;
  /**
   * What the stage serves that differs from the live API, one line each, as the last
   * refresh found it (`[]` right after a deployment). Not empty: the next update redeploys.
   */
  readonly stageDrift: readonly string[];
}

const INPUT_FIELDS = ["restApiId", "stageName", "triggers", "description", "variables", "destroyStage"] as const;
/** AWS-69: stage variable names and values (API reference, CreateDeployment `variables`). */
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;

// ------------------------------------------------------------------ check

/** Every validation failure of the inputs, zero calls; values not known yet (preview) are skipped. */
export function checkStageInputs(news: Record<string, unknown>): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  const hide = news.__secretInputs === true;
  const quote = (v: unknown) => (hide ? "a secret value" : (JSON.stringify(v) ?? "nothing"));
  for (const k of Object.keys(news)) {
    if (!k.startsWith("__") && !(INPUT_FIELDS as readonly string[]).includes(k) && k !== "deploymentId" && k !== "stageDrift" && news[k] !== undefined) {
      failures.push({ property: k, reason: `unknown property "${k}"; allowed: ${INPUT_FIELDS.join(", ")}` });
    }
  }
  const { restApiId, stageName, triggers, description, variables } = news;
  if (restApiId !== UNKNOWN && (typeof restApiId !== "string" || restApiId === "")) {
    failures.push({ property: "restApiId", reason: `restApiId must be a non-empty string (the REST API's id, or give restApi: an aws.apigateway.RestApi), got ${quote(restApiId)}` });
  }
  const nameProblem = stageName === UNKNOWN ? undefined : stageNameProblem(stageName);
  if (nameProblem !== undefined) failures.push({ property: "stageName", reason: `${nameProblem}, got ${quote(stageName)}` });
  if (triggers !== undefined && triggers !== UNKNOWN) {
    if (!Array.isArray(triggers)) failures.push({ property: "triggers", reason: `triggers must be a list of strings, got ${quote(triggers)}` });
    else triggers.forEach((t, i) => {
      if (t !== UNKNOWN && typeof t !== "string") failures.push({ property: `triggers[${i}]`, reason: `a trigger must be a string (e.g. a revision output), got ${quote(t)}` });
    });
  }
  if (news.destroyStage !== undefined && news.destroyStage !== UNKNOWN && typeof news.destroyStage !== "boolean") {
    failures.push({ property: "destroyStage", reason: `destroyStage must be a boolean, got ${quote(news.destroyStage)}` });
  }
  if (description !== undefined && description !== UNKNOWN && typeof description !== "string") {
    failures.push({ property: "description", reason: `description must be a string, got ${quote(description)}` });
  }
  if (variables !== undefined && variables !== UNKNOWN) {
    if (variables === null || typeof variables !== "object" || Array.isArray(variables)) failures.push({ property: "variables", reason: `variables must be a map of names to strings, got ${quote(variables)}` });
    else for (const [name, value] of Object.entries(variables)) {
      if (!VARIABLE_NAME.test(name)) failures.push({ property: `variables.${name}`, reason: `a stage variable name has only letters, digits and underscores (AWS-69), got ${JSON.stringify(name)}` });
      if (value !== UNKNOWN && (typeof value !== "string" || !VARIABLE_VALUE.test(value))) {
        failures.push({ property: `variables.${name}`, reason: `a stage variable value is one or more of letters, digits and -._~:/?#&=, (AWS-69), got ${quote(value)}` });
      }
    }
  }
  return failures;
}

/** `check` in the provider: settings, inputs, and one `StageDeployment` per stage in a stack. */
export function checkStageResource(news: Record<string, unknown>): ValidationFailure[] {
  const failures = [...settingsFailures(processSettings()), ...checkStageInputs(news)];
  const owner = ownerOf(news);
  const { restApiId, stageName } = news;
  if (owner === undefined || typeof restApiId !== "string" || restApiId === UNKNOWN || typeof stageName !== "string" || stageName === UNKNOWN) return failures;
  for (const other of claimStage(owner, restApiId, stageName)) {
    failures.push({
      property: "stageName",
      reason: `stage ${stageName} of rest api ${restApiId} is also deployed by ${other}. Two StageDeployments of one stage would each redeploy it: keep one.`,
    });
  }
  return failures;
}

// ------------------------------------------------------------------ diff

const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);

/** Does a change from `olds` to `news` (same stage) need a deployment? */
function needsDeployment(olds: StageDeploymentOutputs, news: StageDeploymentInputs): boolean {
  const changed = !same(olds.triggers, news.triggers) || !same(olds.description, news.description) || !same(olds.variables, news.variables);
  return changed || (olds.stageDrift?.length ?? 0) > 0 || !olds.deploymentId;
}

/** `diff`: see the module comment; `destroyStage` alone changes the state, not the stage. */
export function diffStageResource(olds: StageDeploymentOutputs, news: StageDeploymentInputs): DiffOutcome {
  const replaces = (["restApiId", "stageName"] as const).filter((f) => news[f] === UNKNOWN || news[f] !== olds[f]);
  if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
  if (containsUnknown(news)) return { changes: true };
  return { changes: needsDeployment(olds, news) || (olds.destroyStage ?? false) !== (news.destroyStage ?? false) };
}

// ------------------------------------------------------------------ create, update

function validate(inputs: StageDeploymentInputs): void {
  const failures = checkStageInputs(inputs as unknown as Record<string, unknown>);
  if (failures.length > 0) throw new ValidationError(failures);
}

/** The program's inputs, without the hidden ones and the outputs. */
function givenInputs(inputs: StageDeploymentInputs): StageDeploymentInputs {
  const out: Record<string, unknown> = {};
  for (const k of INPUT_FIELDS) if ((inputs as unknown as Record<string, unknown>)[k] !== undefined) out[k] = (inputs as unknown as Record<string, unknown>)[k];
  return out as unknown as StageDeploymentInputs;
}

async function deploy(inputs: StageDeploymentInputs): Promise<StageDeploymentOutputs> {
  validate(inputs);
  const rt = runtimeFor(processSettings());
  const request: StageDeploymentRequest = {
    restApiId: inputs.restApiId,
    stageName: inputs.stageName,
    ...(inputs.description !== undefined ? { description: inputs.description } : {}),
    ...(inputs.variables !== undefined ? { variables: inputs.variables } : {}),
  };
  const outcome = await deployWhenSettled(inputs.restApiId, inputs.stageName, rt.policy.deadlineMs, () => deployStage(rt, request));
  return { ...(inputs as object), ...givenInputs(inputs), deploymentId: outcome.deploymentId, stageDrift: [] } as StageDeploymentOutputs;
}

/** `create`: deploy once the API is settled. The id is `restApiId/stageName`. */
export async function createStageResource(inputs: StageDeploymentInputs): Promise<{ id: string; outs: StageDeploymentOutputs }> {
  return { id: `${inputs.restApiId}/${inputs.stageName}`, outs: await deploy(inputs) };
}

/** `update`: redeploy once the API is settled; when only `destroyStage` changed, no call. */
export async function updateStageResource(olds: StageDeploymentOutputs, news: StageDeploymentInputs): Promise<{ outs: StageDeploymentOutputs }> {
  if (!needsDeployment(olds, news)) {
    validate(news);
    return { outs: { ...(news as object), ...givenInputs(news), deploymentId: olds.deploymentId, stageDrift: [] } as StageDeploymentOutputs };
  }
  return { outs: await deploy(news) };
}

// ------------------------------------------------------------------ read, delete

/** The `stageDrift` lines of an inspection. */
export function stageDriftOf(inspection: StageInspection): string[] {
  const { stageName } = inspection;
  const condition = stageConditionOf(inspection);
  if (condition === "stage-missing" || condition === "no-deployment") return [`stage ${stageName}: ${describeStageCondition(condition)}`];
  return [
    ...(condition === "foreign" ? [`stage ${stageName}: ${describeStageCondition(condition, inspection.deploymentId)}`] : []),
    ...inspection.differences.map((d) => `stage ${stageName}: ${describeDifference(d)}`),
  ];
}

/**
 * `read` (refresh): what the stage serves against the live API. No id when the REST API
 * is gone. Called without state (`pulumi import`), it fails with what to do instead.
 */
export async function readStageResource(id: string, props?: StageDeploymentOutputs): Promise<{ id?: string; props?: StageDeploymentOutputs; inputs?: Record<string, unknown> }> {
  if (!props || props.restApiId === undefined) {
    throw new Error(`IMPORT_UNSUPPORTED: StageDeployment ${id}: ${importAdvice(STAGE_RESOURCE_KIND)}`);
  }
  let inspection: StageInspection;
  try {
    inspection = await inspectStage(runtimeFor(processSettings()), props.restApiId, props.stageName);
  } catch (err) {
    if ((err instanceof StageError || err instanceof ApiGatewayError) && err.code === "REST_API_NOT_FOUND") return {};
    throw err;
  }
  const stageDrift = stageDriftOf(inspection);
  const given = givenInputs(props) as unknown as Record<string, unknown>;
  return {
    id,
    props: { ...props, stageDrift },
    inputs: stageDrift.length > 0 ? { ...given, stageDrift } : given,
  };
}

/**
 * `delete`: nothing, so the stage keeps serving its last deployment; with `destroyStage`,
 * the stage is deleted (already gone: done, AWS-14's rule for deletes).
 */
export async function deleteStageResource(props: StageDeploymentOutputs): Promise<void> {
  if (props.destroyStage !== true) return;
  await deleteStage(runtimeFor(processSettings()), props.restApiId, props.stageName);
}
