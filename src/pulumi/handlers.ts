/**
 * What the Pulumi dynamic providers call, kept out of the serialized provider objects:
 * the providers `require` this module inside their methods (docs/toolchain.md,
 * "Dynamic providers": no client or module state may be captured), so the glue that
 * Pulumi serializes stays a few lines.
 *
 * Providers serialized into existing state by earlier versions call these names through
 * this module (`configureProcess`, `checkInputs`, `inputsAfterCheck`, `checkResource`,
 * `diffResource`, `createResource`, `readResource`, `updateResource`, `deleteResource`;
 * test/support/fixtures/state-0.1.0.json), and this version's call `checkProvider` too:
 * every name exported here stays exported. There are two targets, each with its
 * lifecycle written once over one adapter per kind: a method's responses
 * (./lifecycle.ts, ./check.ts) and a REST API's gateway responses (./gateway-lifecycle.ts);
 * and a stage, deployed (./stage-lifecycle.ts). This is the one place that tells them
 * apart, and that tells the deployments of the process about the response writes
 * (./api-activity.ts): `check` of a response resource announces its operation, a `diff`
 * without changes withdraws it, and every response create, update and delete runs
 * through {@link duringWrite}.
 */
import type { ValidationFailure } from "../model";
import * as methods from "./check";
import * as gateway from "./gateway-lifecycle";
import { announceWrite, duringWrite, withdrawWrite } from "./api-activity";
import { isGatewayKind, isStageKind, ownerOf, type AnyGatewayInputs, type AnyInputs, type GatewayResourceKind, type ProviderKind, type ResourceKind, type StageResourceKind } from "./inputs";
import * as lifecycle from "./lifecycle";
import { processSettings, runtimeFor } from "./settings";
import * as stage from "./stage-lifecycle";
import type { StageDeploymentInputs, StageDeploymentOutputs } from "./stage-lifecycle";
import type {
  AnyGatewayOutputs,
  AnyOutputs,
  CreateOutcome,
  DiffOutcome,
  GatewayCreateOutcome,
  GatewayReadOutcome,
  GatewayUpdateOutcome,
  ReadOutcome,
  UpdateOutcome,
} from "./state";

/** The inputs of any kind. */
type Inputs = AnyInputs | AnyGatewayInputs | StageDeploymentInputs;
/** The outputs of any kind. */
type Outputs = AnyOutputs | AnyGatewayOutputs | StageDeploymentOutputs;

/** Run a response operation on the REST API it writes to, in step with the deployments of the process. */
function writing<T>(target: { readonly restApiId: string }, operation: () => Promise<T>): Promise<T> {
  return duringWrite(target.restApiId, ownerOf(target), runtimeFor(processSettings()).policy.deadlineMs, operation);
}

/** `check` without the provider process's settings and ownership: the validation failures of the inputs, zero calls. */
export function checkInputs(kind: ProviderKind, news: Record<string, unknown>): ValidationFailure[] {
  if (isStageKind(kind)) return stage.checkStageInputs(news);
  return isGatewayKind(kind) ? gateway.checkGatewayInputs(kind, news) : methods.checkInputs(kind, news);
}

/** `check`: settings, inputs and ownership failures. */
export function checkResource(kind: ProviderKind, news: Record<string, unknown>): ValidationFailure[] {
  if (isStageKind(kind)) return stage.checkStageResource(news);
  if (typeof news.restApiId === "string") announceWrite(news.restApiId, ownerOf(news));
  return isGatewayKind(kind) ? gateway.checkGatewayResource(kind, news) : methods.checkResource(kind, news);
}

/** The inputs `check` returns (the gateway and stage kinds add nothing to the program's). */
export function inputsAfterCheck(kind: ProviderKind, olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  return isGatewayKind(kind) || isStageKind(kind) ? news : methods.inputsAfterCheck(kind, olds, news);
}

/** `check` as the provider answers it: the inputs to keep and the failures (what the providers of this version call). */
export function checkProvider(kind: ProviderKind, olds: Record<string, unknown>, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: ValidationFailure[] } {
  return { inputs: inputsAfterCheck(kind, olds, news), failures: checkResource(kind, news) };
}

/** `diff`; a response resource without changes withdraws the operation its `check` announced to the deployments of the process. */
export async function diffResource(kind: ProviderKind, olds: Outputs, news: Inputs, id = ""): Promise<DiffOutcome> {
  if (isStageKind(kind)) return stage.diffStageResource(olds as StageDeploymentOutputs, news as StageDeploymentInputs);
  const outcome = isGatewayKind(kind)
    ? await gateway.diffGatewayResource(kind, olds as AnyGatewayOutputs, news as AnyGatewayInputs, id)
    : await lifecycle.diffResource(kind, olds as AnyOutputs, news as AnyInputs, id);
  const restApiId = (news as { restApiId?: unknown }).restApiId;
  if (!outcome.changes && typeof restApiId === "string") withdrawWrite(restApiId, ownerOf(news));
  return outcome;
}

/** `create`. */
export function createResource(kind: ResourceKind, inputs: AnyInputs): Promise<CreateOutcome>;
export function createResource(kind: GatewayResourceKind, inputs: AnyGatewayInputs): Promise<GatewayCreateOutcome>;
export function createResource(kind: StageResourceKind, inputs: StageDeploymentInputs): Promise<{ id: string; outs: StageDeploymentOutputs }>;
export function createResource(kind: ProviderKind, inputs: Inputs): Promise<CreateOutcome | GatewayCreateOutcome | { id: string; outs: StageDeploymentOutputs }>;
export function createResource(kind: ProviderKind, inputs: Inputs): Promise<CreateOutcome | GatewayCreateOutcome | { id: string; outs: StageDeploymentOutputs }> {
  if (isStageKind(kind)) return stage.createStageResource(inputs as StageDeploymentInputs);
  return writing<CreateOutcome | GatewayCreateOutcome>(inputs as { restApiId: string }, () =>
    isGatewayKind(kind) ? gateway.createGatewayResource(kind, inputs as AnyGatewayInputs) : lifecycle.createResource(kind, inputs as AnyInputs),
  );
}

/** `read` (refresh). */
export function readResource(kind: ResourceKind, id: string, props?: AnyOutputs): Promise<ReadOutcome>;
export function readResource(kind: GatewayResourceKind, id: string, props?: AnyGatewayOutputs): Promise<GatewayReadOutcome>;
export function readResource(kind: StageResourceKind, id: string, props?: StageDeploymentOutputs): ReturnType<typeof stage.readStageResource>;
export function readResource(kind: ProviderKind, id: string, props?: Outputs): Promise<ReadOutcome | GatewayReadOutcome | Awaited<ReturnType<typeof stage.readStageResource>>>;
export function readResource(kind: ProviderKind, id: string, props?: Outputs): Promise<ReadOutcome | GatewayReadOutcome | Awaited<ReturnType<typeof stage.readStageResource>>> {
  if (isStageKind(kind)) return stage.readStageResource(id, props as StageDeploymentOutputs | undefined);
  return isGatewayKind(kind) ? gateway.readGatewayResource(kind, id, props as AnyGatewayOutputs | undefined) : lifecycle.readResource(kind, id, props as AnyOutputs | undefined);
}

/** `update`. */
export function updateResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs): Promise<UpdateOutcome>;
export function updateResource(kind: GatewayResourceKind, olds: AnyGatewayOutputs, news: AnyGatewayInputs): Promise<GatewayUpdateOutcome>;
export function updateResource(kind: StageResourceKind, olds: StageDeploymentOutputs, news: StageDeploymentInputs): Promise<{ outs: StageDeploymentOutputs }>;
export function updateResource(kind: ProviderKind, olds: Outputs, news: Inputs): Promise<UpdateOutcome | GatewayUpdateOutcome | { outs: StageDeploymentOutputs }>;
export function updateResource(kind: ProviderKind, olds: Outputs, news: Inputs): Promise<UpdateOutcome | GatewayUpdateOutcome | { outs: StageDeploymentOutputs }> {
  if (isStageKind(kind)) return stage.updateStageResource(olds as StageDeploymentOutputs, news as StageDeploymentInputs);
  return writing<UpdateOutcome | GatewayUpdateOutcome>(news as { restApiId: string }, () =>
    isGatewayKind(kind)
      ? gateway.updateGatewayResource(kind, olds as AnyGatewayOutputs, news as AnyGatewayInputs)
      : lifecycle.updateResource(kind, olds as AnyOutputs, news as AnyInputs),
  );
}

/** `delete`. */
export function deleteResource(kind: ProviderKind, props: Outputs, id?: string): Promise<void> {
  if (isStageKind(kind)) return stage.deleteStageResource(props as StageDeploymentOutputs);
  return writing(props as { restApiId: string }, () =>
    isGatewayKind(kind) ? gateway.deleteGatewayResource(kind, props as AnyGatewayOutputs, id) : lifecycle.deleteResource(kind, props as AnyOutputs, id),
  );
}

export { UNKNOWN } from "./inputs";
export type { GatewayResponseInputs, GatewayResponseSetInputs, IntegrationResponseInputs, MethodResponseInputs, ProviderKind, ResourceKind, ResponseSetInputs, StageResourceKind } from "./inputs";
export type { StageDeploymentInputs, StageDeploymentOutputs } from "./stage-lifecycle";
export { specOf } from "./kinds";
export { compactResponses } from "./responses";
export { configureProcess } from "./settings";
export { resourceIdOf, revisionOf } from "./state";
export type { GatewayResponseOutputs, GatewayResponseSetOutputs, IntegrationResponseOutputs, MethodResponseOutputs, ResponseSetOutputs } from "./state";
