/**
 * The pure parts of the command line's stages (src/cli/stage.ts): a stage name checked
 * before any call, naming the option, the value and the rule (AWS-68); why a stage is not
 * current; the line of a deployment.
 */
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/errors";
import { checkStageName, describeDeployment, staleness } from "../../src/cli/stage";

describe("checkStageName (AWS-68)", () => {
  it.each(["prod", "v2-canary", "a_b", "x".repeat(128)])("%s is a stage name", (name) => {
    expect(checkStageName("--deploy", name)).toBe(name);
  });
  it.each(["", "v1.0", "my stage", "x".repeat(129), "prod/eu"])("%j is refused, naming the option, the value and the rule", (name) => {
    const err = (() => {
      try {
        checkStageName("--stage", name);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe(`--stage ${JSON.stringify(name)}: a stage name is 1 to 128 letters, digits, hyphens or underscores (AWS-68)`);
  });
});

describe("staleness", () => {
  const current = { exists: true, deploymentId: "d1", foreign: false, differences: [] };
  it.each([
    ["current", current, undefined],
    ["missing", { ...current, exists: false, deploymentId: undefined }, "stage-missing"],
    ["no deployment", { ...current, deploymentId: undefined }, "no-deployment"],
    ["foreign, even when it serves the live API", { ...current, foreign: true }, "foreign"],
    ["a difference", { ...current, differences: [{ method: "GET /a", statusCode: "200", kind: "methodResponse" as const, state: "changed" as const }] }, "undeployed"],
  ])("%s", (_name, inspection, expected) => {
    expect(staleness(inspection)).toBe(expected);
  });
});

describe("describeDeployment", () => {
  it("names the stage, the REST API, the deployment and why", () => {
    expect(describeDeployment({ restApiId: "a1", stageName: "prod", deploymentId: "d2", stageCreated: true, reason: "stage-missing" })).toBe(
      "deployed to stage prod of rest api a1: deployment d2 (stage created; the stage did not exist)",
    );
    expect(describeDeployment({ restApiId: "a1", stageName: "prod", skipped: "current", deploymentId: "d1" })).toBe("stage prod of rest api a1 already serves the live responses: no deployment");
  });
});
