#!/usr/bin/env node
/**
 * `npm start`: the whole product in one run, on the local API Gateway.
 *
 * 1. start the local API Gateway (with AWS's account quota) and seed the pet-store API
 *    skeleton (resources, methods, integrations; no responses) with the SDK;
 * 2. create a stack of the root program (`Pulumi.yaml`, `program/index.ts`) in a
 *    temporary file backend and run `pulumi up` — every Pulumi operation goes through the
 *    Automation API (`@pulumi/pulumi/automation`) with the project's own CLI, and what is
 *    printed of it comes from the engine's structured events (tools/demo/events.ts);
 * 3. print the converged responses as a table (read back with the reconciler's observe), and
 *    what the stage serves (the program's `StageDeployment` deployed them once);
 * 4. drift: change a template and delete the 500 response out of band with the SDK, show
 *    that the stage still serves the deployed ones (a stale stage: the live API moved),
 *    show `pulumi preview --refresh` (the changed resources and properties, the stage's
 *    drift among them), correct it with `pulumi up --refresh --yes` (responses corrected,
 *    the stage redeployed once), print the table and the stage again;
 * 5. destroy the stack (the stage keeps serving its last deployment) and stop
 *    everything — also on errors and on Ctrl-C.
 *
 * `--aws --rest-api-id ID [--region R]` runs the same against real AWS with the standard
 * credentials (AWS_PROFILE, environment, SSO, …) on an existing REST API shaped like the
 * pet store (`/pets` GET and OPTIONS, `/pets/{petId}` GET, each with an integration).
 * It changes that API's responses, removes them at the end, and leaves a stage `demo`
 * deployed: use a scratch API.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { createRuntime, releaseSharedClients, type RuntimeOptions } from "../../src/runtime";
import type { Emulator } from "../../src/emulator";
import type { NormalizedResponses } from "../../src/model";
import { observeMethods, resolvePaths } from "../../src/observe";
import { newCounters } from "../../src/aws/connection";
import { inspectStage } from "../../src/stage/inspect";
import { describeDifference } from "../../src/stage/view";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { automationStack, commandExitCode, PACKAGE_ROOT } from "../pulumi-env";
import { changedResources, changeSummary, summaryOf } from "./events";
import { seedPetStore } from "./seed";

/** The `--help` text. */
export const USAGE = `Usage: npm start [-- --aws --rest-api-id ID [--region REGION]]

Runs the pet-store demo: the local API Gateway, pulumi up of the root program, the
converged responses deployed to a stage, a drift (and the stale stage) corrected by
pulumi up --refresh, then cleans up.

Options:
  --aws               target real AWS (standard credentials) instead of the local API Gateway
  --rest-api-id ID    with --aws: an existing REST API shaped like the pet store (a scratch one:
                      its responses are replaced, changed out of band, then removed; it is
                      deployed to a stage "demo", which is left in place)
  --region REGION     with --aws: the region (default: AWS_REGION, then the profile's)
  --help              this text
`;

/**
 * The root program is type-checked with the package's tsconfig.json, named explicitly: without it
 * the language host's ts-node can compile program/index.ts with no project file, and TypeScript then
 * cannot resolve the package's own exports map from its self link (TS2209, "project root is ambiguous")
 * unless an earlier compile of the same source sits in ts-node's cache.
 */
const PROGRAM_ENV = { PULUMI_NODEJS_TSCONFIG_PATH: path.join(PACKAGE_ROOT, "tsconfig.json") };

/** The stage the root program deploys to (its `stageName` default). */
const STAGE = "demo";

/** The methods of the pet store, as the root program names them. */
export const PET_STORE_METHODS = [
  { path: "/pets", httpMethod: "GET" },
  { path: "/pets", httpMethod: "OPTIONS" },
  { path: "/pets/{petId}", httpMethod: "GET" },
] as const;

/** Options of the demo. */
export interface DemoOptions {
  readonly aws: boolean;
  readonly restApiId?: string;
  readonly region?: string;
}

/** Parse the demo's command line. */
export function parseDemoArgs(argv: readonly string[]): DemoOptions | "help" {
  const { values } = parseArgs({
    args: [...argv],
    options: { aws: { type: "boolean" }, "rest-api-id": { type: "string" }, region: { type: "string" }, help: { type: "boolean" } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  const aws = values.aws === true;
  if (aws && !values["rest-api-id"]) throw new Error("--aws needs --rest-api-id ID (an existing REST API shaped like the pet store)");
  if (!aws && (values["rest-api-id"] || values.region)) throw new Error("--rest-api-id and --region go with --aws");
  return { aws, ...(values["rest-api-id"] ? { restApiId: values["rest-api-id"] } : {}), ...(values.region ? { region: values.region } : {}) };
}

const say = (s = "") => process.stdout.write(`${s}\n`);
const heading = (s: string) => say(process.stdout.isTTY ? `\n\x1b[1m==> ${s}\x1b[0m` : `\n==> ${s}`);
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * One row per method and status code: selection pattern, headers (the integration
 * response's mappings, or "declared" for a header only the method response names) and templates.
 */
export function responsesTable(rows: readonly { method: string; responses: NormalizedResponses }[]): string {
  const out: string[][] = [["METHOD", "STATUS", "SELECTION PATTERN", "HEADERS", "TEMPLATES"]];
  for (const { method, responses } of rows) {
    for (const [code, r] of Object.entries(responses)) {
      const ir = r.integrationResponse;
      const mapped = ir?.responseParameters ?? {};
      const declared = Object.keys(r.methodResponse?.responseParameters ?? {});
      const headerNames = [...new Set([...Object.keys(mapped), ...declared])].sort();
      const headers = headerNames.map((h) => `${h.replace("method.response.header.", "")}${mapped[h] !== undefined ? `=${mapped[h]}` : " (declared)"}`);
      const templates = Object.entries(ir?.responseTemplates ?? {}).map(([t, v]) => `${t}: ${v === "" ? "(pass-through)" : cut(v.replace(/\s+/g, " "), 36)}`);
      const pattern = ir === undefined ? "(no integration response)" : ir.selectionPattern === "" ? "(default)" : ir.selectionPattern;
      const n = Math.max(1, headers.length, templates.length);
      for (let i = 0; i < n; i++) {
        out.push(i === 0 ? [method, code, pattern, headers[i] ?? "", templates[i] ?? ""] : ["", "", "", headers[i] ?? "", templates[i] ?? ""]);
      }
    }
  }
  const widths = out[0]!.map((_, c) => Math.max(...out.map((row) => row[c]!.length)));
  return out.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd()).join("\n");
}

/** Pids of this process's child processes (Linux /proc), to end them on Ctrl-C. */
function childPids(): number[] {
  const out: number[] = [];
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === process.pid) out.push(Number(entry));
      } catch {
        /* gone */
      }
    }
  } catch {
    /* no /proc */
  }
  return out;
}

class Interrupted extends Error {
  constructor() {
    super("interrupted");
  }
}

/** Run the demo; resolves with the exit code. Everything started is stopped before it resolves. */
export async function runDemo(options: DemoOptions): Promise<number> {
  const started = Date.now();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write("\ninterrupted: stopping what the demo started…\n");
    for (const pid of childPids()) {
      try {
        process.kill(pid, "SIGINT");
      } catch {
        /* gone */
      }
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const check = () => {
    if (interrupted) throw new Interrupted();
  };

  const sdk = await import("@aws-sdk/client-api-gateway");
  let emulator: Emulator | undefined;
  let client: APIGatewayClient | undefined;
  let stackCreated = false;
  const stack = `demo-${process.pid}`;
  const stateDir = mkdtempSync(path.join(tmpdir(), "apigw-responses-demo-"));
  let pulumiStack: Stack | undefined;
  /**
   * One Pulumi operation through the Automation API, with the engine's events collected.
   * Resolves with the exit code (0, or one of `okCodes` the command failed with) and the events.
   */
  const pulumi = async (what: string, op: (onEvent: (e: EngineEvent) => void) => Promise<unknown>, okCodes = [0]): Promise<{ code: number; events: EngineEvent[] }> => {
    check();
    const t = Date.now();
    const events: EngineEvent[] = [];
    let code = 0;
    try {
      await op((e) => events.push(e));
    } catch (e) {
      check();
      code = commandExitCode(e) ?? 1;
      if (!okCodes.includes(code)) throw new Error(`${what} failed (exit ${code}):\n${e instanceof Error ? e.message : String(e)}`);
    }
    check();
    say(`    ${what}: exit ${code} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
    return { code, events };
  };
  try {
    let runtimeOptions: RuntimeOptions;
    let restApiId: string;
    const config: Record<string, string> = {};
    if (options.aws) {
      heading(`Real AWS: REST API ${options.restApiId} (standard credentials)`);
      restApiId = options.restApiId!;
      runtimeOptions = { ...(options.region ? { region: options.region } : {}) };
      client = new sdk.APIGatewayClient({ ...(options.region ? { region: options.region } : {}) });
      const region = options.region ?? (await client.config.region());
      config["aws:region"] = region;
    } else {
      heading("Starting the local API Gateway (moto behind the AWS behaviour layer, AWS quota 10 rps / burst 40)");
      const { startEmulator } = await import("../../src/emulator");
      emulator = await startEmulator();
      check();
      say(`    endpoint ${emulator.endpoint}`);
      client = new sdk.APIGatewayClient({ region: "us-east-1", endpoint: emulator.endpoint, credentials: { accessKeyId: "demo", secretAccessKey: "demo" } });
      const api = await seedPetStore(client);
      check();
      restApiId = api.restApiId;
      say(`    seeded the pet-store API ${restApiId}: /pets (GET: Lambda, OPTIONS: MOCK), /pets/{petId} (GET: HTTP); no responses yet`);
      runtimeOptions = { region: "us-east-1", endpoint: emulator.endpoint };
      config["aws:region"] = "us-east-1";
      config["apigw-responses:endpoint"] = emulator.endpoint;
    }
    config["apigw-responses-demo:restApiId"] = restApiId;

    heading(`pulumi up: the root program (Pulumi.yaml, program/index.ts), stack ${stack}, file backend ${stateDir}`);
    stackCreated = true;
    check();
    const s = (pulumiStack = await automationStack({ cwd: PACKAGE_ROOT, stateDir, stack, config, env: PROGRAM_ENV }));
    const up = await pulumi("pulumi up", (onEvent) => s.up({ onEvent }));
    for (const l of changeSummary(summaryOf(up.events)?.resourceChanges)) say(`    ${l}`);

    const runtime = createRuntime(runtimeOptions);
    const table = async () => {
      const ids = await resolvePaths(runtime, restApiId, [...new Set(PET_STORE_METHODS.map((m) => m.path))]);
      const keys = PET_STORE_METHODS.map((m) => ({ restApiId, resourceId: ids[m.path]!, httpMethod: m.httpMethod }));
      const observed = await observeMethods(runtime, keys);
      return responsesTable(observed.map((o, i) => ({ method: `${PET_STORE_METHODS[i]!.httpMethod} ${PET_STORE_METHODS[i]!.path}`, responses: o.responses })));
    };
    heading("The converged responses (read back from API Gateway)");
    say(await table());
    /** What the stage serves, against the live API (GetStage, GetDeployment, the live reads; the export when they differ). */
    const stageReport = async () => {
      const counters = newCounters();
      const inspected = await inspectStage(runtime, restApiId, STAGE, { counters });
      const reads = Object.values(counters.calls).reduce((a, b) => a + b, 0);
      const lines = inspected.differences.map((d) => `    stage ${STAGE}: ${describeDifference(d)}`);
      if (lines.length === 0) lines.push(`    stage ${STAGE} serves deployment ${inspected.deploymentId}: the live responses`);
      lines.push(`    (${reads} reads: ${Object.entries(counters.calls).map(([op, n]) => `${op} ${n}`).join(", ")})`);
      return lines.join("\n");
    };
    heading(`The stage ${STAGE}: what clients get (one deployment, made after the last response write)`);
    say(await stageReport());

    heading("Drift: someone edits the 404 template of GET /pets/{petId} and deletes the 500 response of GET /pets");
    const ids = await resolvePaths(runtime, restApiId, ["/pets", "/pets/{petId}"]);
    await client.send(
      new sdk.PutIntegrationResponseCommand({
        restApiId,
        resourceId: ids["/pets/{petId}"]!,
        httpMethod: "GET",
        statusCode: "404",
        selectionPattern: "404",
        responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: { "application/json": '{"message": "edited by hand"}' },
      }),
    );
    await client.send(new sdk.DeleteIntegrationResponseCommand({ restApiId, resourceId: ids["/pets"]!, httpMethod: "GET", statusCode: "500" }));
    await client.send(new sdk.DeleteMethodResponseCommand({ restApiId, resourceId: ids["/pets"]!, httpMethod: "GET", statusCode: "500" }));
    say("    done with the SDK: PutIntegrationResponse 404, DeleteIntegrationResponse 500, DeleteMethodResponse 500");
    heading(`The stage ${STAGE} still serves the deployed responses: the live API moved, the stage is stale`);
    say(await stageReport());

    heading("pulumi preview --refresh --expect-no-changes: the drift shows as property changes (from the engine's events)");
    const preview = await pulumi("pulumi preview", (onEvent) => s.preview({ refresh: true, expectNoChanges: true, onEvent }), [0, 7]);
    for (const l of changedResources(preview.events)) say(`    ${l}`);
    for (const l of changeSummary(summaryOf(preview.events)?.resourceChanges, true)) say(`    ${l}`);
    if (preview.code !== 7) throw new Error("the preview did not report the drift (expected exit 7 from --expect-no-changes)");
    say("    exit 7: changes expected — the drift was detected");

    heading("pulumi up --refresh: correct the drift");
    const fix = await pulumi("pulumi up --refresh", (onEvent) => s.up({ refresh: true, onEvent }));
    for (const l of changeSummary(summaryOf(fix.events)?.resourceChanges)) say(`    ${l}`);
    heading("The responses after the correction");
    say(await table());
    heading(`The stage ${STAGE} after the correction (redeployed once)`);
    say(await stageReport());
    const again = await pulumi("pulumi preview --expect-no-changes", (onEvent) => s.preview({ expectNoChanges: true, onEvent }));
    if (again.code === 0) say("    in sync: no changes");

    heading(`Cleaning up: pulumi destroy (the stage ${STAGE} keeps serving its last deployment), stack rm`);
    await pulumi("pulumi destroy", (onEvent) => s.destroy({ onEvent }));
    await pulumi("pulumi stack rm", () => s.workspace.removeStack(stack, { force: true }));
    stackCreated = false;
    say(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
    return 0;
  } catch (e) {
    if (e instanceof Interrupted) {
      process.stderr.write("demo interrupted\n");
      return 130;
    }
    process.stderr.write(`\ndemo failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    if (stackCreated && !interrupted) {
      // Best effort after a failure: remove what the stack made, then the stack (and its Pulumi.<stack>.yaml).
      const s = pulumiStack ?? (await automationStack({ cwd: PACKAGE_ROOT, stateDir, stack, env: PROGRAM_ENV }).catch(() => undefined));
      await s?.destroy().catch(() => undefined);
      await s?.workspace.removeStack(stack, { force: true }).catch(() => undefined);
    }
    if (stackCreated && interrupted) rmSync(path.join(PACKAGE_ROOT, `Pulumi.${stack}.yaml`), { force: true });
    client?.destroy();
    releaseSharedClients();
    await emulator?.stop();
    if (!options.aws || !stackCreated) rmSync(stateDir, { recursive: true, force: true });
    else process.stderr.write(`the stack's state is kept in ${stateDir}\n`);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function main(): Promise<void> {
  let options: DemoOptions | "help";
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exitCode = 1;
    return;
  }
  if (options === "help") {
    process.stdout.write(USAGE);
    return;
  }
  process.exitCode = await runDemo(options);
}

if (require.main === module) void main();
