import { describe, expect, it } from "vitest";
import type { ValidationFailure } from "../../src/model";
import {
  methodSpecsOfFile,
  type ValidateOptions,
  validateGatewayResponse,
  validateGatewayResponses,
  validateMethodSpec,
  validateSpecFile,
  validateSpecs,
  ValidationError,
  validSpecs,
} from "../../src/validate";
import { MAX_TEMPLATE_BYTES } from "../../src/validate/grammar";
import { bad, base, good, P, withIr, withMr, withResponses } from "../support/validate-cases";
import { expectOnlyFailure, failure } from "../support/failures";

describe("validateMethodSpec: bad inputs", () => {
  it("has at least 40 cases", () => {
    expect(bad.length).toBeGreaterThanOrEqual(40);
  });

  it.each(bad.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expectOnlyFailure(validateMethodSpec(c.spec, c.options), c.property, c.reason);
  });
});

describe("validateMethodSpec: good inputs", () => {
  it.each(good)("%s", (_name, spec, options) => {
    expect(validateMethodSpec(spec, options)).toEqual([]);
  });

  it("reports every failure, not only the first", () => {
    const failures = validateMethodSpec({
      restApiId: "",
      httpMethod: "get",
      responses: { "600": { integrationResponse: { selectionPattern: "-", contentHandling: "X" } } },
    });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "httpMethod",
      "resourceId",
      "responses.600",
      "responses.600.integrationResponse.contentHandling",
      "responses.600.integrationResponse.selectionPattern",
      "restApiId",
    ]);
  });

  it("truncates long values in messages", () => {
    const [f] = validateMethodSpec({ ...base(), httpMethod: "X".repeat(500) });
    expect(f?.reason.length).toBeLessThan(200);
    expect(f?.reason).toContain("...");
  });
});

describe("validateSpecs", () => {
  it("prefixes properties with methods[i]", () => {
    const failures = validateSpecs([base(), { ...base(), resourceId: "r2", httpMethod: "get" }]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.property).toBe("methods[1].httpMethod");
  });

  it("reports a duplicate method at its second occurrence", () => {
    const failures = validateSpecs([base(), { ...base(), resourceId: "r2" }, base()]);
    expect(failures).toEqual([{ property: "methods[2]", reason: expect.stringContaining("duplicate method GET id:r1 in rest api a1b2c3") }]);
    expect(failures[0]?.reason).toContain("methods[0]");
  });

  it("does not treat GET and ANY, or two paths, as duplicates", () => {
    expect(validateSpecs([base(), { ...base(), httpMethod: "ANY" }])).toEqual([]);
  });

  it("accepts an empty list", () => {
    expect(validateSpecs([])).toEqual([]);
  });
});

describe("validateSpecFile", () => {
  const method = (({ restApiId: _r, ...s }) => s)(base());
  it("accepts methods without restApiId and fills it in", () => {
    const file = { restApiId: "api1", region: "eu-west-1", methods: [method] };
    expect(validateSpecFile(file)).toEqual([]);
    expect(methodSpecsOfFile(file as never)[0]?.restApiId).toBe("api1");
  });

  it("reports file-level and method-level failures", () => {
    const failures = validateSpecFile({ region: "", methods: [method, { ...method, httpMethod: "get" }, method], extra: 1 });
    expect(failures.map((f) => f.property).sort()).toEqual(["extra", "methods[1].httpMethod", "methods[2]", "region", "restApiId"]);
  });

  it("requires methods to be an array", () => {
    expect(validateSpecFile({ restApiId: "a", methods: {} })).toEqual([
      { property: "methods", reason: expect.stringContaining("methods must be an array") },
    ]);
  });
});

describe("validateMethodSpec: selectionPattern follows Java's grammar, not JavaScript's (AWS-29)", () => {
  const SP = "responses.200.integrationResponse.selectionPattern";

  // [pattern, words of the rule]; Java 17's Pattern.compile refuses each (test/java-regex.test.ts checks them against the JVM).
  const refused: [string, string][] = [
    ["{abc}", "{n}, {n,} or {n,m}"],
    ["x{,3}", "{,m} is not one"],
    ["\\k", "\\k must be followed by <name>"],
    ["a{", "{n}, {n,} or {n,m}"],
    ["(?<my_name>x)", 'no "_"'],
    ["\\u{1F600}", "Java has no \\u{...}"],
    ["a{2,1}", "n <= m"],
    ["\\y", "Java escape"],
    ["a**", "one quantifier per atom"],
    ["(?<=(?:ab)+)c", "obvious maximum length"],
    ["\\k<nope>(?<nope>x)", "opened before it"],
    ["\\p{alpha}", "POSIX class"],
  ];
  it.each(refused)("%j is refused, the rule named", (pattern, rule) => {
    const failures = validateMethodSpec(withIr({ selectionPattern: pattern }));
    expect(failures.map((f) => f.property)).toEqual([SP]);
    const reason = failures[0]!.reason;
    expect(reason).toContain(`selectionPattern ${JSON.stringify(pattern)} is not a valid regular expression`);
    expect(reason).toContain(rule);
    expect(reason).toContain("AWS-29");
  });

  it.each(["a{1,2}{3}", "{3}", "a*{2}", "[a-z&&[^aeiou]]", "(?<name1>x)\\k<name1>", "\\p{IsLatin}\\p{InBasicLatin}", "(?<=4\\d\\d)x", "}"])(
    "%j is accepted, as Java accepts it",
    (pattern) => {
      expect(validateMethodSpec(withIr({ selectionPattern: pattern }))).toEqual([]);
    },
  );

  it("keeps the message short when Java's description quotes a long part of the pattern", () => {
    const [f] = validateMethodSpec(withIr({ selectionPattern: `\\p{${"x".repeat(5000)}}` }));
    expect(f?.reason).toContain("is not a valid regular expression");
    expect(f?.reason).toContain("AWS-29");
    expect(f?.reason.length).toBeLessThan(500);
  });

  it("does not quote a secret pattern, nor any part of it", () => {
    const [f] = validateMethodSpec(withIr({ selectionPattern: "(?<my_secret>x)" }), { hideValues: true });
    expect(f?.property).toBe(SP);
    expect(f?.reason).toContain("selectionPattern (a secret value) is not a valid regular expression");
    expect(f?.reason).toContain("AWS-29");
    expect(f?.reason).not.toContain("my_secret");
    const [g] = validateMethodSpec(withIr({ selectionPattern: "(?<a>x)\\k<hunter2>" }), { hideValues: true });
    expect(g?.reason).not.toContain("hunter2");
  });
});

/** [name, input, every failure in order, options]: the failures are compared whole, word for word. */
type Row = [name: string, input: unknown, expected: readonly ValidationFailure[], options?: ValidateOptions];

const METHODS = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY";
const MR = "responses.200.methodResponse";
const IR = "responses.200.integrationResponse";
const LONE = "is not valid Unicode (a lone surrogate): it cannot be sent as UTF-8";
const QUOTA = `(kept within API Gateway's mapping template size quota, "Quotas for configuring and running a REST API", AWS-65)`;
const without = (key: string) => Object.fromEntries(Object.entries(base()).filter(([k]) => k !== key));

describe("validateMethodSpec: every failure, word for word", () => {
  const rows: Row[] = [
    // the spec itself
    ["a string", "GET /x", [failure("", 'a method spec must be an object, got string "GET /x"')]],
    ["undefined", undefined, [failure("", "a method spec must be an object, got undefined undefined")]],
    ["an array", [], [failure("", "a method spec must be an object, got array []")]],
    ["an unknown field", { ...base(), stage: "prod" }, [failure("stage", 'unknown field "stage" in a method spec (allowed: restApiId, resourceId, path, httpMethod, responses, exclusive)')]],
    // restApiId
    ["restApiId missing", without("restApiId"), [failure("restApiId", "restApiId is required")]],
    // Given, as `undefined`: a program's unset input. Not "required": the field is there.
    ["restApiId given as undefined", { ...base(), restApiId: undefined }, [failure("restApiId", "restApiId must be a string, got undefined undefined")]],
    ["restApiId a number", { ...base(), restApiId: 42 }, [failure("restApiId", "restApiId must be a string, got number 42")]],
    // JSON cannot say a bigint: it is shown as text.
    ["restApiId a bigint", { ...base(), restApiId: 10n }, [failure("restApiId", "restApiId must be a string, got bigint 10")]],
    ["restApiId empty", { ...base(), restApiId: "" }, [failure("restApiId", "restApiId must be a non-empty string")]],
    ["restApiId with a newline", { ...base(), restApiId: "a\nb" }, [failure("restApiId", 'restApiId "a\\nb" must not contain control characters')]],
    // resourceId and path
    ["both resourceId and path", { ...base(), path: "/users" }, [failure("path", "give exactly one of resourceId and path, not both")]],
    ["neither resourceId nor path", without("resourceId"), [failure("resourceId", "one of resourceId and path is required to name the resource")]],
    ["resourceId given as undefined, and a path", { ...base(), resourceId: undefined, path: "/users" }, []],
    ["path given as undefined, and a resourceId", { ...base(), path: undefined }, []],
    ["path without a leading slash", { ...without("resourceId"), path: "users" }, [failure("path", 'path "users" must start with "/"')]],
    ["resourceId empty", { ...base(), resourceId: "" }, [failure("resourceId", "resourceId must be a non-empty string")]],
    // Every string under the spec is checked for lone surrogates, in arrays too.
    [
      "resourceId an array holding a lone surrogate",
      { ...base(), resourceId: ["ok", "\ud800"] },
      [failure("resourceId[1]", `"\\ud800" ${LONE}`), failure("resourceId", 'resourceId must be a string, got array ["ok","\\ud800"]')],
    ],
    // exclusive
    ["exclusive a string", { ...base(), exclusive: "yes" }, [failure("exclusive", 'exclusive must be a boolean, got string "yes"')]],
    // responses and status codes (AWS-7)
    ["responses missing", without("responses"), [failure("responses", "responses is required (status code → { methodResponse?, integrationResponse? })")]],
    ["responses an array", withResponses([]), [failure("responses", "responses must be an object (a map), got array []")]],
    ["status code 600", withResponses({ "600": {} }), [failure("responses.600", 'status code "600" must match [1-5]\\d\\d (AWS-7)')]],
    [
      "a status code that is a lone surrogate",
      withResponses({ "\ud800": {} }),
      [failure("responses.\ud800", `the key "\\ud800" ${LONE}`), failure("responses.\ud800", 'status code "\\ud800" must match [1-5]\\d\\d (AWS-7)')],
    ],
    [
      "a status code's responses a boolean",
      withResponses({ "200": true }),
      [failure("responses.200", "the responses of status code 200 must be an object { methodResponse?, integrationResponse? }, got boolean true")],
    ],
    [
      "a status code's responses null",
      withResponses({ "200": null }),
      [failure("responses.200", "the responses of status code 200 must be an object { methodResponse?, integrationResponse? }, got null null")],
    ],
    [
      "an unknown kind of response",
      withResponses({ "200": { gatewayResponse: {} } }),
      [failure("responses.200.gatewayResponse", 'unknown field "gatewayResponse" in status code 200 (allowed: methodResponse, integrationResponse)')],
    ],
    // methodResponse
    ["methodResponse a string", withMr("yes"), [failure(MR, 'methodResponse must be an object, got string "yes"')]],
    ["an unknown methodResponse field", withMr({ statusCode: "200" }), [failure(`${MR}.statusCode`, 'unknown field "statusCode" in methodResponse (allowed: responseParameters, responseModels)')]],
    ["responseParameters an array", withMr({ responseParameters: [] }), [failure(`${MR}.responseParameters`, "responseParameters must be an object (a map), got array []")]],
    [
      "a method response parameter the string true",
      withMr({ responseParameters: { [P]: "true" } }),
      [failure(`${MR}.responseParameters.${P}`, `method response parameter ${P} must be a boolean (required or not), got string "true" (AWS-24)`)],
    ],
    [
      "a method response parameter key of the request",
      withMr({ responseParameters: { "method.request.header.X": true } }),
      [
        failure(
          `${MR}.responseParameters.method.request.header.X`,
          'response parameter key "method.request.header.X" must be method.response.header.{name} with {name} a valid HTTP header name (AWS-28)',
        ),
      ],
    ],
    [
      "a model key that is not a content type",
      withMr({ responseModels: { json: "Empty" } }),
      [failure(`${MR}.responseModels.json`, 'responseModels key "json" must be a content type such as "application/json" (type/subtype)')],
    ],
    ["a model name a number", withMr({ responseModels: { "application/json": 1 } }), [failure(`${MR}.responseModels.application/json`, "model name for application/json must be a string, got number 1")]],
    ["a model name empty", withMr({ responseModels: { "application/json": "" } }), [failure(`${MR}.responseModels.application/json`, "model name for application/json must be a non-empty string")]],
    [
      "a model name with a newline",
      withMr({ responseModels: { "application/json": "Empty\n" } }),
      [failure(`${MR}.responseModels.application/json`, 'model name for application/json "Empty\\n" must not contain control characters')],
    ],
    // integrationResponse
    ["integrationResponse null", withIr(null), [failure(IR, "integrationResponse must be an object, got null null")]],
    [
      "an unknown integrationResponse field",
      withIr({ statusCode: "200" }),
      [failure(`${IR}.statusCode`, 'unknown field "statusCode" in integrationResponse (allowed: selectionPattern, responseParameters, responseTemplates, contentHandling)')],
    ],
    [
      "contentHandling unknown",
      withIr({ contentHandling: "CONVERT_TO_JSON" }),
      [failure(`${IR}.contentHandling`, 'contentHandling "CONVERT_TO_JSON" must be one of CONVERT_TO_BINARY, CONVERT_TO_TEXT; omit it for pass-through (AWS-27)')],
    ],
    ["a mapping value a boolean", withIr({ responseParameters: { [P]: true } }), [failure(`${IR}.responseParameters.${P}`, `mapping expression for ${P} must be a string, got boolean true (AWS-28)`)]],
    [
      "a mapping value with a control character",
      withIr({ responseParameters: { [P]: "'a\u0001b'" } }),
      [failure(`${IR}.responseParameters.${P}`, `mapping expression "'a\\u0001b'" for ${P} must not contain control characters`)],
    ],
    [
      "a mapping value unquoted",
      withIr({ responseParameters: { [P]: "abc" } }),
      [
        failure(
          `${IR}.responseParameters.${P}`,
          `mapping expression "abc" for ${P} must be integration.response.header.{name}, integration.response.body, ` +
            `integration.response.body.{JSON-expression} (no "$"), or a static value in single quotes '...' (AWS-28)`,
        ),
      ],
    ],
    [
      "a template null",
      withIr({ responseTemplates: { "application/json": null } }),
      [failure(`${IR}.responseTemplates.application/json`, 'template for application/json must be a string ("" passes the body through, AWS-16), got null null')],
    ],
    [
      "a template with a NUL",
      withIr({ responseTemplates: { "application/json": "a\u0000b" } }),
      [failure(`${IR}.responseTemplates.application/json`, 'template "a\\u0000b" for application/json must not contain control characters other than tab, newline and carriage return')],
    ],
    [
      "a template over the limit",
      withIr({ responseTemplates: { "application/json": "€".repeat(MAX_TEMPLATE_BYTES / 3 + 1) } }),
      [failure(`${IR}.responseTemplates.application/json`, `template for application/json is ${MAX_TEMPLATE_BYTES + 3} bytes; the limit is ${MAX_TEMPLATE_BYTES} bytes ${QUOTA}`)],
    ],
    // A lower limit applies to strings only: a template that is not a string is refused for its type alone.
    [
      "templates against a lower limit",
      withIr({ responseTemplates: { "application/json": 12345, "text/plain": "abcd", "text/html": "abc" } }),
      [
        failure(`${IR}.responseTemplates.application/json`, 'template for application/json must be a string ("" passes the body through, AWS-16), got number 12345'),
        failure(`${IR}.responseTemplates.text/plain`, `template for text/plain is 4 bytes; the limit is 3 bytes ${QUOTA}`),
      ],
      { maxTemplateBytes: 3 },
    ],
    // header mappings (AWS-4, AWS-5)
    [
      "a mapping of a header the method response does not declare",
      withIr({ responseParameters: { "method.response.header.X-Other": "'a'" } }),
      [failure(`${IR}.responseParameters.method.response.header.X-Other`, "maps method.response.header.X-Other but responses.200.methodResponse.responseParameters does not declare it (AWS-5)")],
    ],
    [
      "a mapping of a header declared with another case",
      withIr({ responseParameters: { "method.response.header.x-trace": "'a'" } }),
      [
        failure(
          `${IR}.responseParameters.method.response.header.x-trace`,
          `maps method.response.header.x-trace but responses.200.methodResponse.responseParameters does not declare it (it declares ${P}: names must match exactly) (AWS-5)`,
        ),
      ],
    ],
    [
      "a mapping without a methodResponse, for a full set",
      withResponses({ "200": { integrationResponse: { responseParameters: { [P]: "'a'" } } } }),
      [failure(`${IR}.responseParameters.${P}`, `maps ${P} but status code 200 has no methodResponse to declare it (AWS-4)`)],
      { requireMethodResponseForMappings: true },
    ],
    // defaults (AWS-6), selection patterns (AWS-17, AWS-29)
    [
      "three default integration responses",
      withResponses({ "200": { integrationResponse: {} }, "400": { integrationResponse: { selectionPattern: "" } }, "500": { integrationResponse: {} } }),
      [
        failure("responses.400.integrationResponse.selectionPattern", 'status codes 200 and 400 are both the default integration response (selectionPattern absent or ""); at most one per method (AWS-6)'),
        failure("responses.500.integrationResponse.selectionPattern", 'status codes 200 and 500 are both the default integration response (selectionPattern absent or ""); at most one per method (AWS-6)'),
      ],
    ],
    ["selectionPattern a number", withIr({ selectionPattern: 400 }), [failure(`${IR}.selectionPattern`, "selectionPattern must be a string, got number 400")]],
    [
      'selectionPattern "-"',
      withIr({ selectionPattern: "-" }),
      [
        failure(
          `${IR}.selectionPattern`,
          'selectionPattern "-" is not a default marker: omit selectionPattern or use "" for the default response; "-" would match only a literal "-" and cause a perpetual diff (AWS-17)',
        ),
      ],
    ],
  ];

  it.each(rows)("%s", (_name, input, expected, options) => {
    expect(validateMethodSpec(input, options)).toEqual(expected);
  });
});

describe("validateMethodSpec: a selection pattern Java refuses, with Java's words and index (AWS-29)", () => {
  const SP = `${IR}.selectionPattern`;
  const GROUP_NAME = 'a group name holds ASCII letters and digits only (no "_") and ends with ">"';
  const rows: Row[] = [
    // The index is shown when it is 0 too.
    [
      "an error at index 0",
      withIr({ selectionPattern: "*a" }),
      [
        failure(
          SP,
          'selectionPattern "*a" is not a valid regular expression: *, + and ? must follow something to repeat, one quantifier per atom ' +
            "(then optionally ? for lazy or + for possessive); write \\*, \\+ or \\? for the character " +
            `(Java: "Dangling meta character '*'" at index 0; AWS-29)`,
        ),
      ],
    ],
    [
      "an error at index 5",
      withIr({ selectionPattern: "(?<my_name>x)" }),
      [failure(SP, `selectionPattern "(?<my_name>x)" is not a valid regular expression: ${GROUP_NAME} (Java: "named capturing group is missing trailing '>'" at index 5; AWS-29)`)],
    ],
    // Java's description and index may quote the pattern: both left out.
    ["a hidden pattern", withIr({ selectionPattern: "(?<my_name>x)" }), [failure(SP, `selectionPattern (a secret value) is not a valid regular expression: ${GROUP_NAME} (AWS-29)`)], { hideValues: true }],
    // Too deep for the checker's stack, as for Java's: no index to give.
    [
      "groups nested too deeply",
      withIr({ selectionPattern: "(".repeat(100_000) + ")".repeat(100_000) }),
      [
        failure(
          SP,
          `selectionPattern "${"(".repeat(56)}... is not a valid regular expression: the pattern must not nest groups this deeply (Java compiles it on its call stack) ` +
            '(Java: "Stack overflow during pattern compilation"; AWS-29)',
        ),
      ],
    ],
  ];

  it.each(rows)("%s", (_name, input, expected, options) => {
    expect(validateMethodSpec(input, options)).toEqual(expected);
  });
});

describe("validateMethodSpec: how a value is shown", () => {
  const shown = (httpMethod: unknown) => validateMethodSpec({ ...base(), httpMethod })[0]?.reason.replace(` must be one of ${METHODS}`, "").replace(/^httpMethod /, "");

  it.each([
    ["a string, as JSON", "FETCH", '"FETCH"'],
    // 60 characters at most: 58 characters and the quotes are shown whole, one more is cut to 57 and "...".
    ["60 characters, whole", "X".repeat(58), `"${"X".repeat(58)}"`],
    ["61 characters, cut", "X".repeat(59), `"${"X".repeat(56)}...`],
    ["a bidirectional control, escaped", "G\u202eET", '"G\\u202eET"'],
    ["null", null, "null"],
    ["an array", ["GET", 1], '["GET",1]'],
    ["an object", { a: [true] }, '{"a":[true]}'],
    ["a bigint, as text", 5n, "5"],
  ])("%s", (_name, value, expected) => {
    expect(shown(value)).toBe(expected);
  });
});

describe("validateSpecs: every failure, word for word", () => {
  const byPath = (path: string) => ({ ...without("resourceId"), path });
  const rows: Row[] = [
    ["not an array", "GET /x", [failure("methods", "methods must be an array, got string")]],
    ["a method null", [null], [failure("methods[0]", "a method spec must be an object, got null null")]],
    ["the same resource id twice", [base(), base()], [failure("methods[1]", "duplicate method GET id:r1 in rest api a1b2c3: already given as methods[0]")]],
    ["the same path twice", [byPath("/x"), byPath("/y"), byPath("/x")], [failure("methods[2]", "duplicate method GET path:/x in rest api a1b2c3: already given as methods[0]")]],
    ["the same resource in two REST APIs", [base(), { ...base(), restApiId: "other" }], []],
    ["a resource id and a path (not compared)", [base(), byPath("/r1")], []],
    // A method whose identity is incomplete is compared with none.
    ["two methods without restApiId", [without("restApiId"), without("restApiId")], [failure("methods[0].restApiId", "restApiId is required"), failure("methods[1].restApiId", "restApiId is required")]],
    [
      "two methods without a resource",
      [without("resourceId"), without("resourceId")],
      [
        failure("methods[0].resourceId", "one of resourceId and path is required to name the resource"),
        failure("methods[1].resourceId", "one of resourceId and path is required to name the resource"),
      ],
    ],
    [
      "two methods without httpMethod",
      [without("httpMethod"), without("httpMethod")],
      [failure("methods[0].httpMethod", `httpMethod is required (one of ${METHODS})`), failure("methods[1].httpMethod", `httpMethod is required (one of ${METHODS})`)],
    ],
  ];

  it.each(rows)("%s", (_name, input, expected, options) => {
    expect(validateSpecs(input as unknown[], options)).toEqual(expected);
  });
});

describe("validSpecs and ValidationError", () => {
  it("returns the specs when they are valid, an empty list too", () => {
    const specs = [base(), { ...base(), httpMethod: "POST" }];
    expect(validSpecs(specs)).toBe(specs);
    expect(validSpecs([])).toEqual([]);
  });

  it("throws every failure of validateSpecs", () => {
    const specs = [base(), { ...base(), httpMethod: "get" }, base()];
    let thrown: unknown;
    try {
      validSpecs(specs);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).failures).toEqual(validateSpecs(specs));
    expect((thrown as ValidationError).failures).toHaveLength(2);
  });

  it("names itself and lists every failure in its message, the spec itself as (spec)", () => {
    const e = new ValidationError([failure("", "a method spec must be an object, got null null"), failure("methods[1].httpMethod", "httpMethod is required")]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("ValidationError");
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.message).toBe(
      "VALIDATION_FAILED: 2 problem(s) in the spec:\n  - (spec): a method spec must be an object, got null null\n  - methods[1].httpMethod: httpMethod is required",
    );
  });
});

describe("validateGatewayResponses and validateGatewayResponse (the Pulumi kinds' validation)", () => {
  const SIZE = (type: string, bytes: number, limit: number) => `template for ${type} is ${bytes} bytes; the limit is ${limit} bytes ${QUOTA}`;
  const big = "x".repeat(MAX_TEMPLATE_BYTES + 1);

  it.each<Row>([
    ["valid", { DEFAULT_4XX: { statusCode: "400" } }, []],
    ["not a map", [], [failure("responses", "gatewayResponses must be an object (a map: response type → { statusCode?, responseParameters?, responseTemplates? }), got array []")]],
    [
      "a lone surrogate and a bad status code",
      { DEFAULT_4XX: { statusCode: "600" }, UNAUTHORIZED: { responseTemplates: { "application/json": "\ud800" } } },
      [failure("responses.UNAUTHORIZED.responseTemplates.application/json", `"\\ud800" ${LONE}`), failure("responses.DEFAULT_4XX.statusCode", 'statusCode "600" must match [1-5]\\d\\d (AWS-39)')],
    ],
    ["a template over the default limit", { DEFAULT_5XX: { responseTemplates: { "text/plain": big } } }, [failure("responses.DEFAULT_5XX.responseTemplates.text/plain", SIZE("text/plain", MAX_TEMPLATE_BYTES + 1, MAX_TEMPLATE_BYTES))]],
    ["a template over a lower limit", { DEFAULT_5XX: { responseTemplates: { "text/plain": "abc" } } }, [failure("responses.DEFAULT_5XX.responseTemplates.text/plain", SIZE("text/plain", 3, 2))], { maxTemplateBytes: 2 }],
    ["a hidden value", { DEFAULT_4XX: { statusCode: 401 } }, [failure("responses.DEFAULT_4XX.statusCode", "statusCode must be a string, got number (a secret value) (AWS-39)")], { hideValues: true }],
  ])("the map: %s", (_name, input, expected, options) => {
    expect(validateGatewayResponses(input, "responses", options)).toEqual(expected);
  });

  it.each<Row>([
    ["valid", { statusCode: "400", responseParameters: { "gatewayresponse.header.X": "'a'" } }, []],
    // Alone, a response has no type in its path to be named by.
    ["not an object", 5, [failure("", "a gateway response must be an object { statusCode?, responseParameters?, responseTemplates? }, got number 5")]],
    ["an unknown field", { headers: {} }, [failure("headers", 'unknown field "headers" in a gateway response (allowed: statusCode, responseParameters, responseTemplates)')]],
    [
      "a lone surrogate and a status code as a number",
      { statusCode: 401, responseTemplates: { "application/json": "\udc00" } },
      [failure("responseTemplates.application/json", `"\\udc00" ${LONE}`), failure("statusCode", 'statusCode must be a string, got number 401; write it in quotes: "401" (AWS-39)')],
    ],
    ["a template over the default limit", { responseTemplates: { "text/plain": big } }, [failure("responseTemplates.text/plain", SIZE("text/plain", MAX_TEMPLATE_BYTES + 1, MAX_TEMPLATE_BYTES))]],
    ["a template over a lower limit", { responseTemplates: { "text/plain": "abc" } }, [failure("responseTemplates.text/plain", SIZE("text/plain", 3, 2))], { maxTemplateBytes: 2 }],
    ["a hidden value", { statusCode: 401 }, [failure("statusCode", "statusCode must be a string, got number (a secret value) (AWS-39)")], { hideValues: true }],
  ])("one response: %s", (_name, input, expected, options) => {
    expect(validateGatewayResponse(input, "", options)).toEqual(expected);
  });
});

describe("validateSpecFile: every failure, word for word, in order", () => {
  const method = (({ restApiId: _r, ...s }) => s)(base());
  const file = (fields: Record<string, unknown>) => ({ restApiId: "a1b2c3", methods: [method], ...fields });
  const rows: Row[] = [
    ["null", null, [failure("", "a spec file must be an object { restApiId, region?, methods }, got null")]],
    ["undefined", undefined, [failure("", "a spec file must be an object { restApiId, region?, methods }, got undefined")]],
    ["an array", [], [failure("", "a spec file must be an object { restApiId, region?, methods }, got array")]],
    ["an unknown field", file({ extra: 1 }), [failure("extra", 'unknown field "extra" in a spec file (allowed: restApiId, region, methods, gatewayResponses, gatewayResponsesExclusive)')]],
    [
      "a file that asks for nothing",
      file({ methods: [] }),
      [
        failure(
          "methods",
          "the spec file asks for nothing: methods is empty and there is no gatewayResponses; give at least one method, " +
            "or gatewayResponses (response type → { statusCode?, responseParameters?, responseTemplates? })",
        ),
      ],
    ],
    [
      "gatewayResponsesExclusive without gatewayResponses",
      file({ gatewayResponsesExclusive: false }),
      [
        failure(
          "gatewayResponsesExclusive",
          "gatewayResponsesExclusive applies to gatewayResponses, which the spec file does not have: add gatewayResponses " +
            "(gatewayResponses: {} with gatewayResponsesExclusive: true resets every customized response type) or remove gatewayResponsesExclusive",
        ),
      ],
    ],
    // A method: its text first, then its schema, then its other rules.
    ["a method that is a lone surrogate", file({ methods: ["\ud800"] }), [failure("methods[0]", `"\\ud800" ${LONE}`), failure("methods[0]", 'a method spec must be an object, got string "\\ud800"')]],
    ["a lone surrogate in a method", file({ methods: [{ ...method, resourceId: "r\udc00" }] }), [failure("methods[0].resourceId", `"r\\udc00" ${LONE}`)]],
    ["a method naming no resource", file({ methods: [without("resourceId")] }), [failure("methods[0].resourceId", "one of resourceId and path is required to name the resource")]],
    // A method's failures are worded as validateMethodSpec words them.
    [
      "a method's failures",
      file({ methods: [method, { ...method, httpMethod: "get", responses: { "200": null } }] }),
      [
        failure("methods[1].httpMethod", `httpMethod "get" must be one of ${METHODS}; API Gateway method names are upper case: "GET"`),
        failure("methods[1].responses.200", "the responses of status code 200 must be an object { methodResponse?, integrationResponse? }, got null null"),
      ],
    ],
    // The file's own fields, then method by method, then the gateway responses.
    [
      "the order of the failures",
      { restApiId: "", gatewayResponses: [], methods: [{ ...method, httpMethod: 1 }], gatewayResponsesExclusive: "no" },
      [
        failure("restApiId", "restApiId must be a non-empty string"),
        failure("gatewayResponsesExclusive", 'gatewayResponsesExclusive must be a boolean, got string "no"'),
        failure("methods[0].httpMethod", `httpMethod 1 must be one of ${METHODS}`),
        failure("gatewayResponses", "gatewayResponses must be an object (a map: response type → { statusCode?, responseParameters?, responseTemplates? }), got array []"),
      ],
    ],
    // Duplicates: a method without restApiId is of the file's REST API.
    ["the same method twice", file({ methods: [method, method] }), [failure("methods[1]", "duplicate method GET id:r1 in rest api a1b2c3: already given as methods[0]")]],
    ["the same method, its REST API given once", file({ methods: [method, { ...method, restApiId: "a1b2c3" }] }), [failure("methods[1]", "duplicate method GET id:r1 in rest api a1b2c3: already given as methods[0]")]],
    ["the same resource in another REST API", file({ methods: [method, { ...method, restApiId: "other" }] }), []],
    // Without the file's restApiId, its methods are still compared with each other.
    [
      "the same method twice in a file without restApiId",
      { methods: [method, method] },
      [failure("restApiId", "restApiId is required"), failure("methods[1]", "duplicate method GET id:r1 in rest api : already given as methods[0]")],
    ],
  ];

  it.each(rows)("%s", (_name, input, expected, options) => {
    expect(validateSpecFile(input, options)).toEqual(expected);
  });
});

describe("validateSpecFile: region", () => {
  const file = (region: unknown) => ({ restApiId: "a1b2c3", region, methods: [{ resourceId: "r1", httpMethod: "GET", responses: {} }] });
  const RULE = 'is not an AWS region name: lower-case words and a number joined by "-", e.g. eu-west-1 or us-gov-west-1';

  it.each<Row>([
    ["a region name", file("us-gov-west-1"), []],
    ["words with spaces", file("eu west 1"), [failure("region", `region "eu west 1" ${RULE}`)]],
    ["upper case", file("EU-WEST-1"), [failure("region", `region "EU-WEST-1" ${RULE}`)]],
    // Cut at 60 characters as every value in a message.
    ["a long value", file(`eu-${"x".repeat(80)}`), [failure("region", `region "eu-${"x".repeat(53)}... ${RULE}`)]],
    ["a hidden value", file("hunter2"), [failure("region", `region (a secret value) ${RULE}`)], { hideValues: true }],
  ])("%s", (_name, input, expected, options) => {
    expect(validateSpecFile(input, options)).toEqual(expected);
  });
});

describe("validateMethodSpec: httpMethod", () => {
  it.each<Row>([
    ["missing", without("httpMethod"), [failure("httpMethod", `httpMethod is required (one of ${METHODS})`)]],
    ["unknown", { ...base(), httpMethod: "FETCH" }, [failure("httpMethod", `httpMethod "FETCH" must be one of ${METHODS}`)]],
    ["lower case", { ...base(), httpMethod: "get" }, [failure("httpMethod", `httpMethod "get" must be one of ${METHODS}; API Gateway method names are upper case: "GET"`)]],
    // The hint would name the value: left out when values are hidden.
    ["lower case, hidden", { ...base(), httpMethod: "get" }, [failure("httpMethod", `httpMethod (a secret value) must be one of ${METHODS}`)], { hideValues: true }],
    ["a number", { ...base(), httpMethod: 1 }, [failure("httpMethod", `httpMethod 1 must be one of ${METHODS}`)]],
  ])("%s", (_name, input, expected, options) => {
    expect(validateMethodSpec(input, options)).toEqual(expected);
  });
});
