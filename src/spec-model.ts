/**
 * The desired-state model, written once, with zod 4: which fields each object of a spec
 * has, their JSON types, enums, patterns and required-ness, with their descriptions.
 * Everything else reads it:
 *
 * - the JSON Schemas (`schema.ts`, `z.toJSONSchema`), of which `schema/spec.schema.json`
 *   is the committed copy;
 * - the structural checks of validation (`validate/structure.ts` parses with these
 *   schemas and words each issue);
 * - the TypeScript types of `model.ts` (`MethodSpec`, `ResponseSpec`, …) and of
 *   `gateway-responses.ts` (`GatewayResponseSpec`), which a compile-time assertion at
 *   the end of this module holds equal to `z.infer` of these schemas, so that a field
 *   added, removed or retyped on one side is a compile error;
 * - the Pulumi front end: the field lists of its resource kinds ({@link fieldNamesOf}),
 *   and, by compile-time assertions naming any field that drifts ({@link FieldsNotMatching}),
 *   its arguments (`ArgsMatchSchema`, `OutputsCoverSchema` in `pulumi/resources.ts`) and
 *   the inputs its providers receive (`InputsMatchSchema` in `pulumi/inputs.ts`).
 *
 * By hand, in `validate.ts` and `validate/`: only the cross-field rules (exactly one of
 * `resourceId` and `path`, AWS-4/AWS-5 header declarations, AWS-6 one default, a spec
 * file that asks for something), the template size (AWS-65), duplicates, well-formed
 * Unicode and the wording of messages.
 * The refinements below that JSON Schema cannot say (control characters, Java regular
 * expressions, AWS-29) carry a `rule` for the wording and are left out of the JSON Schemas.
 */
import { z } from "zod";
import { GATEWAY_RESPONSE_DEFAULT_STATUS, GATEWAY_RESPONSE_TYPES, type GatewayResponseSpec, type GatewayResponseType } from "./gateway-responses";
import { javaPatternSyntaxError } from "./java-regex";
import { CONTENT_HANDLING_VALUES, type IntegrationResponseSpec, type MethodResponseSpec, type MethodSpec, type ResponseSpec, type SpecFile, type SpecFileMethod } from "./model";
import { REGION_PATTERN } from "./settings";
import {
  CONTENT_TYPE_PATTERN,
  CONTROL_RE,
  GATEWAY_RESPONSE_PARAMETER_KEY_PATTERN,
  GATEWAY_RESPONSE_PARAMETER_VALUE_PATTERN,
  HTTP_METHODS,
  MAPPING_VALUE_PATTERN,
  MAX_TEMPLATE_BYTES,
  RESPONSE_PARAMETER_KEY_PATTERN,
  STATUS_CODE_PATTERN,
  TEMPLATE_CONTROL_RE,
} from "./validate/grammar";

/**
 * What a node of the schema is, for the wording of its failures (`validate/structure.ts`).
 * Kept in {@link specRoles}, a registry of its own: it never reaches the JSON Schemas.
 */
export type SpecRole =
  | "specFile"
  | "methods"
  | "region"
  | "method"
  | "restApiId"
  | "resourceId"
  | "path"
  | "httpMethod"
  | "exclusive"
  | "responses"
  | "statusCode"
  | "response"
  | "methodResponse"
  | "integrationResponse"
  | "map"
  | "responseParameterKey"
  | "contentTypeKey"
  | "requiredFlag"
  | "modelName"
  | "selectionPattern"
  | "contentHandling"
  | "mappingExpression"
  | "template"
  | "gatewayResponses"
  | "gatewayResponse"
  | "gatewayResponsesExclusive"
  | "gatewayStatusCode"
  | "gatewayParameterKey"
  | "gatewayParameterValue"
  | "gatewayTemplate";

/** The role of each node of the spec schemas (see {@link SpecRole}). */
export const specRoles = z.registry<{ readonly role: SpecRole }>();

/** The refinements JSON Schema cannot say; a failed one's issue carries its rule in `params.rule`. */
export type SpecRule = "control" | "template-control" | "default-marker" | "java-regex";

/**
 * Presence: `.exactOptional()` where a field given as `undefined` is checked like any
 * value (it is not a map, a string, …), `.optional()` where `undefined` means absent
 * (`resourceId`, `path`, `exclusive`).
 */
const role = <T extends z.ZodType>(schema: T, r: SpecRole): T => {
  specRoles.add(schema, { role: r });
  return schema;
};
const rule = (r: SpecRule) => ({ abort: true, params: { rule: r } });
/** A string without control characters (checked first: nothing else is said about such a string). */
const text = () => z.string().refine((s) => !CONTROL_RE.test(s), rule("control"));
/** A non-empty string without control characters. */
const nonEmptyText = () =>
  z
    .string()
    // `when` (which zod's typings leave out of the parameters): a length check would also run on an array.
    .min(1, { abort: true, when: (payload: { value: unknown }) => typeof payload.value === "string" } as { abort: boolean })
    .refine((s) => !CONTROL_RE.test(s), rule("control"));

/** `method.response.header.{name}` (AWS-28). */
const responseParameterKey = role(z.string().regex(new RegExp(RESPONSE_PARAMETER_KEY_PATTERN)), "responseParameterKey");
/** `type/subtype`. */
const contentTypeKey = role(z.string().regex(new RegExp(CONTENT_TYPE_PATTERN)), "contentTypeKey");

/** The method response of one status code. */
export const methodResponseSchema = role(
  z
    .strictObject({
      responseParameters: role(
        z.record(responseParameterKey, role(z.boolean(), "requiredFlag")).describe("method.response.header.{name} → required (a boolean, AWS-24)."),
        "map",
      ).exactOptional(),
      responseModels: role(
        z.record(contentTypeKey, role(nonEmptyText(), "modelName")).describe('Content type → model name, e.g. {"application/json": "Empty"}.'),
        "map",
      ).exactOptional(),
    })
    .meta({ id: "methodResponse", description: "The method response of one status code (PutMethodResponse / UpdateMethodResponse)." }),
  "methodResponse",
);

/** The integration response of one status code. */
export const integrationResponseSchema = role(
  z
    .strictObject({
      selectionPattern: role(
        text()
          .refine((s) => s !== "-", rule("default-marker"))
          .refine((s) => javaPatternSyntaxError(s) === undefined, rule("java-regex"))
          .meta({
            description: 'Java regular expression (AWS-29); absent or "" is the default response (AWS-17). "-" is not a default marker.',
            not: { const: "-" },
          }),
        "selectionPattern",
      ).exactOptional(),
      responseParameters: role(
        z
          .record(responseParameterKey, role(text().regex(new RegExp(MAPPING_VALUE_PATTERN)), "mappingExpression"))
          .describe(
            "method.response.header.{name} → integration.response.header.{name}, integration.response.body[.{JSON-expression}] or a static 'value' (AWS-28).",
          ),
        "map",
      ).exactOptional(),
      responseTemplates: role(
        z
          .record(contentTypeKey, role(z.string().refine((s) => !TEMPLATE_CONTROL_RE.test(s), rule("template-control")), "template"))
          .describe(`Content type → mapping template; "" passes the body through (AWS-16). At most ${MAX_TEMPLATE_BYTES} bytes each.`),
        "map",
      ).exactOptional(),
      contentHandling: role(z.enum(CONTENT_HANDLING_VALUES).describe("Absent means pass-through (AWS-27)."), "contentHandling").exactOptional(),
    })
    .meta({ id: "integrationResponse", description: "The integration response of one status code (one full PutIntegrationResponse, AWS-2)." }),
  "integrationResponse",
);

/** The responses of one status code. */
export const responseSchema = role(
  z
    .strictObject({ methodResponse: methodResponseSchema.exactOptional(), integrationResponse: integrationResponseSchema.exactOptional() })
    .meta({ id: "response", description: "The desired method response and/or integration response of one status code." }),
  "response",
);

/** Status code → responses. */
export const responsesSchema = role(
  z
    .record(role(z.string().regex(new RegExp(STATUS_CODE_PATTERN)), "statusCode"), responseSchema)
    .meta({ id: "responses", description: "Status code ([1-5]\\d\\d, AWS-7) → desired responses." }),
  "responses",
);

/** The fields of a method, `restApiId` aside, in the order messages list them. */
const methodFields = {
  resourceId: role(nonEmptyText().describe("The API Gateway resource id."), "resourceId").optional(),
  path: role(nonEmptyText().regex(/^\//).describe("The resource path, e.g. /users/{id}."), "path").optional(),
  httpMethod: role(z.enum(HTTP_METHODS).describe("The HTTP method, upper case."), "httpMethod"),
  responses: responsesSchema,
  exclusive: role(
    z.boolean().meta({
      default: true,
      description: "True (default): live status codes and response kinds absent from responses are deleted. False: left alone.",
    }),
    "exclusive",
  ).optional(),
};

/** Exactly one of `resourceId` and `path` (checked by hand in `validate.ts`, said here for editors). */
const ONE_RESOURCE = [{ required: ["resourceId"] }, { required: ["path"] }];
const METHOD_DESCRIPTION = "The desired responses of one method. Exactly one of resourceId and path names the resource.";

/** One method ({@link MethodSpec}). */
export const methodSpecSchema = role(
  z
    .strictObject({ restApiId: role(nonEmptyText().describe("The REST API id."), "restApiId"), ...methodFields })
    .meta({ title: "API Gateway method responses (one method)", description: METHOD_DESCRIPTION, oneOf: ONE_RESOURCE }),
  "method",
);

/** One method of a spec file ({@link SpecFileMethod}): its `restApiId` defaults to the file's. */
export const specFileMethodSchema = role(
  z
    .strictObject({ restApiId: role(nonEmptyText().describe("The REST API id; defaults to the file's restApiId."), "restApiId").exactOptional(), ...methodFields })
    .meta({ id: "method", description: METHOD_DESCRIPTION, oneOf: ONE_RESOURCE }),
  "method",
);

// ------------------------------------------------------------------ gateway responses (AWS-31..AWS-41)

/** The customization of one gateway response type ({@link GatewayResponseSpec}, as `PutGatewayResponse` takes it). */
export const gatewayResponseSchema = role(
  z
    .strictObject({
      statusCode: role(
        z
          .string()
          .regex(new RegExp(STATUS_CODE_PATTERN))
          .describe(
            "[1-5]\\d\\d, a string (AWS-39). Absent: the type's own default status code (AWS-31, AWS-35); DEFAULT_4XX and DEFAULT_5XX then answer with the status of the error.",
          ),
        "gatewayStatusCode",
      ).exactOptional(),
      responseParameters: role(
        z
          .record(
            role(z.string().regex(new RegExp(GATEWAY_RESPONSE_PARAMETER_KEY_PATTERN)), "gatewayParameterKey"),
            role(text().regex(new RegExp(GATEWAY_RESPONSE_PARAMETER_VALUE_PATTERN)), "gatewayParameterValue"),
          )
          .describe(
            "gatewayresponse.{header|path|querystring}.{name} → a static 'value' in single quotes or method.request.{header|querystring|path}.{name} (AWS-40), " +
              "e.g. {\"gatewayresponse.header.Access-Control-Allow-Origin\": \"'*'\"}.",
          ),
        "map",
      ).exactOptional(),
      responseTemplates: role(
        z
          .record(contentTypeKey, role(z.string().refine((s) => !TEMPLATE_CONTROL_RE.test(s), rule("template-control")), "gatewayTemplate"))
          .describe(
            `Content type → template (AWS-41: not VTL; only $context, $stageVariables and method request parameters are substituted). ` +
              `Absent: {"application/json": "{\\"message\\":$context.error.messageString}"} (AWS-35). At most ${MAX_TEMPLATE_BYTES} bytes each.`,
          ),
        "map",
      ).exactOptional(),
    })
    .meta({
      id: "gatewayResponse",
      description: "The customization of one gateway response type (one full PutGatewayResponse: fields left out take the type's defaults, AWS-35).",
    }),
  "gatewayResponse",
);

/** What a response type answers with when not customized, for the descriptions of {@link gatewayResponsesSchema}. */
function typeDescription(type: GatewayResponseType): string {
  const code = GATEWAY_RESPONSE_DEFAULT_STATUS[type];
  if (code === undefined) return `No status code of its own: the fallback of every ${type.slice(-3, -2)}xx type not customized (AWS-31, AWS-33).`;
  return `Default status code ${code}; when not customized, it follows DEFAULT_${code[0]}XX (AWS-31, AWS-33).`;
}

/**
 * Response type → customization. Written as an object with the 21 types as optional
 * fields (not a record keyed by an enum): editors complete the type names, each with its
 * default, and an unknown type is an unknown field, which `validate/structure.ts` words
 * with the list of the 21 (AWS-31, AWS-37).
 */
export const gatewayResponsesSchema = role(
  z
    .strictObject(
      Object.fromEntries(GATEWAY_RESPONSE_TYPES.map((t) => [t, role(gatewayResponseSchema.describe(typeDescription(t)), "gatewayResponse").exactOptional()])) as {
        [K in GatewayResponseType]: z.ZodExactOptional<typeof gatewayResponseSchema>;
      },
    )
    .meta({
      id: "gatewayResponses",
      description:
        "Response type (one of the 21, AWS-31) → its customization. Present: the file manages the REST API's gateway responses; absent: it leaves them alone.",
    }),
  "gatewayResponses",
);

/** A spec file ({@link SpecFile}). */
export const specFileSchema = role(
  z
    .strictObject({
      restApiId: role(nonEmptyText().describe("The REST API id."), "restApiId"),
      region: role(nonEmptyText().regex(new RegExp(REGION_PATTERN)).describe("The AWS region, e.g. eu-west-1."), "region").exactOptional(),
      methods: role(z.array(specFileMethodSchema).describe("The methods whose responses the file manages; may be empty when the file has gatewayResponses."), "methods"),
      gatewayResponses: gatewayResponsesSchema.exactOptional(),
      gatewayResponsesExclusive: role(
        z.boolean().meta({
          default: true,
          description:
            "True (default): customized response types absent from gatewayResponses are reset to their defaults. False: left alone. Only with gatewayResponses.",
        }),
        "gatewayResponsesExclusive",
      ).optional(),
    })
    .meta({
      title: "API Gateway method responses and gateway responses (spec file)",
      // At least one method or gatewayResponses, and gatewayResponsesExclusive only with gatewayResponses
      // (checked by hand in `validate/gateway-responses.ts`, said here for editors).
      anyOf: [{ properties: { methods: { minItems: 1 } } }, { required: ["gatewayResponses"] }],
      dependentRequired: { gatewayResponsesExclusive: ["gatewayResponses"] },
    }),
  "specFile",
);

// ------------------------------------------------------------------ the front ends' field lists and types, held to the schema

/**
 * The field names of an object schema, in the schema's order: the Pulumi resource kinds
 * take their field lists from here, so that a field added to the model is one of theirs.
 */
export function fieldNamesOf<S extends z.ZodObject>(schema: S): (keyof S["shape"] & string)[] {
  return Object.keys(schema.shape) as (keyof S["shape"] & string)[];
}

/**
 * The fields on which a front end's type `T` (its fields of the model only) and a
 * schema's type `S` disagree: the fields of one that the other lacks, and the fields
 * whose schema values `T` does not accept (a field the schema leaves optional must be
 * optional in `T`). `never` when they agree.
 */
export type FieldsNotMatching<T, S> =
  | Exclude<keyof S, keyof T>
  | Exclude<keyof T, keyof S>
  | { [K in keyof S & keyof T]: [S[K]] extends [T[K]] ? never : K }[keyof S & keyof T];
/** A compile error naming the fields `K` (`Type '"x"' does not satisfy the constraint 'never'`), unless there are none. */
export type NoFields<K extends never> = K;

// ------------------------------------------------------------------ the types of model.ts, held to the schema

/** True when `A` and `B` have the same keys and each is assignable to the other. */
type Same<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? ([A] extends [B] ? ([B] extends [A] ? true : false) : false) : false) : false;
/** A compile error unless `T` is `true`. */
type Assert<T extends true> = T;
/**
 * `httpMethod` is a `string` in the public types, so that programs can pass a string
 * they hold; the schema's enum is checked when the spec is validated.
 */
type WithStringMethod<T> = Omit<T, "httpMethod"> & { httpMethod: string };

/** Compile-time: the hand-documented types of `model.ts` are exactly what the schemas infer. */
export type SpecTypesMatchSchema = [
  Assert<Same<MethodResponseSpec, z.infer<typeof methodResponseSchema>>>,
  Assert<Same<IntegrationResponseSpec, z.infer<typeof integrationResponseSchema>>>,
  Assert<Same<ResponseSpec, z.infer<typeof responseSchema>>>,
  Assert<Same<MethodSpec, WithStringMethod<z.infer<typeof methodSpecSchema>>>>,
  Assert<Same<SpecFileMethod, WithStringMethod<z.infer<typeof specFileMethodSchema>>>>,
  Assert<Same<GatewayResponseSpec, z.infer<typeof gatewayResponseSchema>>>,
  Assert<Same<NonNullable<SpecFile["gatewayResponses"]>, z.infer<typeof gatewayResponsesSchema>>>,
  Assert<Same<Omit<SpecFile, "methods">, Omit<z.infer<typeof specFileSchema>, "methods">>>,
];
