/**
 * The JSON Schema (schema/spec.schema.json, generated from the zod model by src/schema.ts)
 * and the validator (src/validate.ts) agree (issue 16). The validator's own tables of good
 * and bad inputs go through ajv (draft 2020-12):
 *
 * - every input the validator accepts is valid for the schema (an editor never flags a file
 *   the tool takes);
 * - every input the validator refuses for a structural reason the schema can say (types,
 *   enums, patterns, unknown fields, required fields) is invalid for the schema too;
 * - the inputs the validator refuses for a reason JSON Schema cannot say are listed by name
 *   in {@link VALIDATOR_ONLY}, each with the reason, and the schema must accept exactly
 *   those: a case that leaves the list, or one the schema starts to refuse, fails here.
 *
 * Then a property: random spec files that the validator accepts, the schema accepts.
 *
 * Left out on purpose: the command-line corpora of test/validate/bad-input.emulator.test.ts
 * (bytes: duplicate keys, encodings, nesting depth, YAML aliases are about parsing the file,
 * before there is a JSON value to validate; their gateway-response files repeat the cases of
 * test/support/gateway-response-cases.ts).
 */
import Ajv2020 from "ajv/dist/2020";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GATEWAY_RESPONSE_TYPES } from "../src/gateway-responses";
import { methodSpecJsonSchema, specFileJsonSchema } from "../src/schema";
import { type ValidateOptions, validateMethodSpec, validateSpecFile } from "../src/validate";
import type { NormalizedResponses } from "../src/model";
import { CODES, consistentResponsesArb, CONTENT_TYPES, HEADERS, integrationResponseArb, mapOf, methodResponseArb } from "./support/arbitraries";
import { badInputCorpus, JAVA_ONLY_REGEX_ERRORS } from "./support/bad-input-corpus";
import * as gateway from "./support/gateway-response-cases";
import * as method from "./support/validate-cases";

// Strict about unknown keywords and formats (strictSchema); the anyOf/oneOf branches zod writes ("required" of a
// property the parent defines, "minItems" without a "type") are valid JSON Schema that only ajv's lint refuses.
const ajv = new Ajv2020({ strictSchema: true, strictTypes: false, strictRequired: false, allErrors: true });
const checkMethod = ajv.compile(methodSpecJsonSchema);
const checkFile = ajv.compile(specFileJsonSchema);

/** The input as the schema sees it: a JSON document (what a spec file parses to). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** The schema's verdict: true when valid, else the errors (for the message). */
function schemaVerdict(check: typeof checkMethod, v: unknown): true | string {
  return check(asJson(v)) ? true : ajv.errorsText(check.errors);
}

const CROSS_FIELD_HEADERS = "AWS-4/AWS-5: which headers an integration response may map depends on the method response of the same code";
const ONE_DEFAULT = "AWS-6: at most one default integration response, across the status codes";
const JAVA_REGEX = "AWS-29: whether Java's Pattern.compile accepts the selection pattern (JSON Schema patterns are ECMAScript regular expressions)";
const TEMPLATE_BYTES = "AWS-65: the size limit is in UTF-8 bytes; maxLength counts code points";
const CONTROL = "control characters: the schema's strings say no character class (a pattern on every string would drown the editor's messages)";
const SURROGATE = "a lone surrogate is not text: it cannot be sent as UTF-8, and JSON Schema has no word for well-formed Unicode";

/** Method specs (test/support/validate-cases.ts, test/support/bad-input-corpus.ts) refused by the validator only: name → why. */
const VALIDATOR_ONLY_METHODS: Record<string, string> = {
  "restApiId with a newline": CONTROL,
  "selectionPattern that does not compile": JAVA_REGEX,
  "selectionPattern with an unterminated class": JAVA_REGEX,
  "selectionPattern [^] (JavaScript-only)": JAVA_REGEX,
  "mapping value with a control character": CONTROL,
  "mapping of an undeclared header (AWS-5)": CROSS_FIELD_HEADERS,
  "mapping of a header declared with another case (AWS-5)": CROSS_FIELD_HEADERS,
  "mapping with a methodResponse without parameters (AWS-5)": CROSS_FIELD_HEADERS,
  "mapping without any methodResponse, full set (AWS-4)": `${CROSS_FIELD_HEADERS}; and only with the option requireMethodResponseForMappings`,
  "template too large": TEMPLATE_BYTES,
  "template with a NUL": CONTROL,
  "two default integration responses (AWS-6)": ONE_DEFAULT,
  "corpus: mapping a header the method response does not declare": CROSS_FIELD_HEADERS,
  "corpus: mapping a header declared with other letter case": CROSS_FIELD_HEADERS,
  "corpus: two default integration responses": ONE_DEFAULT,
  'corpus: default as "" and as absent': ONE_DEFAULT,
  "corpus: selectionPattern does not compile": JAVA_REGEX,
  "corpus: selectionPattern starting with *": JAVA_REGEX,
  ...Object.fromEntries(JAVA_ONLY_REGEX_ERRORS.map((p) => [`corpus: selectionPattern ${JSON.stringify(p)} (Java refuses it)`, JAVA_REGEX])),
  "corpus: template over 300 KB": TEMPLATE_BYTES,
  "corpus: multi-byte template over 300 KB in UTF-8": TEMPLATE_BYTES,
  "corpus: NUL in resourceId": CONTROL,
  "corpus: newline in a model name": CONTROL,
  "corpus: BEL in a template": CONTROL,
  "corpus: control character in a static value": CONTROL,
  "corpus: lone surrogate in a template": SURROGATE,
  "corpus: lone surrogate in a selectionPattern": SURROGATE,
  "corpus: lone surrogate in restApiId": SURROGATE,
};

/** Spec files (test/support/gateway-response-cases.ts) refused by the validator only: name → why. */
const VALIDATOR_ONLY_FILES: Record<string, string> = {
  "value with a control character": CONTROL,
  "value with a lone surrogate": SURROGATE,
  "template over the size limit": TEMPLATE_BYTES,
  "multi-byte template over the size limit in UTF-8": TEMPLATE_BYTES,
  "template with a NUL": CONTROL,
  "template with a lone surrogate": SURROGATE,
};

const corpus = badInputCorpus(() => ({ restApiId: "a1b2c3", resourceId: "r1" }));

describe("JSON Schema and validator agree: method specs", () => {
  const bad: [string, unknown, ValidateOptions | undefined][] = [
    ...method.bad.map((c): [string, unknown, ValidateOptions | undefined] => [c.name, c.spec, c.options]),
    ...corpus.map(([name, make]): [string, unknown, ValidateOptions | undefined] => [`corpus: ${name}`, make(), undefined]),
  ];

  it("the case names are unique, and every validator-only name is a case", () => {
    const names = bad.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(VALIDATOR_ONLY_METHODS)) expect(names, name).toContain(name);
  });

  it.each(method.good)("accepted by both: %s", (_name, spec, options) => {
    expect(validateMethodSpec(spec, options)).toEqual([]);
    expect(schemaVerdict(checkMethod, spec)).toBe(true);
  });

  it.each(bad)("refused: %s", (name, spec, options) => {
    expect(validateMethodSpec(spec, options).length, "the validator refuses it").toBeGreaterThan(0);
    const why = VALIDATOR_ONLY_METHODS[name];
    if (why === undefined) expect(schemaVerdict(checkMethod, spec), "the schema refuses it too").not.toBe(true);
    else expect(schemaVerdict(checkMethod, spec), `validator only (${why}): the schema accepts it`).toBe(true);
  });
});

describe("JSON Schema and validator agree: spec files with gateway responses", () => {
  it("every validator-only name is a case", () => {
    const names = gateway.bad.map((c) => c.name);
    for (const name of Object.keys(VALIDATOR_ONLY_FILES)) expect(names, name).toContain(name);
  });

  it.each(gateway.good)("accepted by both: %s", (_name, file) => {
    expect(validateSpecFile(file)).toEqual([]);
    expect(schemaVerdict(checkFile, file)).toBe(true);
  });

  it.each(gateway.bad.map((c) => [c.name, c.file] as const))("refused: %s", (name, file) => {
    expect(validateSpecFile(file).length, "the validator refuses it").toBeGreaterThan(0);
    const why = VALIDATOR_ONLY_FILES[name];
    if (why === undefined) expect(schemaVerdict(checkFile, file), "the schema refuses it too").not.toBe(true);
    else expect(schemaVerdict(checkFile, file), `validator only (${why}): the schema accepts it`).toBe(true);
  });
});

// ------------------------------------------------------------------ random spec files

/** Mostly `good` values, sometimes one of `bad` (wrong type, case, pattern). */
const mostly = <T>(good: readonly T[], bad: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

/** `record` without the fields whose value is undefined (absent, as in a parsed file). */
const present = (record: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Mostly absent. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
/** A map over a subset of `good` keys, sometimes of `good` and `bad` keys. */
const mapMostly = <T>(good: readonly string[], bad: readonly string[], value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: mapOf(good, value) }, { weight: 1, arbitrary: mapOf([...good, ...bad], value) });

/** The responses of a method: the shared arbitraries of normalized responses, with a bad status code now and then. */
const responsesArb = mapMostly(
  CODES,
  ["600", "20"],
  fc
    .record({
      methodResponse: maybe(methodResponseArb),
      integrationResponse: maybe(fc.oneof({ weight: 6, arbitrary: integrationResponseArb() }, { weight: 1, arbitrary: integrationResponseArb([...HEADERS, "method.request.header.X"]) })),
    })
    .map(present),
);

/** `responses` with the selection pattern "-" (AWS-17) of the shared arbitraries left out. */
function withoutDashPatterns(responses: NormalizedResponses): unknown {
  return Object.fromEntries(
    Object.entries(responses).map(([code, r]) => {
      const ir = r.integrationResponse;
      if (ir?.selectionPattern !== "-") return [code, r];
      const { selectionPattern: _dash, ...rest } = ir;
      return [code, { ...r, integrationResponse: { ...rest, selectionPattern: code } }];
    }),
  );
}

const methodArb = fc
  .record({
    restApiId: maybe(mostly(["a1b2c3"], ["", 42])),
    resource: mostly<Record<string, unknown>>([{ resourceId: "r1" }, { resourceId: "r2" }, { path: "/users/{id}" }], [{ path: "users" }, { resourceId: "r1", path: "/x" }, {}]),
    httpMethod: mostly(["GET", "POST", "ANY", "OPTIONS"], ["get", "FETCH", 1]),
    // Mostly responses AWS could hold (AWS-4..AWS-6), with "-" patterns turned into the default.
    responses: fc.oneof(
      { weight: 6, arbitrary: consistentResponsesArb.map(withoutDashPatterns) },
      { weight: 3, arbitrary: responsesArb },
      { weight: 1, arbitrary: fc.constantFrom<unknown>([], "200") },
    ),
    exclusive: maybe(mostly([true, false], ["yes"])),
    extra: rarely(fc.constant({ stage: "prod" })),
  })
  .map(({ resource, extra, ...rest }) => present({ ...rest, ...(resource as object), ...(extra ?? {}) }));

const ORIGIN = "gatewayresponse.header.Access-Control-Allow-Origin";
const gatewayResponseArb = fc
  .record({
    statusCode: maybe(mostly(["401", "403", "599"], ["600", 401])),
    responseParameters: maybe(
      mapMostly(
        [ORIGIN, "gatewayresponse.querystring.q", "gatewayresponse.path.id"],
        ["method.response.header.X"],
        mostly(["'*'", "''", "method.request.header.origin", "method.request.path.id"], ["context.requestId", "test-value", true]),
      ),
    ),
    responseTemplates: maybe(mapMostly(CONTENT_TYPES, ["json"], mostly(["", "{}", '{"message":$context.error.messageString}'], [1]))),
  })
  .map(present);

const specFileArb = fc
  .record({
    restApiId: mostly(["a1b2c3"], ["", 42]),
    region: maybe(mostly(["eu-west-1", "us-east-1"], ["Europe", ""])),
    methods: fc.array(methodArb, { maxLength: 2 }),
    gatewayResponses: maybe(mapMostly(GATEWAY_RESPONSE_TYPES.slice(0, 6), ["NOT_FOUND", "default_4xx"], gatewayResponseArb)),
    gatewayResponsesExclusive: maybe(mostly([true, false], ["yes"])),
  })
  .map(present);

describe("JSON Schema and validator agree: random spec files", () => {
  it("when the validator accepts a spec file, the schema accepts it", () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(specFileArb, (file) => {
        runs++;
        if (validateSpecFile(file).length > 0) return;
        accepted++;
        expect(schemaVerdict(checkFile, file)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: a fair share of the files is valid (and the rest exercises the refusals).
    expect(accepted).toBeGreaterThan(runs / 10);
    expect(accepted).toBeLessThan(runs);
  });
});
