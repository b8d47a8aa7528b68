/**
 * `apigw-responses plan` against the local API Gateway: exit codes (0 in sync, 2 changes,
 * 1 error), the three formats, the markdown of a plan with creates, updates, replaces and
 * deletes checked line by line, and errors as one line with zero AWS calls for a bad spec.
 */
import { PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { emulatorStats } from "../support/pulumi";
import { cli, cliSuite, hasStackTrace, writeSpec } from "../support/cli";

describe("apigw-responses plan", () => {
  const { endpoint, sdk, dir, ep } = cliSuite();
  let api: PetStore;
  let spec: string;

  beforeAll(async () => {
    api = await seedPetStore(sdk);
    const pet = api.resources["/pets/{petId}"]!;
    const base = { restApiId: api.restApiId, resourceId: pet, httpMethod: "GET" };
    // Live: 200 (one header, template "old"), and 418 that the spec does not name.
    await sdk.send(new PutMethodResponseCommand({ ...base, statusCode: "200", responseParameters: { "method.response.header.X-A": false } }));
    await sdk.send(new PutIntegrationResponseCommand({ ...base, statusCode: "200", selectionPattern: "2\\d{2}", responseTemplates: { "application/json": "old" } }));
    await sdk.send(new PutMethodResponseCommand({ ...base, statusCode: "418" }));
    spec = writeSpec(dir, "api.yaml", {
      restApiId: api.restApiId,
      region: "us-east-1",
      methods: [
        {
          path: "/pets/{petId}",
          httpMethod: "GET",
          responses: {
            "200": {
              methodResponse: { responseParameters: { "method.response.header.X-A": true, "method.response.header.X-B": false } },
              integrationResponse: { selectionPattern: "2\\d{2}", responseTemplates: { "application/json": "new | <b>" } },
            },
            "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404" } },
          },
        },
      ],
    });
  });
  it("markdown: a table per method with creates, updates, replaces and deletes, line by line; exit 2", async () => {
    const r = await cli(["plan", "--spec", spec, "--format", "markdown", ...ep()]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(2);
    const pet = api.resources["/pets/{petId}"];
    expect(r.stdout.split("\n")).toEqual([
      "## API Gateway responses plan",
      "",
      `### GET /pets/{petId} (rest api ${api.restApiId}, resource ${pet})`,
      "",
      "| status code | field | live value | desired value | action |",
      "|---|---|---|---|---|",
      "| 200 | responseParameters.method.response.header.X-A | false | true | ~ update method response |",
      "| 200 | responseParameters.method.response.header.X-B | *(absent)* | false | ~ update method response |",
      "| 404 | — | | | + create method response |",
      "| 200 | responseTemplates.application/json | old | new \\| &lt;b&gt; | ~ replace integration response |",
      "| 404 | selectionPattern | *(absent)* | 404 | + create integration response |",
      "| 418 | — | | | - delete method response |",
      "",
      "Plan: 2 to create, 1 to update, 1 to replace, 1 to delete.",
      "",
    ]);
  });

  it("text and json render the same plan; JSON is machine-readable", async () => {
    const text = await cli(["plan", "--spec", spec, ...ep()]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("~ UpdateMethodResponse 200 (update method response)");
    expect(text.stdout).toContain("- DeleteMethodResponse 418 (delete method response)");
    expect(text.stdout.trim().split("\n").at(-1)).toBe("Plan: 2 to create, 1 to update, 1 to replace, 1 to delete.");
    const json = await cli(["plan", "--spec", spec, "--format", "json", ...ep()]);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as { inSync: boolean; operationCount: number; methods: { operations: { kind: string; statusCode: string }[] }[] };
    expect(parsed.inSync).toBe(false);
    expect(parsed.operationCount).toBe(5);
    expect(parsed.methods[0]!.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual([
      "UpdateMethodResponse 200",
      "PutMethodResponse 404",
      "PutIntegrationResponse 200",
      "PutIntegrationResponse 404",
      "DeleteMethodResponse 418",
    ]);
  });

  it("exit 0 and 'No changes.' once in sync (after apply), in every format", async () => {
    expect((await cli(["apply", "--spec", spec, ...ep()])).code).toBe(0);
    const text = await cli(["plan", "--spec", spec, ...ep()]);
    expect([text.code, text.stdout]).toEqual([0, "No changes.\n"]);
    const md = await cli(["plan", "--spec", spec, "--format", "markdown", ...ep()]);
    expect([md.code, md.stdout]).toEqual([0, "## API Gateway responses plan\n\nNo changes.\n"]);
    const json = await cli(["plan", "--spec", spec, "--format", "json", ...ep()]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ inSync: true, operationCount: 0 });
  });

  it("a JSON spec file works as well as YAML", async () => {
    const file = writeSpec(dir, "api.json", { restApiId: api.restApiId, methods: [{ path: "/pets", httpMethod: "GET", responses: { "200": { methodResponse: {} } } }] });
    const r = await cli(["plan", "--spec", file, ...ep()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("+ PutMethodResponse 200");
  });

  it("an invalid spec: exit 1, every problem on its own line with the property and the rule, zero AWS calls", async () => {
    const bad = writeSpec(dir, "bad.yaml", {
      restApiId: api.restApiId,
      methods: [{ path: "/pets", httpMethod: "FETCH", responses: { "600": { methodResponse: {} }, "200": { integrationResponse: { selectionPattern: "-" } } } }],
    });
    const before = (await emulatorStats(endpoint)).totalCalls;
    const r = await cli(["plan", "--spec", bad, ...ep()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^error: invalid spec .*bad\.yaml: 3 problems$/);
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^ {2}- methods\[0\]\.httpMethod: httpMethod "FETCH" must be one of /),
      expect.stringMatching(/^ {2}- methods\[0\]\.responses\.200\.integrationResponse\.selectionPattern: selectionPattern "-" .*\(AWS-17\)$/),
      expect.stringMatching(/^ {2}- methods\[0\]\.responses\.600: status code "600" must match .*\(AWS-7\)$/),
    ]);
    expect((await emulatorStats(endpoint)).totalCalls).toBe(before);
    const verbose = await cli(["plan", "--spec", bad, "--verbose", ...ep()]);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr.trimEnd().split("\n")).toEqual(lines);
    expect(hasStackTrace(verbose.stderr)).toBe(false);
  });

  it("user mistakes are one line and exit 1: missing file, broken YAML, unknown path, bad options", async () => {
    const broken = path.join(dir, "broken.yaml");
    writeFileSync(broken, "restApiId: [\n");
    const missingPath = writeSpec(dir, "nopath.yaml", { restApiId: api.restApiId, methods: [{ path: "/nope", httpMethod: "GET", responses: {} }] });
    const missingPaths = writeSpec(dir, "nopaths.yaml", {
      restApiId: api.restApiId,
      methods: [
        { path: "/nope", httpMethod: "GET", responses: {} },
        { path: "/pets", httpMethod: "GET", responses: {} },
        { path: "/nada", httpMethod: "GET", responses: {} },
      ],
    });
    const cases: [string[], RegExp][] = [
      [["plan", "--spec", path.join(dir, "absent.yaml")], /^error: spec file .*absent\.yaml does not exist$/],
      [["plan", "--spec", broken], /^error: .*broken\.yaml is not valid YAML \(line \d+, column \d+\): /],
      [["plan", "--spec", missingPath, ...ep()], /^error: PATH_NOT_FOUND: resource path "\/nope" does not exist in REST API .* \(GetResources request id [\w-]+\)$/],
      [["plan", "--spec", missingPaths, ...ep()], /^error: PATH_NOT_FOUND: 2 resource paths do not exist: "\/nope", "\/nada" in REST API /],
      [["plan", "--spec", spec, "--rate", "fast", ...ep()], /^error: --rate: rate "fast" must be RPS:BURST/],
      [["plan", "--spec", spec, "--deadline", "soon", ...ep()], /^error: --deadline: duration "soon"/],
      // The region is checked before the SDK builds an endpoint from it (issue 15, defect 11).
      [["plan", "--spec", spec, "--region", "eu west 1", ...ep()], /^error: --region: region "eu west 1" is not an AWS region name: .* e\.g\. eu-west-1/],
      [["plan", "--spec", spec, "--region", "EU-WEST-1", ...ep()], /^error: --region: region "EU-WEST-1" is not an AWS region name/],
      [["plan", "--spec", spec, "--format", "html"], /^error: option '--format <format>' argument 'html' is invalid/],
      [["plan"], /^error: required option '--spec <file>' not specified$/],
    ];
    for (const [args, pattern] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(1);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });

  it("a REST API that does not exist: exit 1 with the request id", async () => {
    const file = writeSpec(dir, "noapi.yaml", { restApiId: "doesnotexist", methods: [{ resourceId: "abc123", httpMethod: "GET", responses: { "200": { methodResponse: {} } } }] });
    const r = await cli(["plan", "--spec", file, ...ep()]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: .*request id/);
    // GetMethod says "Invalid Method identifier" for a missing REST API too (AWS-8): GetRestApi tells them apart.
    expect(r.stderr.trimEnd()).toMatch(/^error: REST_API_NOT_FOUND: REST API doesnotexist does not exist in this account and region \(check restApiId and the region\), so GET abc123 \(rest api doesnotexist, resource abc123\) cannot be read or written\. GetRestApi said: NotFoundException: .* \(request id [\w-]+\)$/);
    const json = await cli(["plan", "--spec", file, "--format", "json", ...ep()]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: "REST_API_NOT_FOUND" }, report: null, remaining: null });
  });
});
