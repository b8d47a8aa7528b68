/**
 * pulumi-apigw-responses: Pulumi resources that manage the method, integration and
 * gateway responses of Amazon API Gateway REST APIs, converged and drift-corrected,
 * and deploy them to a stage.
 *
 * The package's entries (its `exports` map):
 * - `pulumi-apigw-responses` (this one): the Pulumi resources, their arguments and the response spec types.
 * - `pulumi-apigw-responses/reconciler`: the reconciler as a library (validate, plan, apply, render), without Pulumi.
 * - `pulumi-apigw-responses/emulator`: the local API Gateway for your own tests (moto behind AWS's answers and limits).
 * - `pulumi-apigw-responses/dist/pulumi/*`: the dynamic provider's modules, which the
 *   provider Pulumi serializes into state loads by this path; not for programs.
 */
export { GatewayResponse, GatewayResponseSet, IntegrationResponse, MethodResponse, ResponseSet, StageDeployment } from "./pulumi/resources";
export type {
  GatewayResponseArgs,
  GatewayResponseSetArgs,
  IntegrationResponseArgs,
  MethodRef,
  MethodResponseArgs,
  MethodTarget,
  ResourceRef,
  ResponseSetArgs,
  RestApiRef,
  StageDeploymentArgs,
} from "./pulumi/resources";
export type { ProviderSettings } from "./pulumi/settings";
export type { GatewayResponseSpec, GatewayResponseType, NormalizedGatewayResponse } from "./gateway-responses";
export type { ContentHandling, IntegrationResponseSpec, MethodResponseSpec, MethodSpec, ResponseSpec, SpecFile, SpecFileMethod } from "./model";
