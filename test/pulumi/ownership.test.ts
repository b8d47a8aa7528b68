/** Who manages what in a stack: the overlap rules of claims, as a table (pure: no call is made). */
import { beforeEach, describe, expect, it } from "vitest";
import { checkResource } from "../../src/pulumi/check";
import { claim, resetOwnership, type Claim } from "../../src/pulumi/ownership";

const base = { restApiId: "api", httpMethod: "GET", resourceId: "r1", type: "ResponseSet" };
const c = (owner: string, extra: Partial<Claim>): Claim => ({ ...base, owner, wholeMethod: false, parts: [], ...extra });
const mr = (code: string) => ({ statusCode: code, kind: "methodResponse" as const });
const ir = (code: string) => ({ statusCode: code, kind: "integrationResponse" as const });

describe("claims", () => {
  beforeEach(() => resetOwnership());

  it.each<[string, Partial<Claim>, Partial<Claim>, boolean]>([
    ["an exclusive set and anything on its method", { wholeMethod: true }, { parts: [mr("418")] }, true],
    ["two exclusive sets on one method", { wholeMethod: true }, { wholeMethod: true }, true],
    ["the same code and kind", { parts: [mr("200")] }, { parts: [mr("200")] }, true],
    ["the same code, other kinds", { parts: [mr("200")] }, { parts: [ir("200")] }, false],
    ["other codes", { parts: [mr("200"), ir("200")] }, { parts: [mr("404")] }, false],
    ["another method", { wholeMethod: true }, { resourceId: "r2", parts: [mr("200")] }, false],
    ["another HTTP method", { wholeMethod: true }, { httpMethod: "POST" }, false],
    ["the same path, spelled with a trailing slash", { resourceId: undefined, path: "/pets", wholeMethod: true }, { resourceId: undefined, path: "/pets/" }, true],
    ["a path against a resource id (not comparable without a call)", { resourceId: undefined, path: "/pets", wholeMethod: true }, { parts: [mr("200")] }, false],
  ])("%s: overlap %s", (_name, a, b, overlaps) => {
    expect(claim(c("urn:a", a))).toEqual([]);
    expect(claim(c("urn:b", b)).length > 0).toBe(overlaps);
  });

  it("a resource's new claim replaces its old one", () => {
    claim(c("urn:a", { parts: [mr("200")] }));
    claim(c("urn:a", { parts: [mr("404")] }));
    expect(claim(c("urn:b", { parts: [mr("200")] }))).toEqual([]);
  });

  it("check refuses the second owner, naming the first, and accepts it when the codes differ", () => {
    const set = { __owner: "urn:set", restApiId: "api", resourceId: "r1", httpMethod: "GET", exclusive: false, responses: { "200": { methodResponse: {} } } };
    expect(checkResource("ResponseSet", set)).toEqual([]);
    const single = { __owner: "urn:single", restApiId: "api", resourceId: "r1", httpMethod: "GET", statusCode: "200" };
    const failures = checkResource("MethodResponse", single);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe("statusCode");
    expect(failures[0]!.reason).toMatch(/^the method response 200 of GET r1 \(rest api api\) is also managed by urn:set\. /);
    expect(checkResource("MethodResponse", { ...single, statusCode: "404" })).toEqual([]);
  });
});
