/**
 * `pr-comment` and `StageDeployment` (src/cli/pr-comment.ts): a line per stage deployment
 * with changes, saying what happens to the stage and why (which inputs changed, never
 * their values; the stage drift of the last refresh), in code spans so that nothing in
 * it is read as markdown; an unchanged one is counted.
 */
import { describe, expect, it } from "vitest";
import { previewToPlan, renderPrComment, STAGE_DEPLOYMENT_TYPE, UNKNOWN_VALUE } from "../../src/cli/pr-comment";

const urn = (name: string) => `urn:pulumi:test::p::${STAGE_DEPLOYMENT_TYPE}::${name}`;
const inputs = { restApiId: "a1b2", stageName: "prod", triggers: ["sha256:aaa", "sha256:bbb"] };

describe("pr-comment: stage deployments", () => {
  it("an update names the inputs that changed (not their values) and the stage drift; a create and a delete say what happens to the stage; an unchanged one is counted", () => {
    const preview = previewToPlan({
      steps: [
        {
          op: "update",
          urn: urn("prod"),
          oldState: { type: STAGE_DEPLOYMENT_TYPE, inputs, outputs: { ...inputs, stageDrift: ["stage prod: GET /pets 404: integration response changed since the deployment"] } },
          newState: { type: STAGE_DEPLOYMENT_TYPE, inputs: { ...inputs, triggers: ["sha256:aaa", UNKNOWN_VALUE], description: "v2" } },
        },
        { op: "create", urn: urn("dev"), newState: { type: STAGE_DEPLOYMENT_TYPE, inputs: { ...inputs, stageName: "dev" } } },
        { op: "delete", urn: urn("old"), oldState: { type: STAGE_DEPLOYMENT_TYPE, inputs: { ...inputs, stageName: "old" }, outputs: {} } },
        { op: "same", urn: urn("qa"), oldState: { type: STAGE_DEPLOYMENT_TYPE, inputs }, newState: { type: STAGE_DEPLOYMENT_TYPE, inputs } },
      ],
    });
    expect(preview.deployments).toEqual([
      "`prod`: redeploys the stage `prod` of rest api `a1b2` (triggers known after apply; description changed; the last refresh found the stage behind: `stage prod: GET /pets 404: integration response changed since the deployment`).",
      "`dev`: deploys the stage `dev` of rest api `a1b2` (created if missing).",
      "`old`: no longer managed; the stage `old` of rest api `a1b2` keeps serving its last deployment.",
    ]);
    expect(preview.unchanged).toBe(1);
    const text = renderPrComment(preview).text;
    expect(text).toContain("Stage deployments:\n\n- `prod`: redeploys");
    expect(text).not.toContain("sha256:");
    expect(text).not.toContain("v2");
  });

  it("a stage drift line cannot escape its code span", () => {
    const evil = "stage prod: GET /x` [click](https://evil.example) <img src=x> 200: method response changed since the deployment";
    const preview = previewToPlan({
      steps: [{ op: "update", urn: urn("prod"), oldState: { type: STAGE_DEPLOYMENT_TYPE, inputs, outputs: { stageDrift: [evil] } }, newState: { type: STAGE_DEPLOYMENT_TYPE, inputs } }],
    });
    expect(preview.deployments[0]).toContain("``stage prod: GET /x` [click](https://evil.example) <img src=x> 200: method response changed since the deployment``");
  });

  it("a comment cut to its length limit still counts the stage deployments", () => {
    const steps = [{ op: "create", urn: urn("dev"), newState: { type: STAGE_DEPLOYMENT_TYPE, inputs } }];
    const methodSteps = Array.from({ length: 40 }, (_, i) => ({
      op: "create",
      urn: `urn:pulumi:test::p::pulumi-nodejs:dynamic/apigw-responses:ResponseSet::s${i}`,
      newState: {
        type: "pulumi-nodejs:dynamic/apigw-responses:ResponseSet",
        inputs: { restApiId: "a1b2", path: `/r${i}`, httpMethod: "GET", responses: { "200": { methodResponse: { responseParameters: { "method.response.header.X-Long": true } }, integrationResponse: { responseTemplates: { "application/json": "x".repeat(400) } } } } },
      },
    }));
    const comment = renderPrComment(previewToPlan({ steps: [...methodSteps, ...steps] }), { maxLength: 4_000 });
    expect(comment.omittedMethods).toBeGreaterThan(0);
    expect(comment.text).toContain("Stage deployments: 1 (the whole comment lists them).");
  });
});
