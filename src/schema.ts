/**
 * JSON Schemas (draft 2020-12) of the desired-state model, for users' editors
 * (YAML language servers, VS Code) to validate spec files against. They are generated
 * with `z.toJSONSchema` from the zod schemas of `spec-model.ts`, the one source of the
 * model: the same fields, types, enums, patterns and descriptions as the structural
 * checks of validation. The rules JSON Schema cannot say (AWS-4/AWS-5 header
 * declarations, AWS-6 one default, selection patterns that Java compiles (AWS-29),
 * template sizes, control characters) are only checked by `validateMethodSpec`.
 *
 * The spec file schema is committed as `schema/spec.schema.json` (point an editor at it,
 * e.g. `# yaml-language-server: $schema=./schema/spec.schema.json`), and
 * `apigw-responses schema` prints it. To rewrite the committed file after a change to the
 * model: `npx tsc -p tsconfig.tools.json && node build/tools/spec-schema.js`
 * (test/schema.test.ts fails while the committed file differs).
 */
import { z } from "zod";
import { methodSpecSchema, specFileSchema } from "./spec-model";

/** A JSON Schema document or subschema (plain JSON data). */
export type JsonSchema = { readonly [key: string]: unknown };

/** Where the spec file schema is committed, relative to the package root. */
export const SPEC_SCHEMA_PATH = "schema/spec.schema.json";

/** The JSON Schema of a zod schema of the model: draft 2020-12, the input side (what users write). */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    // A RegExp's source escapes "/" ("\/"); a JSON Schema pattern needs no escape: keep the patterns as grammar.ts writes them.
    override: ({ jsonSchema }) => {
      if (typeof jsonSchema.pattern === "string") jsonSchema.pattern = jsonSchema.pattern.replace(/\\\//g, "/");
    },
  }) as JsonSchema;
}

/** JSON Schema (draft 2020-12) of one {@link MethodSpec}. */
export const methodSpecJsonSchema: JsonSchema = jsonSchemaOf(methodSpecSchema);

/** JSON Schema (draft 2020-12) of a spec file `{ restApiId, region?, methods: [...] }` ({@link SpecFile}). */
export const specFileJsonSchema: JsonSchema = jsonSchemaOf(specFileSchema);

/** The exact text of `schema/spec.schema.json`: {@link specFileJsonSchema}, 2-space indented, with a final newline. */
export function specSchemaFileText(): string {
  return `${JSON.stringify(specFileJsonSchema, null, 2)}\n`;
}
