/**
 * The GitOps scripts of examples/gitops, run as a workflow would run them, against the
 * local API Gateway: pr-preview.sh (markdown comment), correct.sh (pulumi up --refresh),
 * drift-preview.sh and drift-spec.sh (0 no drift, 2 drift), with the job summary. The
 * workflows are checked by actionlint (the bootstrap installs it, and shellcheck for their
 * `run:` scripts).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DeleteMethodResponseCommand, PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { pulumiEnv, TOOLS_BIN } from "../../tools/pulumi-env";
import { CLI, tempDir } from "../support/cli";
import { createStack, sdkClient, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const GITOPS = path.resolve(__dirname, "..", "..", "examples", "gitops");
const WORKFLOWS = path.join(GITOPS, "workflows");

/** One finding of actionlint (`-format '{{json .}}'`). */
interface LintFinding {
  readonly message: string;
  readonly filepath: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

/**
 * Run actionlint (the bootstrap's, .tools/bin) on workflow files, with shellcheck on the
 * `run:` scripts named explicitly: actionlint skips them silently when it finds none.
 */
function actionlint(files: readonly string[]): { code: number; findings: LintFinding[] } {
  const bin = path.join(TOOLS_BIN, "actionlint");
  const shellcheck = path.join(TOOLS_BIN, "shellcheck");
  for (const tool of [bin, shellcheck]) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: run 'npm run bootstrap' first`);
  }
  const r = spawnSync(bin, ["-format", "{{json .}}", "-shellcheck", shellcheck, "-pyflakes", "", ...files], { cwd: GITOPS, encoding: "utf8" });
  if (r.error) throw r.error;
  // 0: no finding, 1: findings; anything else is a failure of actionlint itself.
  if (r.status !== 0 && r.status !== 1) throw new Error(`actionlint failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  // Paths come back relative to the working folder.
  const findings = (JSON.parse(r.stdout) as LintFinding[]).map((f) => ({ ...f, filepath: path.resolve(GITOPS, f.filepath) }));
  return { code: r.status, findings };
}

describe("examples/gitops workflows (actionlint)", () => {
  const workflows = readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(WORKFLOWS, f));

  it("is the pinned actionlint 1.7.12", () => {
    const r = spawnSync(path.join(TOOLS_BIN, "actionlint"), ["-version"], { encoding: "utf8" });
    expect(r.stdout.split("\n")[0]).toBe("v1.7.12");
  });

  it("finds nothing in any workflow, shellcheck included", () => {
    expect(workflows.map((f) => path.basename(f)).sort()).toEqual(["correct.yml", "drift.yml", "pr-preview.yml"]);
    const r = actionlint(workflows);
    expect(r.findings.map((f) => `${path.basename(f.filepath)}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)).toEqual([]);
    expect(r.code).toBe(0);
  });

  // Each case breaks a copy of drift.yml in one place; actionlint must report it there
  // (`below`: the finding's line, counted from the line of `find`).
  const breakages: { what: string; find: string; replace: string; kind: string; message: RegExp; below?: number }[] = [
    { what: "a job that needs a job that does not exist", find: "  spec-drift:\n", replace: "  spec-drift:\n    needs: [pulumi-drfit]\n", kind: "job-needs", message: /needs job "pulumi-drfit" which does not exist/ },
    { what: "an input the action does not have", find: "      - uses: actions/checkout@v4\n", replace: "      - uses: actions/checkout@v4\n        with: { fetch-deph: 0 }\n", kind: "action", message: /input "fetch-deph" is not defined in action "actions\/checkout@v4"/, below: 1 },
    { what: "an unknown property in an expression", find: "aws-region: ${{ env.AWS_REGION }}", replace: "aws-region: ${{ github.regoin }}", kind: "expression", message: /property "regoin" is not defined/ },
    { what: "a shellcheck finding in a run: script", find: "run: bash examples/gitops/scripts/drift-spec.sh\n", replace: "run: bash examples/gitops/scripts/drift-spec.sh $SPEC_FILE\n", kind: "shellcheck", message: /SC2086/ },
  ];

  it.each(breakages)("reports $what (exit 1, at the broken line)", ({ find, replace, kind, message, below = 0 }) => {
    const original = readFileSync(path.join(WORKFLOWS, "drift.yml"), "utf8");
    const at = original.indexOf(find);
    expect(at, `drift.yml no longer has ${JSON.stringify(find)}`).toBeGreaterThanOrEqual(0);
    const broken = original.slice(0, at) + replace + original.slice(at + find.length);
    const dir = tempDir("apigw-actionlint-");
    try {
      const file = path.join(dir, "drift.yml");
      writeFileSync(file, broken);
      const r = actionlint([file]);
      expect(r.code).toBe(1);
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]).toMatchObject({ kind, filepath: file });
      expect(r.findings[0]!.message).toMatch(message);
      expect(r.findings[0]!.line).toBe(original.slice(0, at).split("\n").length + below);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("examples/gitops workflows and the pulumi CLI version", () => {
  const minimum = /^PULUMI_MIN_VERSION=(\d+)\.(\d+)\.(\d+)$/m.exec(readFileSync(path.join(GITOPS, "scripts", "common.sh"), "utf8"));

  it("the scripts need 3.227.0 (the first CLI whose --expect-no-changes exits 7 on changes)", () => {
    expect(minimum?.slice(1).join(".")).toBe("3.227.0");
  });

  it.each(["correct.yml", "drift.yml", "pr-preview.yml"])("%s installs a pinned pulumi CLI >= 3.227.0 before each pulumi script", (name) => {
    type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
    const workflow = parse(readFileSync(path.join(WORKFLOWS, name), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
    let scripts = 0;
    for (const [job, { steps }] of Object.entries(workflow.jobs)) {
      steps.forEach((step, i) => {
        if (!/scripts\/(drift-preview|correct|pr-preview)\.sh/.test(step.run ?? "")) return;
        scripts++;
        const install = steps.slice(0, i).find((s) => s.uses?.startsWith("pulumi/actions@"));
        expect(install, `${name} job ${job}: no pulumi/actions step before "${step.run}"`).toBeDefined();
        const version = String(install?.with?.["pulumi-version"] ?? "");
        expect(version, `${name} job ${job}: pulumi-version must be an exact x.y.z`).toMatch(/^\d+\.\d+\.\d+$/);
        const [major, minor, patch] = version.split(".").map(Number) as [number, number, number];
        expect(major * 1e6 + minor * 1e3 + patch, `${name} job ${job}: pulumi-version ${version} < 3.227.0`).toBeGreaterThanOrEqual(3 * 1e6 + 227 * 1e3);
      });
    }
    expect(scripts).toBeGreaterThan(0);
  });
});

/**
 * Run one of the GitOps scripts as a workflow step does: bash, an environment, a working
 * folder. A script killed by a signal rejects: it must never look like an expected failure.
 */
function runScript(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(GITOPS, "scripts", script)], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => (code === null ? reject(new Error(`${script} was killed by ${signal ?? "a signal"}\nstdout: ${stdout}\nstderr: ${stderr}`)) : resolve({ code, stdout, stderr })));
  });
}

/**
 * `pulumi preview --expect-no-changes` exits 7 on changes only since Pulumi 3.227.0 (before,
 * every failure was 255): the scripts check the CLI's version first. A fake `pulumi` on PATH
 * prints the version it is told and ends `preview` with the exit code it is told, and logs
 * its arguments.
 */
describe("examples/gitops scripts and the pulumi CLI version", () => {
  let dir: string;
  let bin: string;
  let log: string;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(() => {
    dir = tempDir("apigw-gitops-fake-");
    bin = path.join(dir, "bin");
    log = path.join(dir, "calls.log");
    mkdirSync(bin);
    const fake = [
      "#!/usr/bin/env bash",
      'echo "$*" >> "$FAKE_PULUMI_LOG"',
      'case "$1" in',
      '  version) printf \'%s\\n\' "$FAKE_PULUMI_VERSION" ;;',
      '  preview) printf \'%s\\n\' "${FAKE_PULUMI_OUTPUT:-}"; exit "${FAKE_PULUMI_EXIT:-0}" ;;',
      "esac",
      "",
    ].join("\n");
    writeFileSync(path.join(bin, "pulumi"), fake, { mode: 0o755 });
  });

  /** Run a script with the fake pulumi first on PATH (and no other: .tools/bin is left out). */
  const run = (script: string, fake: { version: string; exit?: number; output?: string }, extra: Record<string, string> = {}) => {
    writeFileSync(log, "");
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`,
      HOME: dir,
      PULUMI_STACK: "test",
      PROJECT_DIR: dir,
      FAKE_PULUMI_LOG: log,
      FAKE_PULUMI_VERSION: fake.version,
      FAKE_PULUMI_EXIT: String(fake.exit ?? 0),
      FAKE_PULUMI_OUTPUT: fake.output ?? "",
      APIGW_RESPONSES: "true",
      ...extra,
    };
    return runScript(script, env, dir);
  };
  const calls = () => readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => l.split(" ")[0]);

  it.each(["drift-preview.sh", "correct.sh", "pr-preview.sh"])("%s refuses a CLI older than 3.227.0 before running it (exit 1)", async (script) => {
    const r = await run(script, { version: "v3.226.0", exit: 255 }, { COMMENT_FILE: path.join(dir, "comment.md"), FULL_PLAN_FILE: path.join(dir, "plan.md") });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("pulumi CLI v3.226.0 is too old: these scripts need 3.227.0 or newer");
    expect(r.stderr).not.toContain("DRIFT");
    expect(calls()).toEqual(["version"]);
  });

  it("drift-preview.sh with a CLI >= 3.227.0: exit 7 is drift (2), 255 is an error (1), 0 is no drift", async () => {
    const drift = await run("drift-preview.sh", { version: "v3.227.0", exit: 7, output: '    ~ message: "hand edit" => "no such pet"' });
    expect(drift.code, drift.stderr).toBe(2);
    expect(drift.stderr).toContain("DRIFT: the live responses differ from the program");
    expect(drift.stdout).toContain('~ message: "hand edit" => "no such pet"');
    expect(calls()).toEqual(["version", "preview"]);

    const failed = await run("drift-preview.sh", { version: "v3.259.0", exit: 255, output: "error: failed to load the program" });
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain("pulumi preview failed (exit 255)");
    expect(failed.stderr).not.toContain("DRIFT");

    const clean = await run("drift-preview.sh", { version: "v3.259.0", exit: 0 });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain("no drift");
  });

  it.each([
    ["v3.227.0", 0],
    ["v3.227.1", 0],
    ["v3.1000.0", 0],
    ["v4.0.0", 0],
    ["v3.259.0+dirty", 0],
    ["v3.228.0-alpha.1", 0],
    ["v3.227.0-alpha.1", 1], // a pre-release of 3.227.0 comes before it
    ["v3.226.9", 1],
    ["v3.30.0", 1], // not compared as text
    ["v2.300.0", 1],
  ])("drift-preview.sh with pulumi version %s: exit %i", async (version, code) => {
    const r = await run("drift-preview.sh", { version, exit: 0 });
    expect(r.code, r.stderr).toBe(code);
    expect(calls()).toEqual(code === 0 ? ["version", "preview"] : ["version"]);
  });

  it("an unreadable version or no pulumi on PATH is an error (exit 1) that says what is needed", async () => {
    const odd = await run("drift-preview.sh", { version: "pulumi (dev build)" });
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain("cannot read the pulumi CLI version");
    expect(calls()).toEqual(["version"]);

    const none = await run("drift-preview.sh", { version: "v3.259.0" }, { PATH: `/usr/bin${path.delimiter}/bin` });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("3.227.0 or newer");
  });
});

describe("examples/gitops scripts", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let dir: string;
  let api: PetStore;
  let stack: TestStack;
  let env: NodeJS.ProcessEnv;

  const run = (script: string, extra: Record<string, string> = {}) => runScript(script, { ...env, ...extra }, dir);

  beforeAll(async () => {
    dir = tempDir("apigw-gitops-");
    api = await seedPetStore(sdk, "gitops");
    stack = await createStack(GITOPS, endpoint, { "apigw-responses-example-gitops:restApiId": api.restApiId });
    const spec = readFileSync(path.join(GITOPS, "api.yaml"), "utf8").replace(/^restApiId: \S+/m, `restApiId: ${api.restApiId}`);
    writeFileSync(path.join(dir, "api.yaml"), spec);
    // What a workflow has: pulumi on PATH and logged in (here: the local file backend), the CLI, credentials (the endpoint).
    env = {
      ...pulumiEnv({ stateDir: stack.stateDir }),
      PULUMI_STACK: stack.name,
      SPEC_FILE: path.join(dir, "api.yaml"),
      APIGW_RESPONSES: `${process.execPath} ${CLI}`,
      APIGW_RESPONSES_ENDPOINT: endpoint,
    };
    delete env.GITHUB_STEP_SUMMARY;
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("pr-preview.sh writes the markdown comment of the preview (creates)", async () => {
    const r = await run("pr-preview.sh", { COMMENT_FILE: path.join(dir, "comment.md"), FULL_PLAN_FILE: path.join(dir, "full-plan.md") });
    expect(r.code, r.stderr).toBe(0);
    const comment = readFileSync(path.join(dir, "comment.md"), "utf8");
    // Small enough to fit: the comment is the whole plan.
    expect(readFileSync(path.join(dir, "full-plan.md"), "utf8")).toBe(comment);
    expect(comment.split("\n")[0]).toBe(`## Pulumi preview of stack ${stack.name}: API Gateway responses`);
    expect(comment).toContain('| 404 | responseTemplates.application/json | *(absent)* | {"message": "no such pet"} | + create integration response |');
    expect(comment).not.toContain("__provider");
  });

  it("correct.sh converges the stack (pulumi up --refresh), then both drift checks exit 0", async () => {
    const fix = await run("correct.sh");
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect(fix.stderr).toContain(`stack ${stack.name} converged`);
    const preview = await run("drift-preview.sh");
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    const spec = await run("drift-spec.sh");
    expect([spec.code, spec.stdout]).toEqual([0, "No drift: 1 method(s) match the spec.\n"]);
  });

  it("after out-of-band changes, both drift checks exit 2 and write the job summary; pr-preview shows live vs desired; correct.sh fixes it", async () => {
    const pet = { restApiId: api.restApiId, resourceId: api.resources["/pets/{petId}"]!, httpMethod: "GET" };
    await sdk.send(new PutIntegrationResponseCommand({ ...pet, statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"message": "hand edit"}' } }));
    await sdk.send(new PutMethodResponseCommand({ ...pet, statusCode: "418" }));
    const summary = path.join(dir, "summary.md");
    writeFileSync(summary, "");

    const preview = await run("drift-preview.sh", { GITHUB_STEP_SUMMARY: summary });
    expect(preview.code, preview.stdout + preview.stderr).toBe(2);
    expect(preview.stderr).toContain("DRIFT");
    expect(preview.stdout).toMatch(/~ message: "hand edit" => "no such pet"/);
    const spec = await run("drift-spec.sh", { GITHUB_STEP_SUMMARY: summary });
    expect(spec.code).toBe(2);
    expect(spec.stdout).toContain("  404 integration response changed");
    expect(spec.stdout).toContain("  418 method response unexpected (not in the spec)");
    const text = readFileSync(summary, "utf8");
    expect(text).toContain(`## Drift in stack ${stack.name}`);
    expect(text).toContain("## API Gateway responses drift");

    const pr = await run("pr-preview.sh", { COMMENT_FILE: path.join(dir, "comment.md") });
    expect(pr.code).toBe(0);
    expect(readFileSync(path.join(dir, "comment.md"), "utf8")).toContain('| 404 | responseTemplates.application/json | {"message": "hand edit"} | {"message": "no such pet"} | ~ replace integration response |');

    expect((await run("correct.sh")).code).toBe(0);
    expect((await run("drift-spec.sh")).code).toBe(0);
    await expect(sdk.send(new DeleteMethodResponseCommand({ ...pet, statusCode: "418" }))).rejects.toThrow(/Invalid Response status code/);
  });

  it("a broken setting is an error (exit 1), not drift", async () => {
    expect((await run("drift-spec.sh", { SPEC_FILE: path.join(dir, "absent.yaml") })).code).toBe(1);
    expect((await run("drift-preview.sh", { PULUMI_STACK: "" })).code).toBe(1);
  });
});
