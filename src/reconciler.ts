/**
 * `pulumi-apigw-responses/reconciler`: the reconciler as a library, without Pulumi.
 * Validate specs (before any AWS call), plan against the live state, converge, and
 * render plans; the typed errors of each step. The pipeline: validate → normalize →
 * observe → plan → apply → verify (see `src/reconcile.ts`).
 *
 * ```ts
 * import { createRuntime, reconcile } from "pulumi-apigw-responses/reconciler";
 * const result = await reconcile(createRuntime({ region: "eu-west-1" }), specs);
 * ```
 */
export { ApplyError } from "./apply";
export type { ApplyEvents, MethodFailure, MethodOutcome } from "./apply";
export type { ClientConfig, ClientCredentials } from "./aws/client";
export { ApiGatewayError } from "./aws/errors";
export type { ApiGatewayErrorCode, ErrorClass } from "./aws/errors";
export type { RateLimit } from "./rate";
export { releaseSharedClients } from "./aws/connection";
export type { CallCounters, RetryPolicy } from "./aws/connection";
export type { ApiGatewayOperations, OperationInput, OperationName, OperationOutput, Transport } from "./aws/transport";
export type { GatewayResponseFailure } from "./apply/gateway-responses";
export type { GatewayResponseOperation, GatewayResponseSpec, GatewayResponsesPlan, GatewayResponseType, NormalizedGatewayResponse } from "./gateway-responses";
export type {
  ApplyReport,
  ContentHandling,
  DesiredMethod,
  FieldChange,
  IntegrationResponseSpec,
  MethodKey,
  MethodPlan,
  MethodResponseSpec,
  MethodSpec,
  Operation,
  OperationKind,
  PatchOperation,
  Plan,
  ResponseSpec,
  RetryCause,
  SpecFile,
  SpecFileMethod,
  ValidationFailure,
} from "./model";
export { PathNotFoundError } from "./observe/paths";
export { countOperations, isInSync } from "./plan";
export { PlanError } from "./plan/errors";
export type { PlanErrorCode } from "./plan/errors";
export { ConvergenceError, createRuntime, DEFAULT_MAX_PASSES, planSpecs, reconcile, ValidationError } from "./reconcile";
export type { NonConvergenceCause, ReconcileEvents, ReconcileInput, ReconcileOptions, ReconcileResult, Runtime, RuntimeOptions, SpecPlan } from "./reconcile";
export { planToJson, renderPlanMarkdown, renderPlanText } from "./render";
export type { MarkdownOptions, PlanJson, PlanJsonGatewayOperation, PlanJsonOperation, RenderOptions } from "./render";
export { methodSpecJsonSchema, specFileJsonSchema } from "./schema";
export { methodSpecsOfFile, validateMethodSpec, validateSpecFile, validateSpecs } from "./validate";
export type { ValidateOptions } from "./validate";
