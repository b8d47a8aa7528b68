import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { GATEWAY_RESPONSE_TYPES } from "../src/gateway-responses";
import { methodSpecJsonSchema, SPEC_SCHEMA_PATH, specFileJsonSchema, specSchemaFileText } from "../src/schema";
import { writeSpecSchemaFile } from "../tools/spec-schema";

const root = path.resolve(__dirname, "..");

/** Every value under `v` (depth first), with its JSON pointer. */
function walk(v: unknown, at = "#", out: [string, unknown][] = []): [string, unknown][] {
  out.push([at, v]);
  if (v !== null && typeof v === "object") for (const [k, c] of Object.entries(v)) walk(c, `${at}/${k}`, out);
  return out;
}

/** Resolve a local `$ref` in `doc`. */
function resolve(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), doc);
}

describe("JSON Schema", () => {
  it("the committed schema/spec.schema.json equals the schema generated from the zod model", () => {
    const file = path.join(root, SPEC_SCHEMA_PATH);
    // Rewrite the committed file with `node build/tools/spec-schema.js` (after `npx tsc -p tsconfig.tools.json`),
    // or `UPDATE_SCHEMA=1 npx vitest run test/schema.test.ts`.
    if (process.env.UPDATE_SCHEMA === "1") writeSpecSchemaFile(root);
    const text = fs.readFileSync(file, "utf8");
    expect(JSON.parse(text)).toEqual(specFileJsonSchema);
    expect(text).toBe(specSchemaFileText());
  });

  it.each([
    ["method spec", methodSpecJsonSchema],
    ["spec file", specFileJsonSchema],
  ])("%s: draft 2020-12, every $ref resolves, every pattern compiles", (_name, schema) => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const nodes = walk(schema);
    const refs = nodes.filter(([at]) => at.endsWith("/$ref")).map(([, v]) => v as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolve(schema, ref), ref).toBeTypeOf("object");
    const patterns = nodes.filter(([at]) => at.endsWith("/pattern")).map(([, v]) => v as string);
    expect(patterns.length).toBeGreaterThanOrEqual(4);
    for (const p of patterns) expect(() => new RegExp(p, "u")).not.toThrow();
  });

  it("closes every object (no unknown fields) and names the AWS enums", () => {
    const defs = specFileJsonSchema.$defs as Record<string, Record<string, unknown>>;
    for (const name of ["method", "methodResponse", "integrationResponse", "response"]) {
      expect(defs[name]?.additionalProperties, name).toBe(false);
    }
    expect(specFileJsonSchema.additionalProperties).toBe(false);
    const ir = defs.integrationResponse?.properties as Record<string, Record<string, unknown>>;
    expect(ir.contentHandling?.enum).toEqual(["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]);
    const statusCodes = (defs.responses?.propertyNames as { pattern: string }).pattern;
    expect(["200", "599", "101"].every((c) => new RegExp(statusCodes).test(c))).toBe(true);
    expect(["600", "099", "20", "wrong"].some((c) => new RegExp(statusCodes).test(c))).toBe(false);
    expect(defs.method?.required).toEqual(["httpMethod", "responses"]);
    expect(methodSpecJsonSchema.required).toEqual(["restApiId", "httpMethod", "responses"]);
  });

  it("says the gateway responses: the 21 types, closed objects, the patterns of AWS-39 and AWS-40", () => {
    const defs = specFileJsonSchema.$defs as Record<string, Record<string, unknown>>;
    const top = specFileJsonSchema.properties as Record<string, Record<string, unknown>>;
    expect(top.gatewayResponses).toEqual({ $ref: "#/$defs/gatewayResponses" });
    expect(top.gatewayResponsesExclusive).toMatchObject({ type: "boolean", default: true });
    expect(specFileJsonSchema.required).toEqual(["restApiId", "methods"]);
    // At least one method or gatewayResponses.
    expect(specFileJsonSchema.anyOf).toEqual([{ properties: { methods: { minItems: 1 } } }, { required: ["gatewayResponses"] }]);
    const types = defs.gatewayResponses?.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(types)).toEqual([...GATEWAY_RESPONSE_TYPES]);
    for (const t of GATEWAY_RESPONSE_TYPES) expect(types[t]?.$ref, t).toBe("#/$defs/gatewayResponse");
    expect(types.UNAUTHORIZED?.description).toContain("401");
    expect(defs.gatewayResponses?.additionalProperties).toBe(false);
    expect(defs.gatewayResponse?.additionalProperties).toBe(false);
    const fields = defs.gatewayResponse?.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(fields)).toEqual(["statusCode", "responseParameters", "responseTemplates"]);
    const code = new RegExp(fields.statusCode?.pattern as string, "u");
    expect(["401", "599"].every((c) => code.test(c))).toBe(true);
    expect(["600", "20", ""].some((c) => code.test(c))).toBe(false);
    const params = fields.responseParameters as { propertyNames: { pattern: string }; additionalProperties: { pattern: string } };
    const key = new RegExp(params.propertyNames.pattern, "u");
    const value = new RegExp(params.additionalProperties.pattern, "u");
    expect(["gatewayresponse.header.Access-Control-Allow-Origin", "gatewayresponse.header.method.response.header.X", "gatewayresponse.querystring.q"].every((k) => key.test(k))).toBe(true);
    expect(["method.response.header.X", "gatewayresponse.header.", "gatewayresponse.body.x"].some((k) => key.test(k))).toBe(false);
    expect(["'*'", "method.request.header.origin", "method.request.path.id"].every((v) => value.test(v))).toBe(true);
    expect(["test-value", "stageVariables.x", "context.requestId", "'open"].some((v) => value.test(v))).toBe(false);
  });
});
