/**
 * The command `node dist/emulator/main.js`: prints exactly one line
 * `endpoint=http://127.0.0.1:PORT` when ready, serves the SDK, and on SIGTERM or
 * SIGINT stops moto (no process left behind) and exits 0.
 */
import { GetRestApisCommand, CreateRestApiCommand } from "@aws-sdk/client-api-gateway";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, errorOf } from "../support/emulator";

const ROOT = path.resolve(__dirname, "..", "..");
const MAIN = path.join(ROOT, "dist", "emulator", "main.js");
const started: ChildProcess[] = [];

/** Build the emulator into dist/ when dist is missing or older than the sources. */
function ensureBuilt(): void {
  const srcDir = path.join(ROOT, "src", "emulator");
  const newest = Math.max(...readdirSync(srcDir).map((f) => statSync(path.join(srcDir, f)).mtimeMs));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newest) return;
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "typescript", "bin", "tsc"),
      ...["--outDir", "dist", "--rootDir", "src", "--module", "commonjs", "--moduleResolution", "node10", "--target", "ES2022"],
      ...["--lib", "ES2022", "--types", "node", "--strict", "--esModuleInterop", "--skipLibCheck", "--sourceMap", "--declaration"],
      "src/emulator/main.ts",
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
}

/** Processes as `pid ppid pgid args`. */
function processes(): Array<{ pid: number; ppid: number; pgid: number; args: string }> {
  return execFileSync("ps", ["-eo", "pid=,ppid=,pgid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), args: m[4]! }));
}

interface Running {
  readonly child: ChildProcess;
  readonly endpoint: string;
  readonly stdout: () => string;
  readonly exited: Promise<number | null>;
}

async function run(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!out.includes("\n")) {
    if (child.exitCode !== null) throw new Error(`exited early with ${child.exitCode}: ${err}`);
    if (Date.now() > deadline) throw new Error(`no endpoint line: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const endpoint = /^endpoint=(http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out)?.[1];
  if (!endpoint) throw new Error(`unexpected stdout: ${JSON.stringify(out)}`);
  return { child, endpoint, stdout: () => out, exited };
}

function motoOf(child: ChildProcess) {
  return processes().filter((p) => p.ppid === child.pid && p.args.includes("moto_server"));
}

beforeAll(() => ensureBuilt());

afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

describe("node dist/emulator/main.js", () => {
  it("prints one endpoint line, serves the SDK, stops on SIGTERM with exit 0 and no moto left", async () => {
    const r = await run(["--port", "0", "--quota", "off", "--latency", "5"]);
    const motos = motoOf(r.child);
    expect(motos).toHaveLength(1);
    const motoGroup = motos[0]!.pgid;

    const client = clientFor(r.endpoint);
    try {
      const api = await client.send(new CreateRestApiCommand({ name: "from-the-command" }));
      const apis = await client.send(new GetRestApisCommand({}));
      expect(apis.items?.map((a) => a.id)).toContain(api.id);
    } finally {
      client.destroy();
    }

    r.child.kill("SIGTERM");
    expect(await r.exited).toBe(0);
    expect(r.stdout().split("\n").filter((l) => l.length > 0)).toHaveLength(1);
    expect(processes().filter((p) => p.pgid === motoGroup || p.pid === motos[0]!.pid)).toEqual([]);
  });

  it("takes --faults as JSON, --quota and --deployment-quota RPS:BURST (AWS-51), and stops on SIGINT too", async () => {
    const faults = JSON.stringify([{ fault: "throttle", operation: "GetRestApis", count: 1, retryAfterSeconds: 2 }]);
    const r = await run(["--quota", "100:200", "--deployment-quota", "2:4", "--faults", faults, "--seed", "3"]);
    const motos = motoOf(r.child);
    const client = clientFor(r.endpoint);
    try {
      expect(await errorOf(client.send(new GetRestApisCommand({})))).toEqual({
        status: 429,
        name: "TooManyRequestsException",
        message: "Too Many Requests",
      });
      expect(await errorOf(client.send(new GetRestApisCommand({})))).toBeUndefined();
      const stats = (await (await fetch(`${r.endpoint}/__emulator/stats`)).json()) as { quota: { account: unknown; CreateDeployment: unknown } };
      expect(stats.quota.account).toEqual({ rps: 100, burst: 200 });
      expect(stats.quota.CreateDeployment).toEqual({ rps: 2, burst: 4 });
    } finally {
      client.destroy();
    }
    r.child.kill("SIGINT");
    expect(await r.exited).toBe(0);
    expect(processes().filter((p) => motos.some((m) => m.pid === p.pid || m.pgid === p.pgid))).toEqual([]);
  });

  it("--help prints the usage and exits 0; a bad option exits 2 without starting moto", () => {
    const help = execFileSync(process.execPath, [MAIN, "--help"], { encoding: "utf8" });
    expect(help).toMatch(/^Usage: node dist\/emulator\/main\.js/);
    expect(help).toContain("--quota RPS:BURST|off");
    expect(help).toContain("--deployment-quota RPS:BURST|off");
    let status: number | null = null;
    try {
      execFileSync(process.execPath, [MAIN, "--quota", "fast"], { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      status = (e as { status: number | null }).status;
      expect(String((e as { stderr: string }).stderr)).toContain('--quota: expected RPS:BURST (e.g. 10:40) or off, got "fast"');
    }
    expect(status).toBe(2);
  });
});
