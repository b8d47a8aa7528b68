/**
 * The package as a user installs it: `npm pack`, then `npm install <tarball>` in an empty
 * project next to the lowest `@pulumi/pulumi` the package supports (a peer dependency:
 * the user's copy is the only one). From that install: a TypeScript Pulumi program with a
 * `ResponseSet` (the real pulumi CLI, a local file backend, the local API Gateway), drift
 * seen by `pulumi preview --refresh`, and the installed `apigw-responses` command line.
 *
 * Needs the npm registry (the user's install) and the bootstrap (pulumi, dist/).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { GetMethodCommand, GetStageCommand, PutIntegrationResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { ensureStack, runPulumi, TOOLS_BIN, type RunPulumiOptions } from "../../tools/pulumi-env";
import { tempDir } from "../support/cli";
import { liveGatewayCustomizations, liveResponses, sdkClient } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const ROOT = path.resolve(__dirname, "..", "..");
/** The lowest @pulumi/pulumi of the peer range (`ReadResult.inputs`, drift visible after refresh). */
const PULUMI_MINIMUM = "3.216.0";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a command with the project's Node first on PATH; never rejects on a non-zero exit, rejects when it is killed (its time limit). */
function sh(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...env, PATH: `${TOOLS_BIN}${path.delimiter}${env.PATH ?? ""}` }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === null) reject(new Error(`${command} ${args.join(" ")} was killed by ${signal ?? "a signal"} (time limit ${timeoutMs} ms)\nstdout: ${stdout}\nstderr: ${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** `sh`, failing with the output when the command fails. */
async function must(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  const r = await sh(command, args, cwd, env);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Where each copy of a package sits in `npm ls --all --json --long` (one path per installed copy). */
function copiesOf(tree: NpmTree, name: string, found = new Map<string, string>()): Map<string, string> {
  for (const [dep, node] of Object.entries(tree.dependencies ?? {})) {
    if (dep === name && node.path) found.set(node.path, node.version ?? "?");
    copiesOf(node, name, found);
  }
  return found;
}
interface NpmTree {
  readonly version?: string;
  readonly path?: string;
  readonly dependencies?: Record<string, NpmTree>;
}

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { GatewayResponseSet, ResponseSet, StageDeployment } from "pulumi-apigw-responses";

const config = new pulumi.Config();

const getPet = new ResponseSet("get-pet", {
  restApi: config.require("restApiId"),
  path: "/pets/{petId}",
  httpMethod: "GET",
  responses: {
    "200": { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: { selectionPattern: "2\\\\d{2}" } },
    "404": {
      methodResponse: {},
      integrationResponse: { selectionPattern: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } },
    },
  },
});

export const revision: pulumi.Output<string> = getPet.revision;

export const gatewayRevision = new GatewayResponseSet("errors", {
  restApi: config.require("restApiId"),
  responses: { DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } } },
}).revision;

export const deploymentId = new StageDeployment("live", {
  restApi: config.require("restApiId"),
  stageName: "live",
  triggers: [revision, gatewayRevision],
}).deploymentId;
`;

describe(`the packed package installed next to @pulumi/pulumi ${PULUMI_MINIMUM}`, () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let dir: string;
  let project: string;
  let api: PetStore;
  let pulumiOptions: RunPulumiOptions;

  beforeAll(async () => {
    dir = tempDir("apigw-install-");
    project = path.join(dir, "project");
    const stateDir = path.join(dir, "state");
    mkdirSync(project);
    mkdirSync(stateDir);
    expect(existsSync(path.join(ROOT, "dist", "index.js")), "dist/ is missing: run npm run bootstrap").toBe(true);
    const packed = JSON.parse((await must("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], ROOT)).stdout) as [{ filename: string }];
    const tarball = path.join(dir, packed[0].filename);

    // An empty TypeScript project, as `pulumi new typescript` makes one, with the package's tarball
    // and the lowest @pulumi/pulumi of its peer range.
    const typescript = (JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> }).packages["node_modules/typescript"]!.version;
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "user-project", private: true, main: "index.ts" }, null, 2));
    writeFileSync(path.join(project, "Pulumi.yaml"), "name: user-project\nruntime: nodejs\ndescription: A user's program with pulumi-apigw-responses from its tarball.\n");
    // No skipLibCheck: the package's typings must not need the optional peer @pulumi/aws,
    // which this project (like many) does not install.
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node10", types: [] }, files: ["index.ts"] }, null, 2),
    );
    writeFileSync(path.join(project, "index.ts"), PROGRAM);
    await must("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", tarball, `@pulumi/pulumi@${PULUMI_MINIMUM}`, `typescript@${typescript}`], project);

    api = await seedPetStore(sdk, "installed");
    pulumiOptions = { cwd: project, stateDir, env: { PULUMI_HOME: path.join(dir, "pulumi-home") } };
    await ensureStack("test", { "aws:region": "us-east-1", "apigw-responses:endpoint": endpoint, "user-project:restApiId": api.restApiId }, pulumiOptions);
  }, 600_000);

  afterAll(() => {
    sdk.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`holds exactly one @pulumi/pulumi, the user's ${PULUMI_MINIMUM}`, async () => {
    const ls = await sh("npm", ["ls", "@pulumi/pulumi", "--all", "--json", "--long"], project);
    expect(ls.code, ls.stderr).toBe(0);
    const copies = copiesOf(JSON.parse(ls.stdout) as NpmTree, "@pulumi/pulumi");
    expect(Object.fromEntries(copies)).toEqual({ [path.join(project, "node_modules", "@pulumi", "pulumi")]: PULUMI_MINIMUM });
    // No copy that npm ls could miss either: pulumi-apigw-responses has no node_modules/@pulumi of its own.
    const own = path.join(project, "node_modules", "pulumi-apigw-responses", "node_modules");
    expect(existsSync(own) ? readdirSync(own) : []).not.toContain("@pulumi");
  });

  it("type-checks a strict TypeScript program against those typings (tsc)", async () => {
    const tsc = await sh(path.join(project, "node_modules", ".bin", "tsc"), ["-p", ".", "--noEmit"], project);
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
  });

  it("pulumi up creates the responses of a ResponseSet and deploys them to a stage; a change out of band is drift in pulumi preview --refresh", async () => {
    const up = await runPulumi(["up", "--yes", "--skip-preview", "--stack", "test"], pulumiOptions);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const pet = { restApiId: api.restApiId, resourceId: api.resources["/pets/{petId}"]!, httpMethod: "GET" };
    const live = await liveResponses(sdk, pet.restApiId, pet.resourceId);
    expect(live["200"]).toEqual({
      methodResponse: { responseParameters: {}, responseModels: { "application/json": "Empty" } },
      integrationResponse: { selectionPattern: "2\\d{2}", responseParameters: {}, responseTemplates: {} },
    });
    expect(live["404"]?.integrationResponse?.responseTemplates).toEqual({ "application/json": '{"message": "no such pet"}' });
    expect(Object.keys(await liveGatewayCustomizations(sdk, api.restApiId))).toEqual(["DEFAULT_4XX"]);
    // The StageDeployment pointed the stage "live" to its deployment.
    expect((await sdk.send(new GetStageCommand({ restApiId: api.restApiId, stageName: "live" }))).deploymentId).toMatch(/^\w+$/);
    // The raw answer, not through the code under test.
    const { methodResponses, methodIntegration } = await sdk.send(new GetMethodCommand(pet));
    expect({ methodResponses, integrationResponses: methodIntegration?.integrationResponses }).toEqual({
      methodResponses: {
        "200": { statusCode: "200", responseParameters: {}, responseModels: { "application/json": "Empty" } },
        "404": { statusCode: "404", responseParameters: {}, responseModels: {} },
      },
      integrationResponses: {
        "200": { statusCode: "200", selectionPattern: "2\\d{2}" },
        "404": { statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } },
      },
    });

    // ReadResult.inputs (the reason for the minimum): the refreshed live state shows as a change.
    await sdk.send(new PutIntegrationResponseCommand({ ...pet, statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"message": "hand edit"}' } }));
    const preview = await runPulumi(["preview", "--refresh", "--expect-no-changes", "--diff", "--stack", "test"], pulumiOptions);
    expect(preview.code, preview.stdout + preview.stderr).toBe(7);
    expect(preview.stdout).toMatch(/~ message: "hand edit" => "no such pet"/);
  });

  it("the installed apigw-responses command line applies a spec, then plans no change", async () => {
    const spec = path.join(dir, "api.yaml");
    writeFileSync(
      spec,
      stringify({
        restApiId: api.restApiId,
        region: "us-east-1",
        methods: [
          { path: "/pets", httpMethod: "GET", responses: { "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": '{"pets": []}' } } } } },
        ],
      }),
    );
    const cli = (...args: string[]) => sh("npx", ["--no-install", "apigw-responses", ...args, "--spec", spec, "--endpoint", endpoint], project);
    const apply = await cli("apply");
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const live = await liveResponses(sdk, api.restApiId, api.resources["/pets"]!);
    expect(live).toEqual({
      "200": {
        methodResponse: { responseParameters: {}, responseModels: {} },
        integrationResponse: { selectionPattern: "", responseParameters: {}, responseTemplates: { "application/json": '{"pets": []}' } },
      },
    });
    const plan = await cli("plan");
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });
});
