import { describe, expect, it } from "vitest";
import type { DesiredMethod, MethodKey, ObservedMethod, Plan } from "../src/model";
import type { DesiredGatewayResponses } from "../src/gateway-responses";
import { normalizeDesiredResponses, normalizeGatewayResponse, normalizeLiveGatewayResponses } from "../src/normalize";
import { planGatewayResponses } from "../src/plan/gateway-responses";
import { planMethod } from "../src/plan/method";
import { escapeHtmlText, escapeMarkdownCell, markdownCode, operationAction, planToJson, renderPlanMarkdown, renderPlanText } from "../src/render";

const key: MethodKey = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };
const X = "method.response.header.X";
const longTemplate = "x".repeat(200);

/** A plan with every kind of operation. */
function samplePlan(): Plan {
  const d: DesiredMethod = {
    key,
    path: "/users",
    exclusive: true,
    responses: normalizeDesiredResponses({
      "200": {
        methodResponse: { responseParameters: { [X]: true } },
        integrationResponse: { responseParameters: { [X]: "'a|b'" }, responseTemplates: { "application/json": '#set($a = 1)\n{"a": <b>$a</b>}' } },
      },
      "201": { methodResponse: {} },
    }),
  };
  const o: ObservedMethod = {
    key,
    exists: true,
    integrationType: "MOCK",
    responses: normalizeDesiredResponses({
      "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": longTemplate } } },
      "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d\\d" } },
    }),
  };
  const inSync: DesiredMethod = { key: { ...key, resourceId: "res2" }, exclusive: true, responses: {} };
  return { methods: [planMethod(inSync, { key: inSync.key, exists: true, responses: {} }), planMethod(d, o)] };
}

const empty: Plan = { methods: [{ key, operations: [] }] };

describe("renderPlanText", () => {
  it("says No changes. when in sync", () => {
    expect(renderPlanText(empty)).toBe("No changes.");
    expect(renderPlanText({ methods: [] })).toBe("No changes.");
  });

  it("renders one line per operation with +/~/- and the field changes", () => {
    const lines = renderPlanText(samplePlan()).split("\n");
    expect(lines).toEqual([
      "GET /users (rest api api1, resource res1)",
      "  - DeleteIntegrationResponse 500 (delete integration response)",
      '      selectionPattern: "5\\\\d\\\\d" → (absent)',
      "  ~ UpdateMethodResponse 200 (update method response)",
      `      responseParameters.${X}: (absent) → true`,
      "  + PutMethodResponse 201 (create method response)",
      "  ~ PutIntegrationResponse 200 (replace integration response)",
      `      responseParameters.${X}: (absent) → "'a|b'"`,
      `      responseTemplates.application/json: "${"x".repeat(78)}… → "#set($a = 1)\\n{\\"a\\": <b>$a</b>}"`,
      "  - DeleteMethodResponse 500 (delete method response)",
      "Plan: 1 to create, 1 to update, 1 to replace, 2 to delete.",
    ]);
  });

  it("masks secret values", () => {
    const text = renderPlanText(samplePlan(), { isSecret: (field, _code, kind) => field === `responseParameters.${X}` && kind === "PutIntegrationResponse" });
    expect(text).toContain(`      responseParameters.${X}: (absent) → (secret)`);
    expect(text).toContain(`      responseParameters.${X}: (absent) → true`);
    expect(text).not.toContain("a|b");
  });
});

describe("renderPlanMarkdown", () => {
  it("renders a table per method, line by line", () => {
    const lines = renderPlanMarkdown(samplePlan()).split("\n");
    expect(lines).toEqual([
      "## API Gateway responses plan",
      "",
      "### GET /users (rest api api1, resource res1)",
      "",
      "| status code | field | live value | desired value | action |",
      "|---|---|---|---|---|",
      "| 500 | selectionPattern | 5\\\\d\\\\d | *(absent)* | - delete integration response |",
      `| 200 | responseParameters.${X} | *(absent)* | true | ~ update method response |`,
      "| 201 | — | | | + create method response |",
      `| 200 | responseParameters.${X} | *(absent)* | 'a\\|b' | ~ replace integration response |`,
      `| 200 | responseTemplates.application/json | ${"x".repeat(79)}… | #set(\\$a = 1)<br>{"a": &lt;b&gt;\\$a&lt;/b&gt;} | ~ replace integration response |`,
      "| 500 | — | | | - delete method response |",
      "",
      "Plan: 1 to create, 1 to update, 1 to replace, 2 to delete.",
      "",
    ]);
  });

  it("keeps every table row at five cells (pipes escaped, no raw line breaks)", () => {
    for (const line of renderPlanMarkdown(samplePlan()).split("\n").filter((l) => l.startsWith("|"))) {
      const cells = line.replace(/\\\|/g, "").split("|");
      expect(cells.length, line).toBe(7);
    }
  });

  it("says No changes. when in sync, and lists in-sync methods on request", () => {
    expect(renderPlanMarkdown(empty)).toBe("## API Gateway responses plan\n\nNo changes.\n");
    expect(renderPlanMarkdown(empty, { title: "" })).toBe("No changes.\n");
    const lines = renderPlanMarkdown(samplePlan(), { showInSync: true, title: "Plan", headingLevel: 3 }).split("\n");
    expect(lines.slice(0, 6)).toEqual(["### Plan", "", "#### GET res2 (rest api api1, resource res2)", "", "In sync.", ""]);
  });

  it("masks secrets and cuts long values at maxValueLength", () => {
    const md = renderPlanMarkdown(samplePlan(), { isSecret: (f) => f.startsWith("responseTemplates."), mask: "***", maxValueLength: 10 });
    expect(md).toContain("| 200 | responseTemplates.application/json | \\*\\*\\* | \\*\\*\\* | ~ replace integration response |");
    expect(md).toContain("| 500 | selectionPattern | 5\\\\d\\\\d | *(absent)* |");
    expect(md).not.toContain("#set");
  });

  it("escapes cells", () => {
    expect(escapeMarkdownCell("a|b\r\nc\nd <e> & `f` *g* _h_ [i] ~j~ $k\\")).toBe(
      "a\\|b<br>c<br>d &lt;e&gt; &amp; \\`f\\` \\*g\\* \\_h\\_ \\[i\\] \\~j\\~ \\$k\\\\",
    );
  });
});

describe("planToJson", () => {
  it("is stable, JSON-safe and complete", () => {
    const json = planToJson(samplePlan());
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.inSync).toBe(false);
    expect(json.operationCount).toBe(5);
    expect(Object.keys(json)).toEqual(["inSync", "methods", "operationCount"]);
    const ops = json.methods[1]?.operations ?? [];
    expect(ops.map((o) => `${o.action} ${o.kind} ${o.statusCode}`)).toEqual([
      "delete DeleteIntegrationResponse 500",
      "update UpdateMethodResponse 200",
      "create PutMethodResponse 201",
      "replace PutIntegrationResponse 200",
      "delete DeleteMethodResponse 500",
    ]);
    expect(ops[1]?.patch).toEqual([{ op: "add", path: `/responseParameters/${X}`, value: "true" }]);
    expect(ops[3]?.body).toEqual({
      responseParameters: { [X]: "'a|b'" },
      responseTemplates: { "application/json": '#set($a = 1)\n{"a": <b>$a</b>}' },
      selectionPattern: "",
    });
    expect(json.methods[0]).toEqual({ httpMethod: "GET", operations: [], resourceId: "res2", restApiId: "api1" });
    expect(JSON.stringify(planToJson(samplePlan()))).toBe(JSON.stringify(json));
  });

  it("masks secret values in changes, patches and bodies", () => {
    const json = planToJson(samplePlan(), { isSecret: (f) => f === `responseParameters.${X}` });
    const text = JSON.stringify(json);
    expect(text).not.toContain("a|b");
    expect(json.methods[1]?.operations[1]?.patch).toEqual([{ op: "add", path: `/responseParameters/${X}`, value: "(secret)" }]);
    expect(json.methods[1]?.operations[3]?.changes[0]).toEqual({ desired: "(secret)", field: `responseParameters.${X}` });
  });

  it("names actions", () => {
    const ops = samplePlan().methods[1]?.operations ?? [];
    expect(ops.map(operationAction)).toEqual(["delete", "update", "create", "replace", "delete"]);
  });
});

describe("gateway responses in the renderings", () => {
  // Built by each test, not when the file is collected: a mutation run then knows which test covers what.
  const gatewayPlan = (): { desired: DesiredGatewayResponses; p: Plan } => {
    const observed = normalizeLiveGatewayResponses("a1", [
      { responseType: "WAF_FILTERED", defaultResponse: false, statusCode: "418" },
      { responseType: "UNAUTHORIZED", defaultResponse: false, statusCode: "401", responseTemplates: { "application/json": "{}" } },
    ]);
    const desired: DesiredGatewayResponses = {
      restApiId: "a1",
      exclusive: true,
      responses: {
        DEFAULT_4XX: normalizeGatewayResponse("DEFAULT_4XX", { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } }),
        UNAUTHORIZED: normalizeGatewayResponse("UNAUTHORIZED", { statusCode: "401", responseTemplates: { "application/json": '{"m":"a|b"}' } }),
      },
    };
    return { desired, p: { methods: [], gatewayResponses: [planGatewayResponses(desired, observed)] } };
  };

  it("text: one line per response type after the methods, its field changes, the summary counts them", () => {
    const { p } = gatewayPlan();
    expect(renderPlanText(p)).toBe(
      [
        "gateway responses (rest api a1)",
        "  + PutGatewayResponse DEFAULT_4XX (create customization of the default)",
        "      defaultResponse: true → false",
        `      responseParameters.gatewayresponse.header.Access-Control-Allow-Origin: (absent) → "'*'"`,
        "  ~ PutGatewayResponse UNAUTHORIZED (replace customization)",
        `      responseTemplates.application/json: "{}" → "{\\"m\\":\\"a|b\\"}"`,
        "  - DeleteGatewayResponse WAF_FILTERED (delete customization: reset to the default)",
        "      defaultResponse: false → true",
        `      statusCode: "418" → "403"`,
        "Plan: 1 to create, 0 to update, 1 to replace, 1 to delete.",
      ].join("\n"),
    );
  });

  it("markdown: a table per REST API, cells escaped", () => {
    const md = renderPlanMarkdown(gatewayPlan().p);
    expect(md).toContain("### gateway responses (rest api a1)\n\n| response type | field | live value | desired value | action |\n|---|---|---|---|---|\n");
    expect(md).toContain('| UNAUTHORIZED | responseTemplates.application/json | {} | {"m":"a\\|b"} | ~ replace customization |');
    expect(md).toContain("| WAF\\_FILTERED | statusCode | 418 | 403 | - delete customization: reset to the default |");
  });

  it("JSON: gatewayResponses only when the plan covers them; a put carries its whole body", () => {
    const { desired, p } = gatewayPlan();
    const json = planToJson(p);
    expect(json.operationCount).toBe(3);
    expect(json.gatewayResponses?.[0]?.operations.map((o) => [o.kind, o.action, o.responseType])).toEqual([
      ["PutGatewayResponse", "create", "DEFAULT_4XX"],
      ["PutGatewayResponse", "replace", "UNAUTHORIZED"],
      ["DeleteGatewayResponse", "delete", "WAF_FILTERED"],
    ]);
    expect(json.gatewayResponses?.[0]?.operations[0]?.body).toEqual(desired.responses.DEFAULT_4XX);
    expect("gatewayResponses" in planToJson({ methods: [] })).toBe(false);
    expect(renderPlanText({ methods: [], gatewayResponses: [{ restApiId: "a1", operations: [] }] })).toBe("No changes.");
  });
});

describe("escapeHtmlText and markdownCode", () => {
  it("escapeHtmlText: the four HTML-special characters, and references broken", () => {
    expect(escapeHtmlText(`<a href="x">&</a> @octocat #12`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt; @&#8203;octocat #&#8203;12");
  });

  it("markdownCode: a fence longer than any backtick run; padded when the content starts or ends with a backtick or a space", () => {
    expect(markdownCode("a")).toBe("`a`");
    expect(markdownCode("a``b")).toBe("```a``b```");
    expect(markdownCode("`a")).toBe("`` `a ``");
    expect(markdownCode("a`")).toBe("`` a` ``");
    expect(markdownCode(" a")).toBe("`  a `");
    expect(markdownCode("a ")).toBe("` a  `");
  });
});
