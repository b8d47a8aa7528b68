/**
 * Drives the real `pulumi` CLI (built by the bootstrap) on a program folder against
 * the local API Gateway: one temporary file backend per stack, unattended, offline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { GetGatewayResponsesCommand, GetMethodCommand, type APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { GatewayResponseType, NormalizedGatewayResponse } from "../../src/gateway-responses";
import type { NormalizedResponses } from "../../src/model";
import { normalizeLiveGatewayResponses, normalizeLiveMethod } from "../../src/normalize";
import type { EmulatorStats } from "../../src/emulator";
import { ensureStack, runPulumi, type PulumiResult } from "../../tools/pulumi-env";
import { localClient, seedRestApi } from "../../tools/seed";
import { workerId } from "./workers";

/** A stack of a test program in its own temporary backend. */
export interface TestStack {
  /** The stack's name, `test-w<worker>` (its config file `Pulumi.<name>.yaml` sits in the program folder). */
  readonly name: string;
  readonly stateDir: string;
  run(args: readonly string[], options?: { timeoutMs?: number; env?: Record<string, string | undefined> }): Promise<PulumiResult>;
  /** `pulumi up --yes`; throws with the output when it fails. */
  up(...extra: string[]): Promise<PulumiResult>;
  /** Stack outputs (`pulumi stack output --json`). */
  outputs(): Promise<Record<string, unknown>>;
  /**
   * Forget the stack: remove its backend folder and its config file, with no `pulumi`
   * command (each costs seconds). Nothing is destroyed: what the stack made stays on the
   * local API Gateway until it is reset before the next file, so a file that goes on
   * using a REST API after a dispose seeds a new one. Tests of `pulumi destroy` run it.
   */
  dispose(): Promise<void>;
}

const PROGRAMS = path.join(__dirname, "programs");

/** The folder of a test program under test/support/programs. */
export function programDir(name: string): string {
  return path.join(PROGRAMS, name);
}

/** A file under test/support/fixtures. */
export function fixturePath(name: string): string {
  return path.join(__dirname, "fixtures", name);
}

/**
 * Create a stack of `program` configured for the local API Gateway at `endpoint`; `env` is
 * added to the environment of every `pulumi` run of the stack.
 *
 * The stack is named after the test worker: files of different workers may run the same
 * program folder at once, and a stack's config file is `Pulumi.<stack>.yaml` in that folder.
 * The programs of test/support/programs run without ts-node's type check: `npm test` has
 * type-checked them (tsconfig.test.json) before any test runs. Any other program (the
 * examples, the package's own, an exported one) is type-checked as a user's would be.
 */
export async function createStack(
  program: string,
  endpoint: string,
  config: Record<string, string> = {},
  env?: Record<string, string | undefined>,
): Promise<TestStack> {
  const stateDir = mkdtempSync(path.join(tmpdir(), "apigw-e2e-"));
  const cwd = path.isAbsolute(program) ? program : programDir(program);
  const ours = path.dirname(cwd) === PROGRAMS;
  const name = `test-w${workerId()}`;
  const base = { cwd, stateDir, env: { ...(ours ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}), ...env } };
  await ensureStack(name, { "aws:region": "us-east-1", "apigw-responses:endpoint": endpoint, ...config }, base);
  const run: TestStack["run"] = (args, options = {}) =>
    runPulumi([...args, "--stack", name], { ...base, ...options, env: { ...base.env, ...options.env } });
  return {
    name,
    stateDir,
    run,
    async up(...extra) {
      const r = await run(["up", "--yes", "--skip-preview", ...extra]);
      if (r.code !== 0) throw new Error(`pulumi up failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
      return r;
    },
    async outputs() {
      const r = await run(["stack", "output", "--json", "--show-secrets"]);
      if (r.code !== 0) throw new Error(`pulumi stack output failed:\n${r.stdout}\n${r.stderr}`);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    },
    async dispose() {
      rmSync(path.join(cwd, `Pulumi.${name}.yaml`), { force: true });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** An SDK client on the local API Gateway, as tests use to seed and check. */
export function sdkClient(endpoint: string): APIGatewayClient {
  return localClient(endpoint, { maxAttempts: 1 });
}

/** The emulator's counters since its last reset (`GET /__emulator/stats`), with the number of mutating calls. */
export async function emulatorStats(endpoint: string): Promise<EmulatorStats & { writes: number }> {
  const res = await fetch(`${endpoint}/__emulator/stats`);
  const stats = (await res.json()) as EmulatorStats;
  const writes = Object.entries(stats.calls)
    .filter(([op]) => /^(Put|Update|Delete|Create)/.test(op))
    .reduce((n, [, c]) => n + c, 0);
  return { ...stats, writes };
}

/**
 * What a command cost on the local API Gateway at `endpoint`: its result, with the calls it
 * caused by operation, its reads (`Get*`), writes and all calls (the emulator's counters).
 */
export async function costOf<R>(endpoint: string, run: () => Promise<R>): Promise<R & { calls: Record<string, number>; reads: number; writes: number; total: number }> {
  const before = await emulatorStats(endpoint);
  const r = await run();
  const after = await emulatorStats(endpoint);
  const calls: Record<string, number> = Object.fromEntries(Object.entries(after.calls).map(([op, n]): [string, number] => [op, n - (before.calls[op] ?? 0)]).filter(([, n]) => n > 0));
  const reads = Object.entries(calls).reduce((n, [op, c]) => n + (op.startsWith("Get") ? c : 0), 0);
  return { ...r, calls, reads, writes: after.writes - before.writes, total: after.totalCalls - before.totalCalls };
}

/** A REST API with `count` resources `/r1` … `/rN`, each with a GET method and a MOCK integration. */
export async function seedApi(sdk: APIGatewayClient, count: number, name = "e2e"): Promise<{ restApiId: string; resourceIds: string[] }> {
  const api = await seedRestApi(sdk, { name, resources: count, pathPart: (i) => `r${i + 1}` });
  return { restApiId: api.restApiId, resourceIds: api.resources.map((r) => r.id) };
}

/** The customized gateway responses of a REST API (`defaultResponse: false`, AWS-32), normalized, read with the SDK. */
export async function liveGatewayCustomizations(sdk: APIGatewayClient, restApiId: string): Promise<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>> {
  const read = normalizeLiveGatewayResponses(restApiId, (await sdk.send(new GetGatewayResponsesCommand({ restApiId, limit: 500 }))).items);
  const out: Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> = {};
  for (const [type, o] of Object.entries(read.responses)) if (o.customized) out[type as GatewayResponseType] = o.response;
  return out;
}

/** The normalized live responses of a method, read with the SDK. */
export async function liveResponses(sdk: APIGatewayClient, restApiId: string, resourceId: string, httpMethod = "GET"): Promise<NormalizedResponses> {
  return normalizeLiveMethod(await sdk.send(new GetMethodCommand({ restApiId, resourceId, httpMethod }))).responses;
}

/**
 * One resource block of `pulumi preview --diff` (or `up --diff`) output: the header line
 * `<marker> <type>: (<op>)`, then `[id=…]` and `[urn=…]` on the lines after it, then the
 * property diff. The resource's name is only on the `[urn=…]` line, never on the header.
 */
export interface DiffStep {
  /** The change marker before the type: `~`, `+`, `-`, `+-`, …; `""` when there is none (no change). */
  readonly marker: string;
  /** The resource type, e.g. `pulumi-nodejs:dynamic/apigw-responses:ResponseSet`. */
  readonly type: string;
  /** The step, e.g. `same`, `update`, `refresh`, `create`, `delete`, `replace`. */
  readonly op: string;
  readonly urn: string;
  /** The resource's name: what follows the last `::` of its URN. */
  readonly name: string;
  /** The lines after the `[urn=…]` line up to the next block (the property diff). */
  readonly body: string;
}

const STEP_HEADER = /^\s*(?:(\S{1,2}) )?([\w-]+:[\w/.:-]*): \(([a-z-]+)\)$/;

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The resource blocks of a `--diff` output, in order; throws when a header has no `[urn=…]` line. */
export function diffSteps(output: string): DiffStep[] {
  const lines = output.split(/\r?\n/);
  const steps: DiffStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = STEP_HEADER.exec(lines[i]!);
    if (!header) continue;
    let j = i + 1;
    while (j < lines.length && /^\s*\[id=/.test(lines[j]!)) j++;
    const urn = /^\s*\[urn=(.+)\]$/.exec(lines[j] ?? "")?.[1];
    if (urn === undefined) throw new Error(`diff output: no [urn=…] line after "${lines[i]}":\n${output}`);
    // The block ends at the next header or at the first line indented no deeper than its header
    // (the stack's `--outputs:--`, `Resources:`, …).
    const depth = indentOf(lines[i]!);
    let end = j + 1;
    while (end < lines.length && !STEP_HEADER.test(lines[end]!) && (lines[end]!.trim() === "" || indentOf(lines[end]!) > depth)) end++;
    steps.push({
      marker: header[1] ?? "",
      type: header[2]!,
      op: header[3]!,
      urn,
      name: urn.slice(urn.lastIndexOf("::") + 2),
      body: lines.slice(j + 1, end).join("\n"),
    });
  }
  return steps;
}
