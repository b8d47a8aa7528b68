/**
 * JSON Schemas (draft 2020-12) of the desired-state model, for users' editors
 * (YAML language servers, VS Code) to validate spec files against. The schemas express
 * the per-field rules of `validate/` (`validate/grammar.ts`) (same patterns, same enums); the cross-field
 * rules (AWS-4/AWS-5 header declarations, AWS-6 one default, selection patterns that Java
 * compiles (AWS-29), template sizes) are only checked by `validateMethodSpec`.
 *
 * The spec file schema is committed as `schema/spec.schema.json` (point an editor at it,
 * e.g. `# yaml-language-server: $schema=./schema/spec.schema.json`). To rewrite it after a
 * change, either build and run this module (`npx tsc -p tsconfig.json && node dist/schema.js`),
 * or run its test with `UPDATE_SCHEMA=1` (`UPDATE_SCHEMA=1 npx vitest run test/schema.test.ts`).
 */
import { CONTENT_HANDLING_VALUES } from "./model";
import { REGION_PATTERN } from "./settings";
import {
  CONTENT_TYPE_PATTERN,
  HTTP_METHODS,
  MAPPING_VALUE_PATTERN,
  MAX_TEMPLATE_BYTES,
  RESPONSE_PARAMETER_KEY_PATTERN,
  STATUS_CODE_PATTERN,
} from "./validate/grammar";

/** A JSON Schema document or subschema (plain JSON data). */
export type JsonSchema = { readonly [key: string]: unknown };

/** Where the spec file schema is committed, relative to the package root. */
export const SPEC_SCHEMA_PATH = "schema/spec.schema.json";

/** Subschemas shared by both documents. */
function definitions(): Record<string, JsonSchema> {
  return {
    methodResponse: {
      type: "object",
      description: "The method response of one status code (PutMethodResponse / UpdateMethodResponse).",
      additionalProperties: false,
      properties: {
        responseParameters: {
          type: "object",
          description: "method.response.header.{name} → required (a boolean, AWS-24).",
          propertyNames: { pattern: RESPONSE_PARAMETER_KEY_PATTERN },
          additionalProperties: { type: "boolean" },
        },
        responseModels: {
          type: "object",
          description: 'Content type → model name, e.g. {"application/json": "Empty"}.',
          propertyNames: { pattern: CONTENT_TYPE_PATTERN },
          additionalProperties: { type: "string", minLength: 1 },
        },
      },
    },
    integrationResponse: {
      type: "object",
      description: "The integration response of one status code (one full PutIntegrationResponse, AWS-2).",
      additionalProperties: false,
      properties: {
        selectionPattern: {
          type: "string",
          description: 'Java regular expression (AWS-29); absent or "" is the default response (AWS-17). "-" is not a default marker.',
          not: { const: "-" },
        },
        responseParameters: {
          type: "object",
          description:
            "method.response.header.{name} → integration.response.header.{name}, integration.response.body[.{JSON-expression}] or a static 'value' (AWS-28).",
          propertyNames: { pattern: RESPONSE_PARAMETER_KEY_PATTERN },
          additionalProperties: { type: "string", pattern: MAPPING_VALUE_PATTERN },
        },
        responseTemplates: {
          type: "object",
          description: `Content type → mapping template; "" passes the body through (AWS-16). At most ${MAX_TEMPLATE_BYTES} bytes each.`,
          propertyNames: { pattern: CONTENT_TYPE_PATTERN },
          additionalProperties: { type: "string" },
        },
        contentHandling: {
          enum: [...CONTENT_HANDLING_VALUES],
          description: "Absent means pass-through (AWS-27).",
        },
      },
    },
    response: {
      type: "object",
      description: "The desired method response and/or integration response of one status code.",
      additionalProperties: false,
      properties: {
        methodResponse: { $ref: "#/$defs/methodResponse" },
        integrationResponse: { $ref: "#/$defs/integrationResponse" },
      },
    },
    responses: {
      type: "object",
      description: "Status code ([1-5]\\d\\d, AWS-7) → desired responses.",
      propertyNames: { pattern: STATUS_CODE_PATTERN },
      additionalProperties: { $ref: "#/$defs/response" },
    },
  };
}

/** The schema of one method, with or without a required `restApiId`. */
function methodSchema(requireRestApiId: boolean): JsonSchema {
  return {
    type: "object",
    description: "The desired responses of one method. Exactly one of resourceId and path names the resource.",
    additionalProperties: false,
    required: requireRestApiId ? ["restApiId", "httpMethod", "responses"] : ["httpMethod", "responses"],
    oneOf: [{ required: ["resourceId"] }, { required: ["path"] }],
    properties: {
      restApiId: {
        type: "string",
        minLength: 1,
        description: requireRestApiId ? "The REST API id." : "The REST API id; defaults to the file's restApiId.",
      },
      resourceId: { type: "string", minLength: 1, description: "The API Gateway resource id." },
      path: { type: "string", pattern: "^/", description: "The resource path, e.g. /users/{id}." },
      httpMethod: { enum: [...HTTP_METHODS], description: "The HTTP method, upper case." },
      responses: { $ref: "#/$defs/responses" },
      exclusive: {
        type: "boolean",
        default: true,
        description: "True (default): live status codes and response kinds absent from responses are deleted. False: left alone.",
      },
    },
  };
}

/** JSON Schema (draft 2020-12) of one {@link MethodSpec}. */
export const methodSpecJsonSchema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "API Gateway method responses (one method)",
  ...methodSchema(true),
  $defs: definitions(),
};

/** JSON Schema (draft 2020-12) of a spec file `{ restApiId, region?, methods: [...] }` ({@link SpecFile}). */
export const specFileJsonSchema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "API Gateway method responses (spec file)",
  type: "object",
  additionalProperties: false,
  required: ["restApiId", "methods"],
  properties: {
    restApiId: { type: "string", minLength: 1, description: "The REST API id." },
    region: { type: "string", pattern: REGION_PATTERN, description: "The AWS region, e.g. eu-west-1." },
    methods: { type: "array", items: { $ref: "#/$defs/method" } },
  },
  $defs: { method: methodSchema(false), ...definitions() },
};

/** The exact text of `schema/spec.schema.json`: {@link specFileJsonSchema}, 2-space indented, with a final newline. */
export function specSchemaFileText(): string {
  return `${JSON.stringify(specFileJsonSchema, null, 2)}\n`;
}

/**
 * Write {@link specSchemaFileText} to `schema/spec.schema.json` under `packageRoot`
 * (the only function of this module with an effect; `fs` is loaded only when called).
 */
export function writeSpecSchemaFile(packageRoot: string): string {
  const fs = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  const file = path.join(packageRoot, SPEC_SCHEMA_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, specSchemaFileText());
  return file;
}

if (require.main === module) {
  // `node dist/schema.js` writes the committed schema file of the package.
  const path = require("node:path") as typeof import("node:path");
  process.stdout.write(`wrote ${writeSpecSchemaFile(path.resolve(__dirname, ".."))}\n`);
}
