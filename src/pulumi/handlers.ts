/**
 * What the Pulumi dynamic providers call, kept out of the serialized provider objects:
 * the providers `require` this module inside their methods (docs/toolchain.md,
 * "Dynamic providers": no client or module state may be captured), so the glue that
 * Pulumi serializes stays a few lines.
 *
 * Providers serialized into existing state by earlier versions call these names through
 * this module (`configureProcess`, `checkInputs`, `diffResource`, `createResource`,
 * `readResource`, `updateResource`, `deleteResource`; test/support/fixtures/state-0.1.0.json):
 * every name exported here stays exported. The lifecycle is written once
 * (./lifecycle.ts, ./check.ts) over one adapter per resource kind (./kinds/).
 */
export { checkInputs, checkResource, inputsAfterCheck } from "./check";
export { createResource, deleteResource, diffResource, readResource, updateResource } from "./lifecycle";
export { UNKNOWN } from "./inputs";
export type { IntegrationResponseInputs, MethodResponseInputs, ResourceKind, ResponseSetInputs } from "./inputs";
export { specOf } from "./kinds";
export { compactResponses } from "./responses";
export { configureProcess } from "./settings";
export { resourceIdOf, revisionOf } from "./state";
export type { IntegrationResponseOutputs, MethodResponseOutputs, ResponseSetOutputs } from "./state";
