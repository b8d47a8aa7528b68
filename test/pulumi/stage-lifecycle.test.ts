/**
 * `StageDeployment`'s provider lifecycle, its pure parts (src/pulumi/stage-lifecycle.ts):
 * `check` lists every problem with its property path and zero calls (AWS-68, AWS-69), never
 * quotes a secret value, refuses a second owner of a stage; `diff` redeploys exactly on a
 * trigger, description or variables change or a stale stage, and replaces on another REST
 * API or stage; the `stageDrift` lines name the stage and what differs.
 */
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../src/pulumi/inputs";
import { resetOwnership } from "../../src/pulumi/ownership";
import { checkStageInputs, checkStageResource, diffStageResource, stageDriftOf, updateStageResource, type StageDeploymentOutputs } from "../../src/pulumi/stage-lifecycle";
import type { StageInspection } from "../../src/stage/inspect";

const valid = { restApiId: "a1b2c3", stageName: "prod_v-2", triggers: ["sha256:1", "x"], description: "release", variables: { lambdaAlias: "live", url: "https://x.example/a?b=c&d=e,f" } };

describe("check", () => {
  it("valid inputs: no failure; unknown values (preview) are not checked yet", () => {
    expect(checkStageInputs(valid)).toEqual([]);
    expect(checkStageInputs({ restApiId: UNKNOWN, stageName: UNKNOWN, triggers: [UNKNOWN], variables: { a: UNKNOWN } })).toEqual([]);
    expect(checkStageInputs({ restApiId: "a", stageName: "s", triggers: UNKNOWN })).toEqual([]);
  });

  it.each([
    ["a stage name with a dot (AWS-68)", { stageName: "v1.0" }, "stageName", /1 to 128 letters, digits, hyphens or underscores \(AWS-68\), got "v1\.0"/],
    ["a stage name of 129 characters", { stageName: "s".repeat(129) }, "stageName", /AWS-68/],
    ["an empty stage name", { stageName: "" }, "stageName", /AWS-68/],
    ["no REST API", { restApiId: "" }, "restApiId", /non-empty string/],
    ["triggers not a list", { triggers: "abc" }, "triggers", /a list of strings/],
    ["a trigger not a string", { triggers: ["a", 3] }, "triggers[1]", /must be a string/],
    ["a variable name with a dash (AWS-69)", { variables: { "my-var": "x" } }, "variables.my-var", /letters, digits and underscores \(AWS-69\)/],
    ["a variable value with a space (AWS-69)", { variables: { v: "a b" } }, "variables.v", /-\._~:\/\?#&=, \(AWS-69\), got "a b"/],
    ["an empty variable value", { variables: { v: "" } }, "variables.v", /one or more/],
    ["variables not a map", { variables: ["a"] }, "variables", /a map of names to strings/],
    ["a description not a string", { description: 5 }, "description", /must be a string/],
    ["an unknown property", { stage: "prod" }, "stage", /unknown property "stage"; allowed: restApiId, stageName, triggers, description, variables, destroyStage/],
    ["destroyStage not a boolean", { destroyStage: "yes" }, "destroyStage", /must be a boolean/],
  ])("%s", (_name, change, property, reason) => {
    const failures = checkStageInputs({ ...valid, ...change });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe(property);
    expect(failures[0]!.reason).toMatch(reason);
  });

  it("every problem is listed, not the first; a secret value is never quoted", () => {
    const bad = { restApiId: "", stageName: "a b", triggers: [1], variables: { "x-y": "p w d" }, description: 1 };
    expect(checkStageInputs(bad).map((f) => f.property)).toEqual(["restApiId", "stageName", "triggers[0]", "description", "variables.x-y", "variables.x-y"]);
    const hidden = checkStageInputs({ ...bad, __secretInputs: true });
    expect(hidden).toHaveLength(6);
    expect(JSON.stringify(hidden)).not.toContain("p w d");
    expect(JSON.stringify(hidden)).not.toContain('"a b"');
    expect(JSON.stringify(hidden)).toContain("a secret value");
  });

  it("one StageDeployment per stage in a stack: the second owner is refused, naming the first; another stage or API is fine", () => {
    resetOwnership();
    const owner = (n: string) => `urn:pulumi:test::p::apigw-responses:StageDeployment::${n}`;
    expect(checkStageResource({ ...valid, __owner: owner("a") })).toEqual([]);
    expect(checkStageResource({ ...valid, __owner: owner("a") })).toEqual([]);
    expect(checkStageResource({ ...valid, stageName: "other", __owner: owner("c") })).toEqual([]);
    expect(checkStageResource({ ...valid, restApiId: "zzz", __owner: owner("d") })).toEqual([]);
    const clash = checkStageResource({ ...valid, __owner: owner("b") });
    expect(clash).toEqual([{ property: "stageName", reason: expect.stringContaining(`stage prod_v-2 of rest api a1b2c3 is also deployed by ${owner("a")}`) }]);
    resetOwnership();
  });
});

describe("diff", () => {
  const olds: StageDeploymentOutputs = { ...valid, deploymentId: "d1", stageDrift: [] };
  it.each([
    ["the same inputs: no change", {}, { changes: false }],
    ["a trigger changed", { triggers: ["sha256:2", "x"] }, { changes: true }],
    ["a trigger removed", { triggers: ["x"] }, { changes: true }],
    ["description changed", { description: "release 2" }, { changes: true }],
    ["a variable changed", { variables: { lambdaAlias: "canary", url: valid.variables.url } }, { changes: true }],
    ["variables dropped", { variables: undefined }, { changes: true }],
    ["another stage: replaced", { stageName: "dev" }, { changes: true, replaces: ["stageName"], deleteBeforeReplace: false }],
    ["another REST API: replaced", { restApiId: "b" }, { changes: true, replaces: ["restApiId"], deleteBeforeReplace: false }],
    ["a trigger not known yet (preview)", { triggers: [UNKNOWN] }, { changes: true }],
    ["destroyStage turned on: a change of the state only", { destroyStage: true }, { changes: true }],
  ])("%s", (_name, change, expected) => {
    expect(diffStageResource(olds, { ...valid, ...change })).toEqual(expected);
  });

  it("an update that only turns destroyStage on keeps the deployment and makes no call (no endpoint is configured: a call would fail)", async () => {
    const { outs } = await updateStageResource(olds, { ...valid, destroyStage: true });
    expect(outs).toMatchObject({ ...valid, destroyStage: true, deploymentId: "d1", stageDrift: [] });
  });

  it("a stage the last refresh found behind is a change; so is a state without a deployment", () => {
    expect(diffStageResource({ ...olds, stageDrift: ["stage prod: GET /a 200: integration response changed since the deployment"] }, valid)).toEqual({ changes: true });
    expect(diffStageResource({ ...olds, deploymentId: "" }, valid)).toEqual({ changes: true });
  });
});

describe("stageDrift lines", () => {
  const base = { restApiId: "a", stageName: "prod", liveRevision: "sha256:x", exported: true, live: undefined as never };
  const inspection = (more: Partial<StageInspection>): StageInspection => ({ ...base, exists: true, deploymentId: "d9", foreign: false, differences: [], ...more });
  it.each([
    ["current", inspection({}), []],
    ["missing stage", inspection({ exists: false, deploymentId: undefined }), ["stage prod: does not exist"]],
    ["a foreign deployment serving the live API", inspection({ foreign: true }), ["stage prod: serves deployment d9, which apigw-responses did not make"]],
    [
      "differences, each with the stage, method and status code",
      inspection({ differences: [{ method: "GET /pets", statusCode: "404", kind: "integrationResponse", state: "changed" }, { responseType: "DEFAULT_4XX", kind: "gatewayResponse", state: "not-deployed" }] }),
      ["stage prod: GET /pets 404: integration response changed since the deployment", "stage prod: gateway response DEFAULT_4XX: not deployed"],
    ],
  ])("%s", (_name, i, lines) => {
    expect(stageDriftOf(i)).toEqual(lines);
  });
});
