/**
 * `apigw-responses export` against the local API Gateway (issue 13): a seeded API with
 * awkward values exported as YAML and JSON reads back to zero changes (`plan --spec`
 * exits 0, no write); the output is byte-identical on a second export; AWS_PROXY and
 * no-response methods are noted; bad input is one line, exit 1, nothing written; 1,200
 * resources cost 3 GetResources + 1 GetGatewayResponses.
 */
import { PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { PetStore } from "../../tools/demo/seed";
import { localClient, seedRestApi } from "../../tools/seed";
import { cli, cliSuite, hasStackTrace } from "../support/cli";
import { AWKWARD_TEMPLATE, seedAwkwardApi, YAMLISH } from "../support/export-fixture";
import { emulatorStats, liveResponses } from "../support/pulumi";
import { sharedMotoEndpoint } from "../support/workers";

describe("apigw-responses export", () => {
  const { endpoint, sdk, dir, ep } = cliSuite();
  let api: PetStore;

  beforeAll(async () => {
    ({ api } = await seedAwkwardApi(sdk, "export-awkward"));
  });

  const exportTo = (file: string, format: "yaml" | "json") => cli(["export", "--rest-api-id", api.restApiId, "--format", format, "--out", file, ...ep()]);

  it("yaml: the schema line, sorted methods by path, values exactly as live; plan --spec exits 0 with no write", async () => {
    const file = path.join(dir, "api.yaml");
    const r = await exportTo(file, "yaml");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^exported REST API \w+: 4 method\(s\) on 3 path\(s\), 2 customized gateway response\(s\) to .*api\.yaml in [\d.]+s \(calls: GetGatewayResponses 1, GetResources 1\)$/m);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./node_modules/pulumi-apigw-responses/schema/spec.schema.json");
    const spec = parse(text) as { methods: { path: string; httpMethod: string; responses: Record<string, { integrationResponse?: { responseTemplates?: Record<string, string>; selectionPattern?: string } }> }[]; gatewayResponses: Record<string, unknown>; gatewayResponsesExclusive: boolean };
    expect(spec.methods.map((m) => `${m.httpMethod} ${m.path}`)).toEqual(["GET /pets", "OPTIONS /pets", "GET /pets/{petId}", "ANY /{proxy+}"]);
    const get = spec.methods[0]!.responses;
    expect(get["200"]!.integrationResponse!.responseTemplates).toEqual({ "application/json": AWKWARD_TEMPLATE, "text/plain": "" });
    expect(get["500"]!.integrationResponse!.responseTemplates!["application/json"]).toBe(YAMLISH);
    expect(spec.methods[2]!.responses["404"]!.integrationResponse).toEqual({ selectionPattern: ".*(?i:not found).*", responseTemplates: { "application/json": "null", "application/xml": "yes" } });
    expect(Object.keys(spec.gatewayResponses)).toEqual(["DEFAULT_4XX", "THROTTLED"]);
    expect(spec.gatewayResponsesExclusive).toBe(true);
    expect(await liveResponses(sdk, api.restApiId, api.resources["/pets"]!)).toBeDefined();

    const before = (await emulatorStats(endpoint)).writes;
    const plan = await cli(["plan", "--spec", file, ...ep()]);
    expect([plan.code, plan.stderr]).toEqual([0, ""]);
    const drift = await cli(["drift", "--spec", file, ...ep()]);
    expect(drift.code, drift.stdout).toBe(0);
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });

  it("json: plan --spec exits 0 with no write; the notes on standard error", async () => {
    const file = path.join(dir, "api.json");
    const r = await exportTo(file, "json");
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(file, "utf8")) as { methods: unknown[] };
    expect(json.methods).toHaveLength(4);
    expect(r.stderr).toContain("note: OPTIONS /pets: no responses live; listed as none, so that responses added later show as drift\n");
    expect(r.stderr).toContain("note: ANY /{proxy+}: AWS_PROXY integration, whose integration responses play no part (AWS-26); its method responses are listed\n");
    const before = (await emulatorStats(endpoint)).writes;
    const plan = await cli(["plan", "--spec", file, ...ep()]);
    expect([plan.code, plan.stderr]).toEqual([0, ""]);
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });

  it("AWS-26: the exported file edited to add an integration response on the AWS_PROXY method: plan and apply refuse it (PROXY_INTEGRATION), writing nothing", async () => {
    const file = path.join(dir, "api.json");
    expect((await exportTo(file, "json")).code).toBe(0);
    const spec = JSON.parse(readFileSync(file, "utf8")) as { methods: { path: string; responses: Record<string, Record<string, unknown>> }[] };
    spec.methods.find((m) => m.path === "/{proxy+}")!.responses["200"]!.integrationResponse = {};
    const edited = path.join(dir, "proxy.json");
    writeFileSync(edited, JSON.stringify(spec));
    const before = (await emulatorStats(endpoint)).writes;
    for (const command of ["plan", "apply"]) {
      const r = await cli([command, "--spec", edited, ...ep()]);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toMatch(/PROXY_INTEGRATION: ANY .*status code 200: .*AWS_PROXY.*AWS-26/);
    }
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });

  it("a live value that no spec file may ask for (selection pattern \"-\", AWS-17): one error naming the method and the rule, exit 1, nothing written", async () => {
    const odd = await seedRestApi(sdk, { name: "export-dash", resources: 1, pathPart: () => "dash" });
    const key = { restApiId: odd.restApiId, resourceId: odd.resources[0]!.id, httpMethod: "GET" };
    await sdk.send(new PutMethodResponseCommand({ ...key, statusCode: "400" }));
    await sdk.send(new PutIntegrationResponseCommand({ ...key, statusCode: "400", selectionPattern: "-" }));
    const out = path.join(dir, "dash.yaml");
    const r = await cli(["export", "--rest-api-id", odd.restApiId, "--out", out, ...ep()]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: REST API \w+ holds values that a spec file refuses to ask for, .*nothing was written\..* GET \/dash, responses\.400\.integrationResponse\.selectionPattern: .*AWS-17/);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it("a second export is byte-identical (yaml on standard output, json)", async () => {
    for (const format of ["yaml", "json"] as const) {
      const a = await cli(["export", "--rest-api-id", api.restApiId, "--format", format, ...ep()]);
      const b = await cli(["export", "--rest-api-id", api.restApiId, "--format", format, ...ep()]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.stdout).toBe(a.stdout);
      // Standard output (not a terminal) carries the values raw: the bidi character is not escaped.
      expect(a.stdout).toContain("\u202e");
    }
  });

  it("AWS_PROXY and no-response methods: a comment above each in yaml", async () => {
    const r = await cli(["export", "--rest-api-id", api.restApiId, ...ep()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}# OPTIONS \/pets: no responses live; listed as none, so that responses added later show as drift\n {2}- path: \/pets\n {4}httpMethod: OPTIONS\n {4}responses: \{\}$/m);
    expect(r.stdout).toMatch(/^ {2}# ANY \/\{proxy\+\}: AWS_PROXY integration, whose integration responses play no part \(AWS-26\); its method responses are listed\n {2}- path: \/\{proxy\+\}\n/m);
    expect(r.stderr).toContain("2 note(s) written as comments in the file\n");
  });

  it("--path globs: only the matching resources; braces are literal", async () => {
    const r = await cli(["export", "--rest-api-id", api.restApiId, "--format", "json", "--path", "/pets/{petId}", "--path", "/{proxy+}", "--no-gateway-responses", ...ep()]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { methods: { path: string }[]; gatewayResponses?: unknown };
    expect(json.methods.map((m) => m.path)).toEqual(["/pets/{petId}", "/{proxy+}"]);
    expect(json.gatewayResponses).toBeUndefined();
    expect(r.stderr).toMatch(/\(calls: GetResources 1\)$/m);
    const all = await cli(["export", "--rest-api-id", api.restApiId, "--format", "json", "--path", "/pets/**", ...ep()]);
    expect((JSON.parse(all.stdout) as { methods: { path: string }[] }).methods.map((m) => m.path)).toEqual(["/pets/{petId}"]);
  });

  it("bad input: one line on stderr, exit 1, nothing written", async () => {
    const bad = path.join(dir, "bad");
    mkdirSync(bad);
    const out = path.join(bad, "x.yaml");
    const cases: [string[], RegExp][] = [
      [["--rest-api-id", "nosuchapi1", "--out", out], /^error: REST_API_NOT_FOUND: REST API nosuchapi1 does not exist/],
      [["--rest-api-id", api.restApiId, "--path", "/nothing/*", "--out", out], /^error: --path "\/nothing\/\*" matches no resource of REST API \w+ /],
      [["--rest-api-id", api.restApiId, "--out", path.join(bad, "no-such-folder", "x.yaml")], /^error: cannot write --out .*no-such-folder\/x\.yaml: ENOENT/],
      [["--rest-api-id", api.restApiId, "--out", bad], /^error: cannot write --out .*bad: it is a folder/],
      // A Pulumi project folder that the export makes is removed again when it fails.
      [["--rest-api-id", "nosuchapi1", "--format", "typescript", "--out", `${path.join(bad, "program")}/`], /^error: REST_API_NOT_FOUND: REST API nosuchapi1 does not exist/],
      [["--rest-api-id", api.restApiId, "--format", "typescript", "--path", "/nothing/*", "--out", path.join(bad, "index.ts")], /^error: --path "\/nothing\/\*" matches no resource/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(["export", ...args, ...ep()]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.trimEnd().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stdout).toBe("");
      expect(readdirSync(bad)).toEqual([]);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("--help has examples", async () => {
    const r = await cli(["export", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--rest-api-id <id>");
    expect(r.stdout).toContain("$ apigw-responses export --rest-api-id");
    expect(r.stdout).toContain("$ apigw-responses export --rest-api-id a1b2c3d4e5 --format typescript --out responses/");
  });

  it("1,200 resources: 3 GetResources + 1 GetGatewayResponses; plan of the export exits 0", async () => {
    const moto = localClient(sharedMotoEndpoint());
    const t0 = Date.now();
    const big = await seedRestApi(moto, { name: "export-1200", resources: 1200, methods: 200, concurrency: 16 });
    moto.destroy();
    const seeded = Date.now() - t0;
    const file = path.join(dir, "big.yaml");
    const t1 = Date.now();
    const r = await cli(["export", "--rest-api-id", big.restApiId, "--out", file, ...ep()], { timeoutMs: 120_000 });
    const exported = Date.now() - t1;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/: 200 method\(s\) on 200 path\(s\), 0 customized gateway response\(s\) to .* in [\d.]+s \(calls: GetGatewayResponses 1, GetResources 3\)$/m);
    console.log(`export of 1,200 resources: ${exported} ms wall (the command's own line: ${r.stderr.trim().split("\n").at(-1)}); seeding took ${seeded} ms`);
    const plan = await cli(["plan", "--spec", file, ...ep()], { timeoutMs: 120_000 });
    expect([plan.code, plan.stderr]).toEqual([0, ""]);
  }, 240_000);
});
