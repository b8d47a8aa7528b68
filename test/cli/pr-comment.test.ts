/**
 * `pr-comment` (src/cli/pr-comment.ts), its pure part, field by field: which steps of
 * `pulumi preview --json` it reads and how (each op, each resource kind, the live side
 * from the last outputs and the desired side from the new inputs), what it masks (secrets
 * as "(secret)", values not known before apply, the serialized provider never printed), and
 * the comment it renders: exact markdown, the resources line, the notes, the error warning,
 * and the length limit at its boundaries. Fixtures are built inside each test.
 */
import { describe, expect, it } from "vitest";
import {
  GITHUB_COMMENT_LIMIT,
  isSecretValue,
  previewToPlan,
  renderPrComment,
  RESOURCE_TYPES,
  SECRET_SIG_KEY,
  SECRET_SIG_VALUE,
  STAGE_DEPLOYMENT_TYPE,
  UNKNOWN_VALUE,
  type PreviewPlan,
} from "../../src/cli/pr-comment";

const RS = RESOURCE_TYPES.ResponseSet;
const MR = RESOURCE_TYPES.MethodResponse;
const IR = RESOURCE_TYPES.IntegrationResponse;
const H = "method.response.header.X";
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
/** The engine's signature object of a secret. */
const sig = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value });

/** The table rows of the whole comment, without the header rows. */
function rows(p: PreviewPlan): string[] {
  return renderPrComment(p, { maxLength: 0 })
    .text.split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| status code") && !l.startsWith("|---"));
}

/** A ResponseSet step. */
function setStep(op: string, name: string, olds: Record<string, unknown> | undefined, news: Record<string, unknown> | undefined) {
  return {
    op,
    urn: urn(RS, name),
    ...(olds ? { oldState: { type: RS, inputs: {}, outputs: olds } } : {}),
    ...(news ? { newState: { type: RS, inputs: news } } : {}),
  };
}

const method = (extra: Record<string, unknown> = {}) => ({ restApiId: "api1", resourceId: "r1", httpMethod: "GET", ...extra });

describe("pr-comment: the whole comment of a small preview", () => {
  it("a ResponseSet update, a MethodResponse and an IntegrationResponse created, a foreign resource and an error diagnostic", () => {
    const provider = "PROVIDER-SERIALIZED-aws-credentials";
    const preview = {
      steps: [
        { op: "same", urn: urn("pulumi:providers:aws", "default"), newState: { type: "pulumi:providers:aws", inputs: { __provider: provider } } },
        { op: "create", urn: urn("aws:apigateway/restApi:RestApi", "api"), newState: { type: "aws:apigateway/restApi:RestApi", inputs: { name: "other" } } },
        {
          op: "update",
          urn: urn(RS, "pets"),
          oldState: {
            type: RS,
            inputs: {},
            outputs: {
              __provider: provider,
              restApiId: "api1",
              resourceId: "r1",
              path: "/pets",
              httpMethod: "GET",
              responses: {
                "200": {
                  methodResponse: { responseParameters: { [H]: true } },
                  integrationResponse: { responseTemplates: { "application/json": "old" }, contentHandling: "CONVERT_TO_TEXT" },
                },
                "404": { methodResponse: {} },
              },
            },
          },
          newState: {
            type: RS,
            inputs: {
              __provider: provider,
              restApiId: "api1",
              resourceId: "r1",
              path: "/pets",
              httpMethod: "GET",
              responses: {
                "200": {
                  methodResponse: { responseParameters: { [H]: "true" }, responseModels: { "application/json": "Empty" } },
                  integrationResponse: { selectionPattern: "", responseTemplates: { "application/json": sig("new") }, responseParameters: { [H]: "'v'" } },
                },
              },
            },
          },
        },
        {
          op: "create",
          urn: urn(MR, "m500"),
          newState: { type: MR, inputs: { __provider: provider, restApiId: "api1", resourceId: "r2", httpMethod: "POST", statusCode: "500", responseParameters: { "method.response.header.Y": false } } },
        },
        {
          op: "create",
          urn: urn(IR, "i500"),
          newState: { type: IR, inputs: { restApiId: "api1", resourceId: "r2", httpMethod: "POST", statusCode: "500", selectionPattern: ".*error.*", responseTemplates: UNKNOWN_VALUE } },
        },
      ],
      diagnostics: [{ severity: "error", message: "boom" }, { severity: "warning", message: "meh" }, null, { severity: "error" }],
    };
    const plan = previewToPlan(preview);
    expect(plan.errors).toBe(2);
    expect(plan.unchanged).toBe(0);
    expect(plan.resources).toEqual([
      { name: "pets", kind: "ResponseSet", op: "update" },
      { name: "m500", kind: "MethodResponse", op: "create" },
      { name: "i500", kind: "IntegrationResponse", op: "create" },
    ]);
    expect([...plan.secretFields]).toEqual([JSON.stringify(["200", "integrationResponse", "responseTemplates.application/json"])]);
    const comment = renderPrComment(plan);
    expect(comment).toEqual({
      omittedMethods: 0,
      omittedOperations: 0,
      text: [
        "## Pulumi preview: API Gateway responses",
        "",
        "### GET /pets (rest api api1, resource r1)",
        "",
        "| status code | field | live value | desired value | action |",
        "|---|---|---|---|---|",
        "| 200 | responseModels.application/json | *(absent)* | Empty | ~ update method response |",
        "| 200 | contentHandling | CONVERT\\_TO\\_TEXT | *(absent)* | ~ replace integration response |",
        "| 200 | responseParameters.method.response.header.X | *(absent)* | 'v' | ~ replace integration response |",
        "| 200 | responseTemplates.application/json | (secret) | (secret) | ~ replace integration response |",
        "| 404 | — | | | - delete method response |",
        "",
        "### POST r2 (rest api api1, resource r2)",
        "",
        "| status code | field | live value | desired value | action |",
        "|---|---|---|---|---|",
        "| 500 | responseParameters.method.response.header.Y | *(absent)* | false | + create method response |",
        "| 500 | responseTemplates.\\* | *(absent)* | (known after apply) | + create integration response |",
        "| 500 | selectionPattern | *(absent)* | .\\*error.\\* | + create integration response |",
        "",
        "Plan: 2 to create, 1 to update, 1 to replace, 1 to delete.",
        "",
        "Pulumi resources: `pets` (ResponseSet, update), `m500` (MethodResponse, create), `i500` (IntegrationResponse, create).",
        "",
        "**The preview reported 2 error(s)**: see the job log.",
        "",
      ].join("\n"),
    });
    expect(comment.text).not.toContain("PROVIDER");
    expect(comment.text).not.toContain("new");
  });

  it("a title of its own, and the other markdown options passed on", () => {
    const plan = previewToPlan({ steps: [setStep("create", "s", undefined, method({ responses: { "200": { methodResponse: {} } } }))] });
    expect(renderPrComment(plan, { title: "Plan for prod", headingLevel: 3 }).text).toBe(
      [
        "### Plan for prod",
        "",
        "#### GET r1 (rest api api1, resource r1)",
        "",
        "| status code | field | live value | desired value | action |",
        "|---|---|---|---|---|",
        "| 200 | — | | | + create method response |",
        "",
        "Plan: 1 to create, 0 to update, 0 to replace, 0 to delete.",
        "",
        "Pulumi resources: `s` (ResponseSet, create).",
        "",
      ].join("\n"),
    );
  });

  it("an empty preview: no changes, no resources line, no warning", () => {
    for (const preview of [{}, { steps: [] }, { steps: [], diagnostics: "none" }, { diagnostics: [{ severity: "warning" }] }]) {
      const plan = previewToPlan(preview);
      expect(plan).toEqual({ plan: { methods: [] }, resources: [], unchanged: 0, errors: 0, notes: [], secretFields: new Set(), deployments: [] });
      expect(renderPrComment(plan).text).toBe("## Pulumi preview: API Gateway responses\n\nNo changes.\n");
    }
  });

  it("only unchanged resources: counted on their own line", () => {
    const same = (name: string, type: string) => ({ op: "same", urn: urn(type, name), oldState: { type, inputs: {}, outputs: {} }, newState: { type, inputs: method() } });
    const plan = previewToPlan({ steps: [same("a", RS), same("b", MR), same("c", IR), same("d", STAGE_DEPLOYMENT_TYPE), same("e", "aws:s3/bucket:Bucket")] });
    expect(plan.unchanged).toBe(4);
    expect(plan.resources).toEqual([]);
    expect(renderPrComment(plan).text).toBe("## Pulumi preview: API Gateway responses\n\nNo changes.\n\nPulumi resources: 4 unchanged.\n");
  });

  it("changed and unchanged resources: the changed ones named, the others counted", () => {
    const plan = previewToPlan({
      steps: [
        setStep("create", "new", undefined, method({ responses: { "200": { methodResponse: {} } } })),
        { op: "same", urn: urn(RS, "old"), oldState: { type: RS, inputs: {}, outputs: {} }, newState: { type: RS, inputs: {} } },
      ],
    });
    expect(renderPrComment(plan).text.split("\n").slice(-2)).toEqual(["Pulumi resources: `new` (ResponseSet, create); 1 unchanged.", ""]);
  });

  it("one error diagnostic is warned about; warnings and infos are not", () => {
    const plan = previewToPlan({ diagnostics: [{ severity: "info" }, { severity: "error", message: "secret value here" }, "error", { severity: "Error" }] });
    expect(plan.errors).toBe(1);
    expect(renderPrComment(plan).text).toBe(
      "## Pulumi preview: API Gateway responses\n\nNo changes.\n\n**The preview reported 1 error(s)**: see the job log.\n",
    );
  });
});

describe("pr-comment: what the preview JSON must be", () => {
  it.each([
    [null, "the input is not the JSON object of `pulumi preview --json`"],
    [[], "the input is not the JSON object of `pulumi preview --json`"],
    ["steps", "the input is not the JSON object of `pulumi preview --json`"],
    [7, "the input is not the JSON object of `pulumi preview --json`"],
    [{ steps: {} }, "`steps` of the preview JSON is not a list"],
    [{ steps: "x" }, "`steps` of the preview JSON is not a list"],
    [{ steps: null }, "`steps` of the preview JSON is not a list"],
    [{ steps: [{ op: "create", newState: [] }] }, "step 0 of the preview JSON has a malformed newState"],
    [{ steps: [{ op: "same" }, { op: "update", oldState: { outputs: [] } }] }, "step 1 of the preview JSON has a malformed oldState"],
    [{ steps: [{ op: "update", oldState: { inputs: "x" } }] }, "step 0 of the preview JSON has a malformed oldState"],
    [{ steps: [[]] }, "step 0 of the preview JSON is not an object"],
  ])("%j: %s", (input, message) => {
    expect(() => previewToPlan(input)).toThrow(new Error(message));
  });

  it("steps without a type, of foreign types, and with null states are skipped", () => {
    const plan = previewToPlan({
      steps: [
        { op: "create" },
        { op: "create", urn: urn("aws:lambda/function:Function", "f"), newState: { type: "aws:lambda/function:Function", inputs: method({ responses: {} }) } },
        { op: "delete", urn: urn(RS, "x"), oldState: { type: `${RS}x`, inputs: {}, outputs: method() } },
      ],
    });
    expect(plan).toEqual({ plan: { methods: [] }, resources: [], unchanged: 0, errors: 0, notes: [], secretFields: new Set(), deployments: [] });
  });
});

describe("isSecretValue", () => {
  it.each([
    ["[secret]", true],
    [{ [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value: "x" }, true],
    [{ [SECRET_SIG_KEY]: SECRET_SIG_VALUE }, true],
    [{ [SECRET_SIG_KEY]: "other" }, false],
    [{ value: "x" }, false],
    ["secret", false],
    ["(secret)", false],
    [SECRET_SIG_VALUE, false],
    [null, false],
    [undefined, false],
    [[SECRET_SIG_VALUE], false],
    [1, false],
  ])("%j: %s", (v, expected) => {
    expect(isSecretValue(v)).toBe(expected);
  });
});
