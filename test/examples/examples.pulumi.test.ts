/**
 * Every example type-checks (one shared examples/tsconfig.json); those that can run here
 * (all but with-pulumi-aws, whose aws plugin cannot be installed) run `pulumi up` against
 * the local API Gateway on the seeded pet-store API, converge, and are destroyed.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { GetExportCommand, GetGatewayResponseCommand, GetMethodCommand, PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, describe, expect, it } from "vitest";
import { seedPetStore } from "../../tools/demo/seed";
import { createStack, liveGatewayCustomizations, liveResponses, sdkClient } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLES = path.join(ROOT, "examples");

describe("examples", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  afterAll(() => sdk.destroy());

  it("every example folder has Pulumi.yaml, index.ts and README.md, and all type-check", async () => {
    const dirs = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(dirs).toEqual(["adopt-existing", "basic", "cors", "error-mapping", "gitops", "with-pulumi-aws"]);
    for (const d of dirs) {
      const files = readdirSync(path.join(EXAMPLES, d));
      for (const f of ["Pulumi.yaml", "index.ts", "README.md"]) expect(files, d).toContain(f);
    }
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const { stdout } = await promisify(execFile)(process.execPath, [tsc, "-p", path.join(EXAMPLES, "tsconfig.json"), "--listFiles"], { cwd: ROOT });
    for (const d of dirs) expect(stdout).toContain(path.join(EXAMPLES, d, "index.ts"));
  });

  const runs: [string, (api: Awaited<ReturnType<typeof seedPetStore>>) => Promise<void>][] = [
    [
      "basic",
      async (api) => {
        const live = await liveResponses(sdk, api.restApiId, api.resources["/pets"]!);
        expect(Object.keys(live)).toEqual(["200", "500"]);
        expect(live["500"]?.integrationResponse?.selectionPattern).toBe("^\\[Internal\\].*");
      },
    ],
    [
      "cors",
      async (api) => {
        const preflight = await liveResponses(sdk, api.restApiId, api.resources["/pets"]!, "OPTIONS");
        expect(preflight["200"]?.integrationResponse?.responseParameters["method.response.header.Access-Control-Allow-Origin"]).toBe("'https://app.example.com'");
        expect(Object.keys(preflight["200"]?.methodResponse?.responseParameters ?? {})).toHaveLength(4);
        // The errors API Gateway answers by itself carry the header too.
        const origin = { "gatewayresponse.header.Access-Control-Allow-Origin": "'https://app.example.com'" };
        const gateway = await liveGatewayCustomizations(sdk, api.restApiId);
        expect(Object.keys(gateway)).toEqual(["DEFAULT_4XX", "DEFAULT_5XX"]);
        for (const type of ["DEFAULT_4XX", "DEFAULT_5XX"] as const) expect(gateway[type]?.responseParameters, type).toEqual(origin);
        // The raw answers, not through the code under test. The preflight: the template "" reads
        // back null (AWS-16), the default's selectionPattern "" as "" (AWS-17).
        const header = (h: string) => `method.response.header.Access-Control-Allow-${h}`;
        const raw = await sdk.send(new GetMethodCommand({ restApiId: api.restApiId, resourceId: api.resources["/pets"]!, httpMethod: "OPTIONS" }));
        expect(raw.methodResponses).toEqual({
          "200": { statusCode: "200", responseParameters: { [header("Headers")]: true, [header("Methods")]: true, [header("Origin")]: true, "method.response.header.Access-Control-Max-Age": true }, responseModels: { "application/json": "Empty" } },
        });
        expect(raw.methodIntegration?.integrationResponses).toEqual({
          "200": {
            statusCode: "200",
            selectionPattern: "",
            responseParameters: { [header("Headers")]: "'Content-Type,Authorization'", [header("Methods")]: "'GET,OPTIONS'", [header("Origin")]: "'https://app.example.com'", "method.response.header.Access-Control-Max-Age": "'600'" },
            responseTemplates: { "application/json": null },
          },
        });
        // DEFAULT_5XX put without a status code reads back without one, with the default template (AWS-35, AWS-36).
        const { $metadata: _m, ...gateway5xx } = await sdk.send(new GetGatewayResponseCommand({ restApiId: api.restApiId, responseType: "DEFAULT_5XX" }));
        expect(gateway5xx).toEqual({ defaultResponse: false, responseParameters: origin, responseTemplates: { "application/json": '{"message":$context.error.messageString}' }, responseType: "DEFAULT_5XX" });
        // Deployed: the stage's export carries the preflight's header and the gateway responses'.
        const out = await sdk.send(new GetExportCommand({ restApiId: api.restApiId, stageName: "prod", exportType: "oas30", parameters: { extensions: "apigateway" }, accepts: "application/json" }));
        const doc = JSON.parse(new TextDecoder().decode(out.body)) as any;
        expect(doc.paths["/pets"].options["x-amazon-apigateway-integration"].responses.default.responseParameters["method.response.header.Access-Control-Allow-Origin"]).toBe("'https://app.example.com'");
        expect(doc["x-amazon-apigateway-gateway-responses"].DEFAULT_4XX.responseParameters).toEqual(origin);
      },
    ],
    [
      "error-mapping",
      async (api) => {
        const lambda = await liveResponses(sdk, api.restApiId, api.resources["/pets"]!);
        expect(Object.keys(lambda)).toEqual(["200", "400", "404", "500", "504"]);
        const http = await liveResponses(sdk, api.restApiId, api.resources["/pets/{petId}"]!);
        expect(http["502"]?.integrationResponse?.selectionPattern).toBe("");
      },
    ],
    [
      "adopt-existing",
      async (api) => {
        const pet = await liveResponses(sdk, api.restApiId, api.resources["/pets/{petId}"]!);
        // The hand-made 500 was adopted and removed (exclusive), 404 converged.
        expect(Object.keys(pet)).toEqual(["200", "404"]);
        expect(pet["404"]?.integrationResponse?.responseTemplates).toEqual({ "application/json": '{"message": "no such pet"}' });
        const preflight = await liveResponses(sdk, api.restApiId, api.resources["/pets"]!, "OPTIONS");
        expect(preflight["200"]?.integrationResponse?.responseParameters).toEqual({ "method.response.header.Access-Control-Allow-Origin": "'*'" });
      },
    ],
  ];

  for (const [name, check] of runs) {
    it(`${name}: pulumi up converges on the local API Gateway; destroy succeeds and leaves an empty state`, async () => {
      const api = await seedPetStore(sdk, `example-${name}`);
      if (name === "adopt-existing") {
        // Responses made by hand before the program exists.
        const pet = { restApiId: api.restApiId, resourceId: api.resources["/pets/{petId}"]!, httpMethod: "GET" };
        await sdk.send(new PutMethodResponseCommand({ ...pet, statusCode: "404" }));
        await sdk.send(new PutIntegrationResponseCommand({ ...pet, statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": "old" } }));
        await sdk.send(new PutMethodResponseCommand({ ...pet, statusCode: "500" }));
        const options = { restApiId: api.restApiId, resourceId: api.resources["/pets"]!, httpMethod: "OPTIONS", statusCode: "200" };
        await sdk.send(new PutMethodResponseCommand({ ...options, responseParameters: { "method.response.header.Access-Control-Allow-Origin": false } }));
        await sdk.send(new PutIntegrationResponseCommand({ ...options, responseTemplates: { "application/json": "" } }));
      }
      const stack = await createStack(path.join(EXAMPLES, name), endpoint, { [`apigw-responses-example-${name}:restApiId`]: api.restApiId });
      try {
        await stack.up();
        await check(api);
        const again = await stack.run(["preview", "--expect-no-changes"]);
        expect(again.code, again.stdout + again.stderr).toBe(0);
        const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
        expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
        const state = await stack.run(["stack", "export"]);
        expect((JSON.parse(state.stdout) as { deployment: { resources?: unknown[] } }).deployment.resources ?? []).toEqual([]);
      } finally {
        await stack.dispose();
      }
    });
  }
});
