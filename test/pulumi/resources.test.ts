/**
 * The Pulumi front end is held to the spec schemas at compile time, here (so that the
 * package's typings never name zod: a user's program type-checks without
 * `esModuleInterop`): `ArgsMatchSchema`, `OutputsCoverSchema`, `InputsMatchSchema`.
 * These type-level tests (`expectTypeOf`, checked by `tsc -p tsconfig.test.json`; nothing
 * runs) show that the check they are built on names the field a change of the schema
 * leaves behind: added, removed, or retyped so that the arguments no longer accept it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type {
  GatewayResponseInputs,
  GatewayResponseSetInputs,
  IdentityField,
  IntegrationResponseInputs,
  MethodResponseInputs,
  ResponseSetInputs,
  SingleResponseTargetField,
} from "../../src/pulumi/inputs";
import type {
  GatewayResponse,
  GatewayResponseArgs,
  GatewayResponseSet,
  GatewayResponseSetArgs,
  IntegrationResponse,
  IntegrationResponseArgs,
  MethodResponse,
  MethodResponseArgs,
  MethodTarget,
  ResponseSet,
  ResponseSetArgs,
  StageDeployment,
  StageDeploymentArgs,
} from "../../src/pulumi/resources";
import type { StageDeploymentInputs, StageDeploymentOutputs } from "../../src/pulumi/stage-lifecycle";
import type {
  FieldsNotMatching,
  gatewayResponseSchema,
  gatewayResponsesSchema,
  integrationResponseSchema,
  methodResponseSchema,
  methodSpecSchema,
  NoFields,
} from "../../src/spec-model";

/** The arguments of a single-response resource that are not fields of its response. */
type SingleResponseTargetArg = keyof MethodTarget | "statusCode" | "adoptExisting";

/** The arguments of a `GatewayResponse` that are not fields of its customization. */
type GatewayTargetArg = "restApi" | "responseType" | "adoptExisting";

/**
 * Compile-time: the arguments of each resource, their method target (and status code
 * and `adoptExisting`) aside, have exactly the fields of the spec schema they stand for,
 * and each accepts, unwrapped from `pulumi.Input`, every value the schema admits. A field
 * added to or removed from a schema and not here is a compile error naming the field.
 */
export type ArgsMatchSchema = [
  NoFields<FieldsNotMatching<pulumi.Unwrap<Omit<ResponseSetArgs, keyof MethodTarget>>, Omit<z.infer<typeof methodSpecSchema>, IdentityField>>>,
  NoFields<FieldsNotMatching<pulumi.Unwrap<Omit<MethodResponseArgs, SingleResponseTargetArg>>, z.infer<typeof methodResponseSchema>>>,
  NoFields<FieldsNotMatching<pulumi.Unwrap<Omit<IntegrationResponseArgs, SingleResponseTargetArg>>, z.infer<typeof integrationResponseSchema>>>,
  NoFields<FieldsNotMatching<pulumi.Unwrap<Pick<GatewayResponseSetArgs, "responses">>, { responses: z.infer<typeof gatewayResponsesSchema> }>>,
  NoFields<FieldsNotMatching<pulumi.Unwrap<Omit<GatewayResponseArgs, GatewayTargetArg>>, z.infer<typeof gatewayResponseSchema>>>,
];

/** Compile-time: each resource declares an output for every field of the spec schema it stands for. */
export type OutputsCoverSchema = [
  NoFields<Exclude<keyof Omit<z.infer<typeof methodSpecSchema>, IdentityField>, keyof ResponseSet>>,
  NoFields<Exclude<keyof z.infer<typeof methodResponseSchema>, keyof MethodResponse>>,
  NoFields<Exclude<keyof z.infer<typeof integrationResponseSchema>, keyof IntegrationResponse>>,
  NoFields<Exclude<"responses" | "exclusive", keyof GatewayResponseSet>>,
  NoFields<Exclude<keyof z.infer<typeof gatewayResponseSchema>, keyof GatewayResponse>>,
];

/**
 * Compile-time: the inputs of each kind, their method, status code and `adoptExisting`
 * aside, have exactly the fields of the spec schema they stand for, and accept every
 * value it admits. A field added to or removed from a schema and not here is a compile
 * error naming the field.
 */
export type InputsMatchSchema = [
  NoFields<FieldsNotMatching<Omit<ResponseSetInputs, IdentityField>, Omit<z.infer<typeof methodSpecSchema>, IdentityField>>>,
  NoFields<FieldsNotMatching<Omit<MethodResponseInputs, SingleResponseTargetField>, z.infer<typeof methodResponseSchema>>>,
  NoFields<FieldsNotMatching<Omit<IntegrationResponseInputs, SingleResponseTargetField>, z.infer<typeof integrationResponseSchema>>>,
  NoFields<FieldsNotMatching<Pick<GatewayResponseSetInputs, "responses">, { responses?: z.infer<typeof gatewayResponsesSchema> }>>,
  NoFields<FieldsNotMatching<Omit<GatewayResponseInputs, "restApiId" | "responseType" | "adoptExisting">, z.infer<typeof gatewayResponseSchema>>>,
];

/**
 * Compile-time: `StageDeployment` (no spec schema: its target is a stage) takes what its
 * provider receives (`restApi` becoming `restApiId`), and declares its outputs.
 */
export type StageDeploymentMatchesProvider = [
  NoFields<FieldsNotMatching<pulumi.Unwrap<Omit<StageDeploymentArgs, "restApi">>, Omit<StageDeploymentInputs, "restApiId">>>,
  NoFields<Exclude<"restApiId" | "stageName" | "deploymentId" | "stageDrift", keyof StageDeployment>>,
  NoFields<Exclude<keyof Omit<StageDeploymentOutputs, keyof StageDeploymentInputs>, keyof StageDeployment>>,
];

/** The arguments of a resource that are fields of the model, unwrapped from `pulumi.Input`. */
type ModelArgs<A, Omitted extends PropertyKey> = pulumi.Unwrap<Omit<A, keyof MethodTarget | Omitted>>;

type MethodResponseFields = z.infer<typeof methodResponseSchema>;
type IntegrationResponseFields = z.infer<typeof integrationResponseSchema>;
type ResponseSetFields = Omit<z.infer<typeof methodSpecSchema>, IdentityField>;
type MethodResponseModelArgs = ModelArgs<MethodResponseArgs, "statusCode" | "adoptExisting">;

describe("the arguments and inputs of each kind agree with its schema", () => {
  it("ResponseSet", () => {
    expectTypeOf<FieldsNotMatching<ModelArgs<ResponseSetArgs, never>, ResponseSetFields>>().toBeNever();
    expectTypeOf<FieldsNotMatching<Omit<ResponseSetInputs, IdentityField>, ResponseSetFields>>().toBeNever();
  });

  it("MethodResponse", () => {
    expectTypeOf<FieldsNotMatching<MethodResponseModelArgs, MethodResponseFields>>().toBeNever();
    expectTypeOf<FieldsNotMatching<Omit<MethodResponseInputs, SingleResponseTargetField>, MethodResponseFields>>().toBeNever();
  });

  it("IntegrationResponse", () => {
    expectTypeOf<FieldsNotMatching<ModelArgs<IntegrationResponseArgs, "statusCode" | "adoptExisting">, IntegrationResponseFields>>().toBeNever();
    expectTypeOf<FieldsNotMatching<Omit<IntegrationResponseInputs, SingleResponseTargetField>, IntegrationResponseFields>>().toBeNever();
  });
});

describe("a schema that drifts from the arguments: the check names the field", () => {
  it("a field added to the schema", () => {
    expectTypeOf<FieldsNotMatching<MethodResponseModelArgs, MethodResponseFields & { statusText?: string }>>().toEqualTypeOf<"statusText">();
  });

  it("a field removed from the schema", () => {
    expectTypeOf<FieldsNotMatching<MethodResponseModelArgs, Omit<MethodResponseFields, "responseModels">>>().toEqualTypeOf<"responseModels">();
  });

  it("a field whose values the arguments do not accept (another type; optional in the schema, required in the arguments)", () => {
    type Retyped = Omit<MethodResponseFields, "responseParameters"> & { responseParameters?: Record<string, string> };
    expectTypeOf<FieldsNotMatching<MethodResponseModelArgs, Retyped>>().toEqualTypeOf<"responseParameters">();
    type Mandatory = MethodResponseModelArgs & { responseModels: Record<string, string> };
    expectTypeOf<FieldsNotMatching<Mandatory, MethodResponseFields>>().toEqualTypeOf<"responseModels">();
  });
});
