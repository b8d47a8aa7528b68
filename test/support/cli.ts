/**
 * Runs the built command line (`node dist/cli/main.js`) as users do, against the local
 * API Gateway, and writes spec files.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll } from "vitest";
import { stringify } from "yaml";
import { sdkClient } from "./pulumi";
import { sharedEndpoint } from "./workers";

/** The command line's entry. */
export const CLI = path.resolve(__dirname, "..", "..", "dist", "cli", "main.js");

/** The outcome of one command. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `apigw-responses ARGS`; never rejects on a non-zero exit. Rejects when the command
 * was killed (its time limit, `timeoutMs`, default 60 s, or any signal): a killed command
 * must never look like one that failed as expected.
 */
export function cli(args: readonly string[], options: { input?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.APIGW_RESPONSES_ENDPOINT;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === null) reject(new Error(`apigw-responses ${args.join(" ")} was killed by ${signal ?? "a signal"} (time limit ${options.timeoutMs ?? 60_000} ms)\nstdout: ${stdout}\nstderr: ${stderr}`));
      else resolve({ code, stdout, stderr });
    });
    // A command that fails before reading its input closes the pipe: that is its answer, not an error here.
    child.stdin.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") reject(err);
    });
    child.stdin.end(options.input ?? "");
  });
}

/** A temporary folder for spec files. */
export function tempDir(prefix = "apigw-cli-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Write a spec as YAML (or JSON when the name ends in .json); returns the path. */
export function writeSpec(dir: string, name: string, spec: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, name.endsWith(".json") ? JSON.stringify(spec, null, 2) : stringify(spec));
  return file;
}

/** No stack trace in a text (lines like "    at foo (file.js:1:2)"). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text);
}

/** What a command-line suite against the run's local API Gateway works with. */
export interface CliSuite {
  /** The local API Gateway's URL. */
  readonly endpoint: string;
  /** An SDK client on it, destroyed after the suite. */
  readonly sdk: APIGatewayClient;
  /** A temporary folder for spec files. */
  readonly dir: string;
  /** The `--endpoint` arguments of a command. */
  readonly ep: () => string[];
}

/** Set up a command-line suite (call it in a `describe`): the endpoint, an SDK client (destroyed after all), a spec folder. */
export function cliSuite(): CliSuite {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  afterAll(() => sdk.destroy());
  return { endpoint, sdk, dir: tempDir(), ep: () => ["--endpoint", endpoint] };
}
