/**
 * The one way this project's scripts and tests run the `pulumi` CLI: unattended and
 * offline, with a `file://` backend, a passphrase, no update check, no plugin
 * acquisition, `PULUMI_HOME` inside `.tools/`, and `.tools/bin` first on PATH.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";

/** The package root (holds package.json and .tools/): the nearest folder above that holds package.json, from tools/ or build/tools/. */
export const PACKAGE_ROOT = packageRoot(__dirname);

function packageRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..");
  }
}

/** `.tools/bin`: pulumi, pulumi-language-nodejs and the dynamic-provider shim. */
export const TOOLS_BIN = path.join(PACKAGE_ROOT, ".tools", "bin");

/** Options of {@link pulumiEnv} and {@link runPulumi}. */
export interface PulumiEnvOptions {
  /** Folder of the `file://` backend; default `.tools/state`. */
  readonly stateDir?: string;
  /** Passphrase of the stack's secrets provider; default `"test"`. */
  readonly passphrase?: string;
  /** More variables, e.g. `APIGW_RESPONSES_ENDPOINT`. */
  readonly env?: Record<string, string | undefined>;
}

/** The environment for an unattended, offline `pulumi` run. */
export function pulumiEnv(options: PulumiEnvOptions = {}): NodeJS.ProcessEnv {
  const stateDir = path.resolve(options.stateDir ?? path.join(PACKAGE_ROOT, ".tools", "state"));
  const home = path.join(PACKAGE_ROOT, ".tools", "pulumi-home");
  mkdirSync(stateDir, { recursive: true });
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${TOOLS_BIN}${path.delimiter}${process.env.PATH ?? ""}`,
    // metadata=skip: the file backend otherwise writes a `.attrs` sidecar beside the checkpoint by truncating
    // it in place (gocloud fileblob `setAttrs`), so a SIGKILL at that moment leaves it empty and every later
    // command fails with "failed to load checkpoint: EOF" (docs/toolchain.md).
    PULUMI_BACKEND_URL: `file://${stateDir}?metadata=skip`,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "test",
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
  delete env.PULUMI_ACCESS_TOKEN;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** The outcome of one `pulumi` command. */
export interface PulumiResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runPulumi}. */
export interface RunPulumiOptions extends PulumiEnvOptions {
  /** The program folder (holds Pulumi.yaml). */
  readonly cwd: string;
  /** Kill the command after this long (default 5 min). */
  readonly timeoutMs?: number;
  /** Text for standard input. */
  readonly input?: string;
  /** Called with each chunk of output as it arrives (progress on a terminal). */
  readonly onOutput?: (chunk: string) => void;
}

/**
 * Run `pulumi ARGS` with {@link pulumiEnv}. `--non-interactive` is always added.
 * Resolves with the exit code (never rejects on a non-zero exit).
 */
export function runPulumi(args: readonly string[], options: RunPulumiOptions): Promise<PulumiResult> {
  const env = pulumiEnv(options);
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(TOOLS_BIN, "pulumi"), [...args, "--non-interactive"], {
      cwd: options.cwd,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      options.onOutput?.(d.toString());
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      options.onOutput?.(d.toString());
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run pulumi from ${TOOLS_BIN}: ${e.message}. Run 'npm run bootstrap' first.`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Create (or select) a stack in the local backend and set its config values. */
export async function ensureStack(
  stack: string,
  config: Record<string, string>,
  options: RunPulumiOptions,
): Promise<void> {
  const sel = await runPulumi(["stack", "select", stack, "--create"], options);
  if (sel.code !== 0) throw new Error(`pulumi stack select ${stack} failed:\n${sel.stdout}${sel.stderr}`);
  const entries = Object.entries(config);
  if (entries.length === 0) return;
  // One command for all the values (a key never holds "=", so the first one ends it).
  const r = await runPulumi(["config", "set-all", "--stack", stack, ...entries.flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])], options);
  if (r.code !== 0) throw new Error(`pulumi config set-all ${entries.map(([k]) => k).join(", ")} failed:\n${r.stdout}${r.stderr}`);
}

/** Options of {@link automationStack}. */
export interface AutomationStackOptions extends PulumiEnvOptions {
  /** The program folder (holds Pulumi.yaml); the stack's Pulumi.<stack>.yaml is written there. */
  readonly cwd: string;
  /** The stack's name. */
  readonly stack: string;
  /** Config values to set (plain text). */
  readonly config?: Record<string, string>;
}

/**
 * The same unattended, offline `pulumi` through the Automation API
 * (`@pulumi/pulumi/automation`): a `LocalWorkspace` on the program in `cwd` that runs
 * this project's CLI (`.tools/bin/pulumi`) with {@link pulumiEnv}, and the stack created
 * (passphrase secrets provider) or selected, with `config` set. Its operations take
 * `onEvent` for the engine's structured events.
 */
export async function automationStack(options: AutomationStackOptions): Promise<Stack> {
  const { LocalWorkspace, PulumiCommand } = await import("@pulumi/pulumi/automation");
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(TOOLS_BIN) });
  const env = pulumiEnv(options);
  const envVars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stack, workDir: options.cwd },
    { pulumiCommand, envVars, secretsProvider: "passphrase", ...(env.PULUMI_HOME ? { pulumiHome: env.PULUMI_HOME } : {}) },
  );
  if (options.config && Object.keys(options.config).length > 0) {
    await stack.setAllConfig(Object.fromEntries(Object.entries(options.config).map(([k, value]) => [k, { value }])));
  }
  return stack;
}

/** The exit code of a failed Automation API command (its `CommandError`), if it has one. */
export function commandExitCode(error: unknown): number | undefined {
  // The CLI's exit code is on the process error (execa's) the CommandError wraps; its own `code` is then -2 ("unknown").
  const result = (error as { commandResult?: { code?: unknown; err?: { exitCode?: unknown } } } | undefined)?.commandResult;
  const code = result?.err?.exitCode ?? result?.code;
  return typeof code === "number" ? code : undefined;
}
