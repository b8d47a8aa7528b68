/**
 * What the Pulumi dynamic providers call, kept out of the serialized provider objects:
 * the providers `require` this module inside their methods (docs/toolchain.md,
 * "Dynamic providers": no client or module state may be captured), so the glue that
 * Pulumi serializes stays a few lines.
 *
 * Providers serialized into existing state by earlier versions call these names through
 * this module (`configureProcess`, `checkInputs`, `diffResource`, `createResource`,
 * `readResource`, `updateResource`, `deleteResource`; test/support/fixtures/state-0.1.0.json):
 * every name exported here stays exported. There are two targets, each with its
 * lifecycle written once over one adapter per kind: a method's responses
 * (./lifecycle.ts, ./check.ts) and a REST API's gateway responses (./gateway-lifecycle.ts);
 * this is the one place that tells them apart.
 */
import type { ValidationFailure } from "../model";
import * as methods from "./check";
import * as gateway from "./gateway-lifecycle";
import { isGatewayKind, type AnyGatewayInputs, type AnyInputs, type GatewayResourceKind, type ProviderKind, type ResourceKind } from "./inputs";
import * as lifecycle from "./lifecycle";
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
type Inputs = AnyInputs | AnyGatewayInputs;
/** The outputs of any kind. */
type Outputs = AnyOutputs | AnyGatewayOutputs;

/** `check` without the provider process's settings and ownership: the validation failures of the inputs, zero calls. */
export function checkInputs(kind: ProviderKind, news: Record<string, unknown>): ValidationFailure[] {
  return isGatewayKind(kind) ? gateway.checkGatewayInputs(kind, news) : methods.checkInputs(kind, news);
}

/** `check`: settings, inputs and ownership failures. */
export function checkResource(kind: ProviderKind, news: Record<string, unknown>): ValidationFailure[] {
  return isGatewayKind(kind) ? gateway.checkGatewayResource(kind, news) : methods.checkResource(kind, news);
}

/** The inputs `check` returns (the gateway kinds add nothing to the program's). */
export function inputsAfterCheck(kind: ProviderKind, olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  return isGatewayKind(kind) ? news : methods.inputsAfterCheck(kind, olds, news);
}

/** `diff`. */
export function diffResource(kind: ProviderKind, olds: Outputs, news: Inputs, id = ""): Promise<DiffOutcome> {
  return isGatewayKind(kind)
    ? gateway.diffGatewayResource(kind, olds as AnyGatewayOutputs, news as AnyGatewayInputs, id)
    : lifecycle.diffResource(kind, olds as AnyOutputs, news as AnyInputs, id);
}

/** `create`. */
export function createResource(kind: ResourceKind, inputs: AnyInputs): Promise<CreateOutcome>;
export function createResource(kind: GatewayResourceKind, inputs: AnyGatewayInputs): Promise<GatewayCreateOutcome>;
export function createResource(kind: ProviderKind, inputs: Inputs): Promise<CreateOutcome | GatewayCreateOutcome>;
export function createResource(kind: ProviderKind, inputs: Inputs): Promise<CreateOutcome | GatewayCreateOutcome> {
  return isGatewayKind(kind) ? gateway.createGatewayResource(kind, inputs as AnyGatewayInputs) : lifecycle.createResource(kind, inputs as AnyInputs);
}

/** `read` (refresh). */
export function readResource(kind: ResourceKind, id: string, props?: AnyOutputs): Promise<ReadOutcome>;
export function readResource(kind: GatewayResourceKind, id: string, props?: AnyGatewayOutputs): Promise<GatewayReadOutcome>;
export function readResource(kind: ProviderKind, id: string, props?: Outputs): Promise<ReadOutcome | GatewayReadOutcome>;
export function readResource(kind: ProviderKind, id: string, props?: Outputs): Promise<ReadOutcome | GatewayReadOutcome> {
  return isGatewayKind(kind) ? gateway.readGatewayResource(kind, id, props as AnyGatewayOutputs | undefined) : lifecycle.readResource(kind, id, props as AnyOutputs | undefined);
}

/** `update`. */
export function updateResource(kind: ResourceKind, olds: AnyOutputs, news: AnyInputs): Promise<UpdateOutcome>;
export function updateResource(kind: GatewayResourceKind, olds: AnyGatewayOutputs, news: AnyGatewayInputs): Promise<GatewayUpdateOutcome>;
export function updateResource(kind: ProviderKind, olds: Outputs, news: Inputs): Promise<UpdateOutcome | GatewayUpdateOutcome>;
export function updateResource(kind: ProviderKind, olds: Outputs, news: Inputs): Promise<UpdateOutcome | GatewayUpdateOutcome> {
  return isGatewayKind(kind)
    ? gateway.updateGatewayResource(kind, olds as AnyGatewayOutputs, news as AnyGatewayInputs)
    : lifecycle.updateResource(kind, olds as AnyOutputs, news as AnyInputs);
}

/** `delete`. */
export function deleteResource(kind: ProviderKind, props: Outputs, id?: string): Promise<void> {
  return isGatewayKind(kind) ? gateway.deleteGatewayResource(kind, props as AnyGatewayOutputs, id) : lifecycle.deleteResource(kind, props as AnyOutputs, id);
}

export { UNKNOWN } from "./inputs";
export type { GatewayResponseInputs, GatewayResponseSetInputs, IntegrationResponseInputs, MethodResponseInputs, ProviderKind, ResourceKind, ResponseSetInputs } from "./inputs";
export { specOf } from "./kinds";
export { compactResponses } from "./responses";
export { configureProcess } from "./settings";
export { resourceIdOf, revisionOf } from "./state";
export type { GatewayResponseOutputs, GatewayResponseSetOutputs, IntegrationResponseOutputs, MethodResponseOutputs, ResponseSetOutputs } from "./state";
