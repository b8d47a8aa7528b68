/**
 * The one way this project's scripts and tests run the `pulumi` CLI: unattended and
 * offline, with a `file://` backend, a passphrase, no update check, no plugin
 * acquisition, `PULUMI_HOME` inside `.tools/`, and `.tools/bin` first on PATH.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import * as path from "node:path";

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
    PULUMI_BACKEND_URL: `file://${stateDir}`,
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
  for (const [k, v] of Object.entries(config)) {
    const r = await runPulumi(["config", "set", "--stack", stack, k, v], options);
    if (r.code !== 0) throw new Error(`pulumi config set ${k} failed:\n${r.stdout}${r.stderr}`);
  }
}
