import { describe, expect, it } from "vitest";
import { methodSpecsOfFile, validateMethodSpec, validateSpecFile, validateSpecs } from "../../src/validate";
import { bad, base, good, withIr } from "../support/validate-cases";
import { expectOnlyFailure } from "../support/failures";

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

/** A failure, as the validator returns it. */
const failure = (property: string, reason: string) => ({ property, reason });

describe("validateSpecFile: region", () => {
  const file = (region: unknown) => ({ restApiId: "a1b2c3", region, methods: [{ resourceId: "r1", httpMethod: "GET", responses: {} }] });
  const RULE = 'is not an AWS region name: lower-case words and a number joined by "-", e.g. eu-west-1 or us-gov-west-1';

  it.each([
    ["a region name", file("us-gov-west-1"), undefined, []],
    ["words with spaces", file("eu west 1"), undefined, [failure("region", `region "eu west 1" ${RULE}`)]],
    ["upper case", file("EU-WEST-1"), undefined, [failure("region", `region "EU-WEST-1" ${RULE}`)]],
    // Cut at 60 characters as every value in a message.
    ["a long value", file(`eu-${"x".repeat(80)}`), undefined, [failure("region", `region "eu-${"x".repeat(53)}... ${RULE}`)]],
    ["a hidden value", file("hunter2"), { hideValues: true }, [failure("region", `region (a secret value) ${RULE}`)]],
  ])("%s", (_name, input, options, expected) => {
    expect(validateSpecFile(input, options)).toEqual(expected);
  });
});

describe("validateMethodSpec: httpMethod", () => {
  const METHODS = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY";
  it.each([
    ["missing", (({ httpMethod: _h, ...s }) => s)(base()), undefined, [failure("httpMethod", `httpMethod is required (one of ${METHODS})`)]],
    ["unknown", { ...base(), httpMethod: "FETCH" }, undefined, [failure("httpMethod", `httpMethod "FETCH" must be one of ${METHODS}`)]],
    ["lower case", { ...base(), httpMethod: "get" }, undefined, [failure("httpMethod", `httpMethod "get" must be one of ${METHODS}; API Gateway method names are upper case: "GET"`)]],
    // The hint would name the value: left out when values are hidden.
    ["lower case, hidden", { ...base(), httpMethod: "get" }, { hideValues: true }, [failure("httpMethod", `httpMethod (a secret value) must be one of ${METHODS}`)]],
    ["a number", { ...base(), httpMethod: 1 }, undefined, [failure("httpMethod", `httpMethod 1 must be one of ${METHODS}`)]],
  ])("%s", (_name, spec, options, expected) => {
    expect(validateMethodSpec(spec, options)).toEqual(expected);
  });
});
