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

describe("pr-comment: reading the responses of a ResponseSet", () => {
  it.each([
    ["a secret map of headers", { methodResponse: { responseParameters: "[secret]" } }, ["| 200 | responseParameters.\\* | *(absent)* | (secret) | + create method response |"]],
    ["a map of models not known", { methodResponse: { responseModels: UNKNOWN_VALUE } }, ["| 200 | responseModels.\\* | *(absent)* | (known after apply) | + create method response |"]],
    ["a map that is a string", { integrationResponse: { responseTemplates: "oops" } }, ["| 200 | responseTemplates.\\* | *(absent)* | (known after apply) | + create integration response |", "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |"]],
    ["a map that is a list", { integrationResponse: { responseParameters: ["a"] } }, ["| 200 | responseParameters.\\* | *(absent)* | (known after apply) | + create integration response |", "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |"]],
    ["a signed secret map", { integrationResponse: { responseTemplates: sig({ "application/json": "{}" }) } }, ["| 200 | responseTemplates.\\* | *(absent)* | (secret) | + create integration response |", "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |"]],
    ["null maps", { methodResponse: { responseParameters: null, responseModels: null }, integrationResponse: { responseTemplates: null, responseParameters: null } }, ["| 200 | — | | | + create method response |", "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |"]],
    [
      "a secret header value, an unknown template, a plain one",
      { integrationResponse: { responseParameters: { [H]: "[secret]" }, responseTemplates: { "application/json": UNKNOWN_VALUE, "text/plain": "hi" } } },
      [
        "| 200 | responseParameters.method.response.header.X | *(absent)* | (secret) | + create integration response |",
        "| 200 | responseTemplates.application/json | *(absent)* | (known after apply) | + create integration response |",
        "| 200 | responseTemplates.text/plain | *(absent)* | hi | + create integration response |",
        "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |",
      ],
    ],
    [
      "header flags: true and \"true\" are required, anything else is not",
      { methodResponse: { responseParameters: { "method.response.header.A": true, "method.response.header.B": "true", "method.response.header.C": false, "method.response.header.D": "false", "method.response.header.E": "yes" } } },
      [
        "| 200 | responseParameters.method.response.header.A | *(absent)* | true | + create method response |",
        "| 200 | responseParameters.method.response.header.B | *(absent)* | true | + create method response |",
        "| 200 | responseParameters.method.response.header.C | *(absent)* | false | + create method response |",
        "| 200 | responseParameters.method.response.header.D | *(absent)* | false | + create method response |",
        "| 200 | responseParameters.method.response.header.E | *(absent)* | false | + create method response |",
      ],
    ],
    ["a secret header flag", { methodResponse: { responseParameters: { [H]: sig(true) } } }, ["| 200 | responseParameters.method.response.header.X | *(absent)* | (secret) | + create method response |"]],
    [
      "content handling, and a selection pattern that is a number",
      { integrationResponse: { contentHandling: "CONVERT_TO_BINARY", selectionPattern: 5 } },
      ["| 200 | contentHandling | *(absent)* | CONVERT\\_TO\\_BINARY | + create integration response |", "| 200 | selectionPattern | *(absent)* | 5 | + create integration response |"],
    ],
    ["null content handling and selection pattern: absent (the pattern of the default response is \"\")", { integrationResponse: { contentHandling: null, selectionPattern: null } }, ["| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |"]],
    [
      "a secret selection pattern and content handling not known",
      { integrationResponse: { selectionPattern: "[secret]", contentHandling: UNKNOWN_VALUE } },
      ["| 200 | contentHandling | *(absent)* | (known after apply) | + create integration response |", "| 200 | selectionPattern | *(absent)* | (secret) | + create integration response |"],
    ],
    [
      "a secret content handling",
      { integrationResponse: { selectionPattern: "", contentHandling: "[secret]" } },
      ["| 200 | contentHandling | *(absent)* | (secret) | + create integration response |", "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |"],
    ],
    ["responses that are not objects: none", { methodResponse: "x", integrationResponse: 3 }, []],
    ["null responses: none", { methodResponse: null, integrationResponse: null }, []],
  ])("%s", (_, response, expected) => {
    const plan = previewToPlan({ steps: [setStep("create", "s", undefined, method({ responses: { "200": response } }))] });
    expect(rows(plan)).toEqual(expected);
    expect(plan.notes).toEqual([]);
  });

  it("the secret fields are recorded by status code, kind and field", () => {
    const plan = previewToPlan({
      steps: [
        setStep(
          "create",
          "s",
          undefined,
          method({
            responses: {
              "200": { methodResponse: { responseModels: "[secret]", responseParameters: { [H]: "[secret]" } }, integrationResponse: { selectionPattern: "[secret]", responseParameters: { [H]: "'x'" } } },
              "404": { integrationResponse: { responseTemplates: { "application/json": sig("t") } } },
            },
          }),
        ),
      ],
    });
    expect([...plan.secretFields].sort()).toEqual(
      [
        ["200", "methodResponse", "responseParameters.method.response.header.X"],
        ["200", "methodResponse", "responseModels.*"],
        ["200", "integrationResponse", "selectionPattern"],
        ["404", "integrationResponse", "responseTemplates.application/json"],
      ]
        .map((x) => JSON.stringify(x))
        .sort(),
    );
    // The same field in the other kind is not masked.
    expect(rows(plan)).toContain("| 200 | responseParameters.method.response.header.X | *(absent)* | 'x' | + create integration response |");
  });

  it("a secret unchanged between the last state and the inputs is still listed: its change cannot be seen", () => {
    const response = { "200": { integrationResponse: { responseTemplates: { "application/json": "[secret]" } } } };
    const plan = previewToPlan({ steps: [setStep("update", "s", method({ responses: response }), method({ responses: response }))] });
    expect(rows(plan)).toEqual(["| 200 | responseTemplates.application/json | (secret) | (secret) | ~ replace integration response |"]);
  });

  it("entries that are null, secret or not objects are skipped; null responses are none", () => {
    const plan = previewToPlan({
      steps: [
        setStep("create", "a", undefined, method({ resourceId: "ra", responses: { "200": null, "400": "[secret]", "401": sig({}), "402": 5, "500": { methodResponse: {} } } })),
        setStep("create", "b", undefined, method({ resourceId: "rb", responses: null })),
        setStep("create", "c", undefined, method({ resourceId: "rc" })),
      ],
    });
    expect(rows(plan)).toEqual(["| 500 | — | | | + create method response |"]);
    expect(plan.notes).toEqual([]);
    expect(plan.resources.map((r) => r.name)).toEqual(["a", "b", "c"]);
  });

  it.each([
    ["secret inputs", "create", undefined, "[secret]", "`s` (ResponseSet, create): the responses are secret or not known before apply; not shown."],
    ["inputs not known", "create", undefined, UNKNOWN_VALUE, "`s` (ResponseSet, create): the responses are secret or not known before apply; not shown."],
    ["inputs that are a list", "update", {}, [], "`s` (ResponseSet, update): the responses are secret or not known before apply; not shown."],
    ["a secret last state", "update", sig({}), {}, "`s` (ResponseSet, update): the responses are secret in the last state; not shown."],
    ["a secret last state deleted", "delete", "[secret]", undefined, "`s` (ResponseSet, delete): the responses are secret in the last state; not shown."],
    ["both secret", "update", "[secret]", "[secret]", "`s` (ResponseSet, update): the responses are secret or not known; not shown."],
  ])("%s: a note, no table", (_, op, olds, news, note) => {
    const plan = previewToPlan({
      steps: [setStep(op, "s", olds === undefined ? undefined : method({ responses: olds }), news === undefined ? undefined : method({ responses: news }))],
    });
    expect(plan.notes).toEqual([note]);
    expect(plan.plan.methods).toEqual([{ key: { restApiId: "api1", resourceId: "r1", httpMethod: "GET" }, operations: [] }]);
    expect(renderPrComment(plan).text).toBe(
      `## Pulumi preview: API Gateway responses\n\nNo changes.\n\n- ${note}\n\nPulumi resources: \`s\` (ResponseSet, ${op}).\n`,
    );
  });
});

describe("pr-comment: which responses a ResponseSet removes", () => {
  const live = () => method({ responses: { "200": { methodResponse: {} }, "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404" } } } });

  it("exclusive (the default): the responses it no longer lists are deleted", () => {
    for (const exclusive of [undefined, true, "false"]) {
      const plan = previewToPlan({ steps: [setStep("update", "s", live(), method({ exclusive, responses: { "200": { methodResponse: {} } } }))] });
      expect(rows(plan)).toEqual(["| 404 | — | | | - delete method response |", "| 404 | selectionPattern | 404 | *(absent)* | - delete integration response |"]);
    }
  });

  it("not exclusive: the responses it does not list are left alone; the inputs decide, not the last state", () => {
    const plan = previewToPlan({ steps: [setStep("update", "s", live(), method({ exclusive: false, responses: { "200": { methodResponse: {} } } }))] });
    expect(rows(plan)).toEqual([]);
    expect(plan.resources).toEqual([{ name: "s", kind: "ResponseSet", op: "update" }]);
  });

  it("an exclusive last state does not make the new inputs exclusive", () => {
    const plan = previewToPlan({ steps: [setStep("update", "s", { ...live(), exclusive: true }, method({ exclusive: false, responses: {} }))] });
    expect(rows(plan)).toEqual([]);
  });

  it("deleting a non-exclusive set removes what it manages", () => {
    const plan = previewToPlan({ steps: [setStep("delete", "s", { ...live(), exclusive: false }, undefined)] });
    expect(rows(plan)).toEqual([
      "| 200 | — | | | - delete method response |",
      "| 404 | — | | | - delete method response |",
      "| 404 | selectionPattern | 404 | *(absent)* | - delete integration response |",
    ]);
  });
});

describe("pr-comment: each step op", () => {
  const olds = () => method({ responses: { "200": { methodResponse: {} } } });
  const news = () => method({ responses: { "200": { methodResponse: { responseModels: { "application/json": "Empty" } } } } });
  const CREATE = "| 200 | responseModels.application/json | *(absent)* | Empty | + create method response |";
  const UPDATE = "| 200 | responseModels.application/json | *(absent)* | Empty | ~ update method response |";
  const DELETE = "| 200 | — | | | - delete method response |";

  it.each([
    ["create", [CREATE], "create"],
    ["create-replacement", [CREATE], "replace (create-replacement)"],
    ["import", [CREATE], "import"],
    ["import-replacement", [CREATE], "replace (import-replacement)"],
    ["update", [UPDATE], "update"],
    ["delete", [DELETE], "delete"],
    ["delete-replaced", [DELETE], "replace (delete-replaced)"],
    ["discard", [DELETE], "discard"],
    ["discard-replaced", [DELETE], "replace (discard-replaced)"],
  ])("%s: the live side from the last outputs only when it is not a create, the desired side from the inputs only when not a delete", (op, expected, shown) => {
    const plan = previewToPlan({ steps: [setStep(op, "s", olds(), news())] });
    expect(rows(plan)).toEqual(expected);
    expect(plan.resources).toEqual([{ name: "s", kind: "ResponseSet", op: shown }]);
    expect(plan.unchanged).toBe(0);
  });

  it.each([
    ["same", 1],
    ["read", 0],
    ["refresh", 0],
    ["replace", 0],
    ["create-replacementx", 0],
    ["xdelete", 0],
    ["", 0],
    [undefined, 0],
  ])("%j: nothing shown, counted as unchanged %d time(s)", (op, unchanged) => {
    const plan = previewToPlan({ steps: [{ ...setStep("update", "s", olds(), news()), op }] });
    expect(plan.plan.methods).toEqual([]);
    expect(plan.resources).toEqual([]);
    expect(plan.unchanged).toBe(unchanged);
  });

  it("a replacement shows its two halves, each on its method", () => {
    const plan = previewToPlan({
      steps: [
        setStep("replace", "s", olds(), news()),
        setStep("create-replacement", "s", olds(), method({ resourceId: "r2", responses: { "200": { methodResponse: {} } } })),
        setStep("delete-replaced", "s", olds(), undefined),
      ],
    });
    expect(renderPrComment(plan).text).toBe(
      [
        "## Pulumi preview: API Gateway responses",
        "",
        "### GET r2 (rest api api1, resource r2)",
        "",
        "| status code | field | live value | desired value | action |",
        "|---|---|---|---|---|",
        "| 200 | — | | | + create method response |",
        "",
        "### GET r1 (rest api api1, resource r1)",
        "",
        "| status code | field | live value | desired value | action |",
        "|---|---|---|---|---|",
        "| 200 | — | | | - delete method response |",
        "",
        "Plan: 1 to create, 0 to update, 0 to replace, 1 to delete.",
        "",
        "Pulumi resources: `s` (ResponseSet, replace (create-replacement)), `s` (ResponseSet, replace (delete-replaced)).",
        "",
      ].join("\n"),
    );
  });
});

describe("pr-comment: which method a step is on", () => {
  const key = (p: PreviewPlan) => p.plan.methods.map((m) => ({ ...m.key, ...(m.path !== undefined ? { path: m.path } : {}) }));

  it("an update: from the new inputs; a delete: from the last outputs", () => {
    const plan = previewToPlan({
      steps: [
        setStep("update", "u", method({ restApiId: "old", httpMethod: "PUT", resourceId: "rOld" }), method({ resourceId: "rNew", responses: {} })),
        setStep("delete", "d", method({ restApiId: "gone", httpMethod: "DELETE", resourceId: "rGone" }), method({ restApiId: "new" })),
      ],
    });
    expect(key(plan)).toEqual([
      { restApiId: "api1", resourceId: "rNew", httpMethod: "GET" },
      { restApiId: "gone", resourceId: "rGone", httpMethod: "DELETE" },
    ]);
  });

  it("no id anywhere: \"?\"; ids not known or secret: masked", () => {
    const plan = previewToPlan({
      steps: [
        { op: "create", urn: urn(RS, "a"), newState: { type: RS, inputs: { responses: {} } } },
        { op: "delete", urn: urn(RS, "b"), oldState: { type: RS, inputs: {}, outputs: { restApiId: null, httpMethod: null } } },
        { op: "delete", urn: urn(RS, "c"), oldState: { type: RS } },
        setStep("create", "d", undefined, { restApiId: UNKNOWN_VALUE, httpMethod: "[secret]", resourceId: UNKNOWN_VALUE }),
      ],
    });
    expect(key(plan)).toEqual([
      { restApiId: "?", resourceId: "?", httpMethod: "?" },
      { restApiId: "(known after apply)", resourceId: "(known after apply)", httpMethod: "(secret)" },
    ]);
    expect(renderPrComment(plan, { maxLength: 0 }).text).toContain("Pulumi resources: `a` (ResponseSet, create), `b` (ResponseSet, delete), `c` (ResponseSet, delete), `d` (ResponseSet, create).");
  });

  it("a path: the method is shown by its path, its resource id resolved from it or kept from the last state", () => {
    const plan = previewToPlan({
      steps: [
        setStep("create", "new", undefined, { restApiId: "api1", httpMethod: "GET", path: "/new", responses: { "200": { methodResponse: {} } } }),
        setStep("update", "same", { restApiId: "api1", httpMethod: "GET", path: "/same", resourceId: "rSame" }, { restApiId: "api1", httpMethod: "GET", path: "/same", responses: { "200": { methodResponse: {} } } }),
        setStep("delete", "gone", { restApiId: "api1", httpMethod: "GET", path: "/gone", resourceId: "rGone", responses: { "200": { methodResponse: {} } } }, undefined),
      ],
    });
    expect(key(plan)).toEqual([
      { restApiId: "api1", resourceId: "(resolved from the path)", httpMethod: "GET", path: "/new" },
      { restApiId: "api1", resourceId: "rSame", httpMethod: "GET", path: "/same" },
      { restApiId: "api1", resourceId: "rGone", httpMethod: "GET", path: "/gone" },
    ]);
    const text = renderPrComment(plan).text;
    expect(text).toContain("### GET /new (rest api api1, resource (resolved from the path))\n");
    expect(text).toContain("### GET /same (rest api api1, resource rSame)\n");
    expect(text).toContain("### GET /gone (rest api api1, resource rGone)\n");
  });

  it("a set moved to another path: the resource id of the old path is not shown for the new one", () => {
    const plan = previewToPlan({
      steps: [setStep("update", "moved", { restApiId: "api1", httpMethod: "GET", path: "/old", resourceId: "rOld" }, { restApiId: "api1", httpMethod: "GET", path: "/new", responses: {} })],
    });
    expect(key(plan)).toEqual([{ restApiId: "api1", resourceId: "(resolved from the path)", httpMethod: "GET", path: "/new" }]);
  });

  it("resources on the same method are merged into one table: by path, else by resource id", () => {
    const plan = previewToPlan({
      steps: [
        setStep("create", "a", undefined, { restApiId: "api1", httpMethod: "GET", path: "/p", responses: { "200": { methodResponse: {} } } }),
        setStep("create", "b", undefined, { restApiId: "api1", httpMethod: "GET", path: "/p", resourceId: "rP", responses: { "201": { methodResponse: {} } } }),
        setStep("create", "c", undefined, method({ responses: { "202": { methodResponse: {} } } })),
        setStep("create", "d", undefined, method({ responses: { "203": { methodResponse: {} } } })),
        setStep("create", "e", undefined, method({ httpMethod: "POST", responses: { "204": { methodResponse: {} } } })),
      ],
    });
    expect(plan.plan.methods.map((m) => [m.key.httpMethod, m.path ?? m.key.resourceId, m.operations.map((o) => o.statusCode)])).toEqual([
      ["GET", "/p", ["200", "201"]],
      ["GET", "r1", ["202", "203"]],
      ["POST", "r1", ["204"]],
    ]);
  });
});

describe("pr-comment: a MethodResponse or IntegrationResponse resource", () => {
  const ids = { restApiId: "api1", resourceId: "r1", httpMethod: "GET" };
  const single = (type: string, op: string, olds: Record<string, unknown> | undefined, news: Record<string, unknown> | undefined) => ({
    op,
    urn: urn(type, "one"),
    ...(olds ? { oldState: { type, inputs: {}, outputs: { ...ids, ...olds } } } : {}),
    ...(news ? { newState: { type, inputs: { ...ids, ...news } } } : {}),
  });

  it("an IntegrationResponse: each of its fields read", () => {
    const plan = previewToPlan({
      steps: [
        single(IR, "update", { statusCode: "500", selectionPattern: "5\\d\\d", revision: "r" }, {
          statusCode: "500",
          selectionPattern: "5.*",
          responseTemplates: { "application/json": "{}" },
          responseParameters: { [H]: "'a'" },
          contentHandling: "CONVERT_TO_TEXT",
          responseModels: { "application/json": "Empty" },
        }),
      ],
    });
    expect(rows(plan)).toEqual([
      "| 500 | contentHandling | *(absent)* | CONVERT\\_TO\\_TEXT | ~ replace integration response |",
      "| 500 | responseParameters.method.response.header.X | *(absent)* | 'a' | ~ replace integration response |",
      "| 500 | responseTemplates.application/json | *(absent)* | {} | ~ replace integration response |",
      "| 500 | selectionPattern | 5\\\\d\\\\d | 5.\\* | ~ replace integration response |",
    ]);
    expect(plan.resources).toEqual([{ name: "one", kind: "IntegrationResponse", op: "update" }]);
  });

  it("a MethodResponse: each of its fields read; a secret one recorded", () => {
    const plan = previewToPlan({
      steps: [
        single(MR, "update", { statusCode: "400", responseModels: { "application/json": "Error" }, revision: "r" }, {
          statusCode: "400",
          responseParameters: { [H]: true, "method.response.header.S": "[secret]" },
          responseModels: { "application/json": "Empty" },
          selectionPattern: "ignored",
        }),
      ],
    });
    expect(rows(plan)).toEqual([
      "| 400 | responseModels.application/json | Error | Empty | ~ update method response |",
      "| 400 | responseParameters.method.response.header.S | *(absent)* | (secret) | ~ update method response |",
      "| 400 | responseParameters.method.response.header.X | *(absent)* | true | ~ update method response |",
    ]);
    expect([...plan.secretFields]).toEqual([JSON.stringify(["400", "methodResponse", "responseParameters.method.response.header.S"])]);
  });

  it("last outputs of a response refreshed away (a revision, no fields): absent, so the update creates it", () => {
    const plan = previewToPlan({ steps: [single(MR, "update", { statusCode: "200", revision: "r" }, { statusCode: "200" }), single(IR, "update", { statusCode: "200", revision: "r" }, { statusCode: "200", selectionPattern: "" })] });
    expect(rows(plan)).toEqual(["| 200 | — | | | + create method response |", "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |"]);
  });

  it("last outputs without a revision and without fields: an empty response, nothing to do", () => {
    const plan = previewToPlan({ steps: [single(MR, "update", { statusCode: "200" }, { statusCode: "200" })] });
    expect(rows(plan)).toEqual([]);
    expect(plan.resources).toEqual([{ name: "one", kind: "MethodResponse", op: "update" }]);
  });

  it("a status code not known, or not a string: shown as not known", () => {
    for (const statusCode of [UNKNOWN_VALUE, 200, undefined]) {
      const plan = previewToPlan({ steps: [single(MR, "create", undefined, { statusCode })] });
      expect(rows(plan)).toEqual(["| (known after apply) | — | | | + create method response |"]);
    }
  });

  it("a single response leaves the other status codes of its method alone", () => {
    const plan = previewToPlan({
      steps: [
        single(MR, "update", { statusCode: "200", responseModels: {} }, { statusCode: "201" }),
        single(IR, "update", { statusCode: "400", selectionPattern: "4.*" }, { statusCode: "401", selectionPattern: "4.*" }),
      ],
    });
    expect(rows(plan)).toEqual(["| 201 | — | | | + create method response |", "| 401 | selectionPattern | *(absent)* | 4.\\* | + create integration response |"]);
  });

  it("a delete removes it", () => {
    const plan = previewToPlan({ steps: [single(IR, "delete", { statusCode: "400", selectionPattern: "4.*", revision: "r" }, undefined)] });
    expect(rows(plan)).toEqual(["| 400 | selectionPattern | 4.\\* | *(absent)* | - delete integration response |"]);
  });
});

describe("pr-comment: StageDeployment lines", () => {
  const sd = STAGE_DEPLOYMENT_TYPE;
  const ins = { restApiId: "a1", stageName: "prod", triggers: ["h1"], description: "d", variables: { v: "1" } };

  it.each([
    ["delete-replaced", "`s`: no longer managed; the stage `prod` of rest api `a1` keeps serving its last deployment."],
    ["discard", "`s`: no longer managed; the stage `prod` of rest api `a1` keeps serving its last deployment."],
    ["discard-replaced", "`s`: no longer managed; the stage `prod` of rest api `a1` keeps serving its last deployment."],
    ["create-replacement", "`s`: deploys the stage `prod` of rest api `a1` (created if missing)."],
  ])("%s", (op, line) => {
    const plan = previewToPlan({ steps: [{ op, urn: urn(sd, "s"), oldState: { type: sd, inputs: ins, outputs: {} } }] });
    expect(plan.deployments).toEqual([line]);
    expect(plan.unchanged).toBe(0);
  });

  it.each([
    ["nothing changed and no drift: the state has no deployment", ins, {}, "`s`: redeploys the stage `prod` of rest api `a1` (its state has no deployment)."],
    ["the variables changed", { ...ins, variables: { v: "2" } }, {}, "`s`: redeploys the stage `prod` of rest api `a1` (variables changed)."],
    ["the triggers, now absent", { ...ins, triggers: undefined }, {}, "`s`: redeploys the stage `prod` of rest api `a1` (triggers changed)."],
    ["a description not known", { ...ins, description: UNKNOWN_VALUE }, {}, "`s`: redeploys the stage `prod` of rest api `a1` (description known after apply)."],
    ["a drift that is not a list: ignored", ins, { stageDrift: "stage prod behind" }, "`s`: redeploys the stage `prod` of rest api `a1` (its state has no deployment)."],
    [
      "drift lines that are not strings: left out",
      ins,
      { stageDrift: [5, null, "GET /a 200", { x: 1 }, "GET /b 404"] },
      "`s`: redeploys the stage `prod` of rest api `a1` (the last refresh found the stage behind: `GET /a 200`, `GET /b 404`).",
    ],
    ["an empty drift", ins, { stageDrift: [] }, "`s`: redeploys the stage `prod` of rest api `a1` (its state has no deployment)."],
  ])("an update: %s", (_, news, outputs, line) => {
    const plan = previewToPlan({ steps: [{ op: "update", urn: urn(sd, "s"), oldState: { type: sd, inputs: ins, outputs }, newState: { type: sd, inputs: news } }] });
    expect(plan.deployments).toEqual([line]);
  });

  it("an update without a last state: every input set is a change; without outputs: no drift", () => {
    const plan = previewToPlan({
      steps: [
        { op: "update", urn: urn(sd, "s"), newState: { type: sd, inputs: ins } },
        { op: "update", urn: urn(sd, "t"), oldState: { type: sd, inputs: ins }, newState: { type: sd, inputs: { ...ins, triggers: ["h2"] } } },
        { op: "update", urn: urn(sd, "u"), oldState: { type: sd }, newState: { type: sd, inputs: { stageName: "x" } } },
      ],
    });
    expect(plan.deployments).toEqual([
      "`s`: redeploys the stage `prod` of rest api `a1` (triggers changed; description changed; variables changed).",
      "`t`: redeploys the stage `prod` of rest api `a1` (triggers changed).",
      "`u`: redeploys the stage `x` of rest api `?` (its state has no deployment).",
    ]);
  });

  it("no inputs, no name: \"?\"; ids masked when not known or secret", () => {
    const plan = previewToPlan({
      steps: [
        { op: "create", newState: { type: sd } },
        { op: "create", urn: 5, newState: { type: sd, inputs: { stageName: UNKNOWN_VALUE, restApiId: "[secret]" } } },
      ],
    });
    expect(plan.deployments).toEqual([
      "`?`: deploys the stage `?` of rest api `?` (created if missing).",
      "`?`: deploys the stage `(known after apply)` of rest api `(secret)` (created if missing).",
    ]);
  });

  it("ops without a line: only \"same\" is counted", () => {
    const plan = previewToPlan({
      steps: ["same", "read", "refresh", "replace", "import", undefined].map((op) => ({ op, urn: urn(sd, "s"), oldState: { type: sd, inputs: ins }, newState: { type: sd, inputs: ins } })),
    });
    expect(plan.deployments).toEqual([]);
    expect(plan.unchanged).toBe(1);
    expect(plan.plan.methods).toEqual([]);
  });

  it("in the whole comment: their own list after the notes, before the resources", () => {
    const plan = previewToPlan({
      steps: [
        setStep("create", "secret", undefined, method({ responses: "[secret]" })),
        { op: "create", urn: urn(sd, "dev"), newState: { type: sd, inputs: { ...ins, stageName: "dev" } } },
        { op: "delete", urn: urn(sd, "old"), oldState: { type: sd, inputs: { ...ins, stageName: "old" } } },
      ],
    });
    expect(renderPrComment(plan).text).toBe(
      [
        "## Pulumi preview: API Gateway responses",
        "",
        "No changes.",
        "",
        "- `secret` (ResponseSet, create): the responses are secret or not known before apply; not shown.",
        "",
        "Stage deployments:",
        "",
        "- `dev`: deploys the stage `dev` of rest api `a1` (created if missing).",
        "- `old`: no longer managed; the stage `old` of rest api `a1` keeps serving its last deployment.",
        "",
        "Pulumi resources: `secret` (ResponseSet, create).",
        "",
      ].join("\n"),
    );
  });
});

describe("pr-comment: within the length limit", () => {
  /** A note, three methods (2, 1 and 1 changes), a stage deployment, an unchanged resource and an error: 1,106 characters whole. */
  function preview(): PreviewPlan {
    const step = (i: number, codes: string[]) =>
      setStep("create", `s${i}`, undefined, { restApiId: "api1", path: `/p${i}`, httpMethod: "GET", responses: Object.fromEntries(codes.map((c) => [c, { methodResponse: {} }])) });
    return previewToPlan({
      steps: [
        // First: a method without changes (its responses are secret) is no section of its own.
        setStep("create", "n", undefined, { restApiId: "api1", path: "/n", httpMethod: "GET", responses: "[secret]" }),
        step(1, ["200", "404"]),
        step(2, ["200"]),
        step(3, ["500"]),
        { op: "same", urn: urn(RS, "u"), newState: { type: RS, inputs: {} } },
        { op: "create", urn: urn(STAGE_DEPLOYMENT_TYPE, "dev"), newState: { type: STAGE_DEPLOYMENT_TYPE, inputs: { restApiId: "api1", stageName: "dev" } } },
      ],
      diagnostics: [{ severity: "error" }],
    });
  }
  const FULL_LENGTH = 1106;
  const TABLE = ["| status code | field | live value | desired value | action |", "|---|---|---|---|---|"];
  const P1 = [
    "<details><summary>GET /p1 (rest api api1, resource (resolved from the path)) (2 changes)</summary>",
    "",
    "",
    ...TABLE,
    "| 200 | — | | | + create method response |",
    "| 404 | — | | | + create method response |",
    "",
    "</details>",
    "",
  ];
  const NOTE = "- `n` (ResponseSet, create): the responses are secret or not known before apply; not shown.";
  const folded = (limit: number, out: string[], methods: number, changes: number) =>
    [
      "## Pulumi preview: API Gateway responses",
      "",
      "Plan: 4 to create, 0 to update, 0 to replace, 0 to delete.",
      "",
      ...out,
      "",
      `**${methods} more method(s) with ${changes} change(s) are not shown**: the comment would exceed ${limit} characters. The whole plan: \`apigw-responses pr-comment --max-length 0\` on the same preview (the pull-request workflow attaches it as an artifact).`,
      "",
      "Stage deployments: 1 (the whole comment lists them).",
      "",
      "**The preview reported 1 error(s)**: see the job log.",
      "",
      "Pulumi resources: 4 with changes, 1 unchanged.",
      "",
    ].join("\n");

  it("a comment exactly at the limit is whole; 0 means no limit; the default is GitHub's 65,536", () => {
    const plan = preview();
    const full = renderPrComment(plan, { maxLength: 0 });
    expect(full.text.length).toBe(FULL_LENGTH);
    expect(full.text).toContain("Stage deployments:\n\n- `dev`: deploys");
    expect(renderPrComment(plan, { maxLength: FULL_LENGTH })).toEqual(full);
    expect(renderPrComment(plan, { maxLength: -1 })).toEqual(full);
    expect(renderPrComment(plan)).toEqual(full);
    expect(GITHUB_COMMENT_LIMIT).toBe(65_536);
  });

  it.each([
    [FULL_LENGTH - 1, [...P1, NOTE], 2, 2],
    [1034, [...P1, NOTE], 2, 2],
    [1033, P1, 2, 2],
    [942, P1, 2, 2],
    [941, [NOTE], 3, 4],
    [750, [NOTE], 3, 4],
    [749, [], 3, 4],
    [1, [], 3, 4],
  ])("limit %d: the totals first, the methods folded while they fit, then the notes, what is left out counted", (limit, out, methods, changes) => {
    const comment = renderPrComment(preview(), { maxLength: limit });
    expect(comment).toEqual({ text: folded(limit, out, methods, changes), omittedMethods: methods, omittedOperations: changes });
    if (limit >= 749) expect(comment.text.length).toBeLessThanOrEqual(limit);
  });

  it("every method fits once folded: none counted as left out, one change said in the singular", () => {
    const names = ["a".repeat(300), "b".repeat(300)];
    const plan = previewToPlan({
      steps: names.map((n, i) => setStep("create", n, undefined, { restApiId: "api1", path: `/p${i}`, httpMethod: "GET", responses: { "200": { methodResponse: {} } } })),
    });
    const full = renderPrComment(plan, { maxLength: 0 }).text;
    const section = (i: number) => [
      `<details><summary>GET /p${i} (rest api api1, resource (resolved from the path)) (1 change)</summary>`,
      "",
      "",
      ...TABLE,
      "| 200 | — | | | + create method response |",
      "",
      "</details>",
      "",
    ];
    expect(renderPrComment(plan, { maxLength: full.length - 1 })).toEqual({
      text: ["## Pulumi preview: API Gateway responses", "", "Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.", "", ...section(0), ...section(1), "", "Pulumi resources: 2 with changes.", ""].join("\n"),
      omittedMethods: 0,
      omittedOperations: 0,
    });
  });

  it("the default limit: a comment of 65,536 characters is whole, one more is folded", () => {
    const plan = (nameLength: number) =>
      previewToPlan({ steps: [setStep("create", "n".repeat(nameLength), undefined, method({ responses: { "200": { methodResponse: {} } } }))] });
    const base = renderPrComment(plan(1), { maxLength: 0 }).text.length;
    const atLimit = plan(1 + GITHUB_COMMENT_LIMIT - base);
    expect(renderPrComment(atLimit, { maxLength: 0 }).text.length).toBe(65_536);
    expect(renderPrComment(atLimit)).toEqual(renderPrComment(atLimit, { maxLength: 0 }));
    const over = renderPrComment(plan(2 + GITHUB_COMMENT_LIMIT - base));
    expect(over.text.split("\n").slice(-2)).toEqual(["Pulumi resources: 1 with changes.", ""]);
    expect(over.text).toContain("<details><summary>GET r1 (rest api api1, resource r1) (1 change)</summary>");
  });

  it("with an empty title: no line is taken for the title, every method is counted", () => {
    const plan = previewToPlan({
      steps: [1, 2, 3].map((i) => setStep("create", `s${i}`, undefined, { restApiId: "api1", path: `/p${i}`, httpMethod: "GET", responses: { "200": { methodResponse: {} }, ...(i === 2 ? { "404": { methodResponse: {} } } : {}) } })),
    });
    expect(renderPrComment(plan, { maxLength: 700, title: "" })).toEqual({
      text: [
        "Plan: 4 to create, 0 to update, 0 to replace, 0 to delete.",
        "",
        "",
        "**3 more method(s) with 4 change(s) are not shown**: the comment would exceed 700 characters. The whole plan: `apigw-responses pr-comment --max-length 0` on the same preview (the pull-request workflow attaches it as an artifact).",
        "",
        "Pulumi resources: 3 with changes.",
        "",
      ].join("\n"),
      omittedMethods: 3,
      omittedOperations: 4,
    });
    const withOne = renderPrComment(plan, { maxLength: 750, title: "" });
    expect(withOne.omittedMethods).toBe(2);
    expect(withOne.text.startsWith("Plan: 4 to create, 0 to update, 0 to replace, 0 to delete.\n\n<details><summary>GET /p1 (rest api api1, resource (resolved from the path)) (1 change)</summary>\n")).toBe(true);
  });
});

describe("pr-comment: more of the reading and the folding", () => {
  it("the engine's markers, as the engine writes them", () => {
    const type = "pulumi-nodejs:dynamic/apigw-responses:ResponseSet";
    const plan = previewToPlan({
      steps: [
        {
          op: "create",
          urn: "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/apigw-responses:ResponseSet::s",
          newState: {
            type,
            inputs: method({
              responses: {
                "200": {
                  integrationResponse: {
                    selectionPattern: "",
                    responseTemplates: { "application/json": { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "t" } },
                    responseParameters: { [H]: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
                  },
                },
              },
            }),
          },
        },
        { op: "create", urn: "urn:pulumi:dev::proj::x::d", newState: { type: "pulumi-nodejs:dynamic/apigw-responses:StageDeployment", inputs: { restApiId: "a", stageName: "s" } } },
        { op: "create", urn: "urn:pulumi:dev::proj::x::e", newState: { inputs: { restApiId: "a", stageName: "s" } } },
      ],
    });
    expect(rows(plan)).toEqual([
      "| 200 | responseParameters.method.response.header.X | *(absent)* | (known after apply) | + create integration response |",
      "| 200 | responseTemplates.application/json | *(absent)* | (secret) | + create integration response |",
      "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |",
    ]);
    expect(plan.deployments).toEqual(["`d`: deploys the stage `s` of rest api `a` (created if missing)."]);
  });

  it("an update without a new state deletes what the last state has; without a last state it creates what the inputs have", () => {
    const responses = { "200": { methodResponse: {} } };
    const plan = previewToPlan({
      steps: [
        { op: "update", urn: urn(RS, "a"), oldState: { type: RS, inputs: {}, outputs: method({ responses }) } },
        { op: "update", urn: urn(RS, "b"), newState: { type: RS, inputs: method({ resourceId: "r2", responses }) } },
      ],
    });
    expect(rows(plan)).toEqual(["| 200 | — | | | - delete method response |", "| 200 | — | | | + create method response |"]);
  });

  it("a table cell that reads like a heading does not start a section", () => {
    const step = (i: number) => setStep("create", `s${i}`, undefined, method({ resourceId: `r${i}`, responses: { "200": { integrationResponse: { selectionPattern: "", responseTemplates: { "text/plain": "## not a heading" } } } } }));
    const plan = previewToPlan({ steps: [step(1), step(2), setStep("create", "x".repeat(700), undefined, method({ resourceId: "r3", responses: {} }))] });
    const comment = renderPrComment(plan, { maxLength: 1000 });
    expect(comment.omittedMethods).toBe(1);
    expect(comment.omittedOperations).toBe(1);
    expect(comment.text).toContain(
      [
        "<details><summary>GET r1 (rest api api1, resource r1) (1 change)</summary>",
        "",
        "",
        "| status code | field | live value | desired value | action |",
        "|---|---|---|---|---|",
        "| 200 | responseTemplates.text/plain | *(absent)* | ## not a heading | + create integration response |",
        "| 200 | selectionPattern | *(absent)* | \"\" | + create integration response |",
        "",
        "</details>",
        "",
        "",
        "**1 more method(s) with 1 change(s) are not shown**",
      ].join("\n"),
    );
  });

  it.each([
    [1, []],
    [584, []],
    [585, ["- `first` (ResponseSet, create): the responses are secret or not known before apply; not shown."]],
    [681, ["- `first` (ResponseSet, create): the responses are secret or not known before apply; not shown."]],
    [682, ["- `first` (ResponseSet, create): the responses are secret or not known before apply; not shown.", "- `second` (ResponseSet, create): the responses are secret or not known before apply; not shown."]],
  ])("limit %d: the notes that fit, each counted once", (limit, notes) => {
    const plan = previewToPlan({
      steps: [
        setStep("create", "first", undefined, method({ responses: "[secret]" })),
        setStep("create", "second", undefined, method({ resourceId: "r2", responses: "[secret]" })),
        setStep("create", "x".repeat(700), undefined, method({ resourceId: "r3", responses: {} })),
      ],
    });
    expect(renderPrComment(plan, { maxLength: limit })).toEqual({
      text: ["## Pulumi preview: API Gateway responses", "", "No changes.", "", ...notes, "", "Pulumi resources: 3 with changes.", ""].join("\n"),
      omittedMethods: 0,
      omittedOperations: 0,
    });
  });
});
