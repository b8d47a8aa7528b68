/**
 * Lifecycle of the moto server that the local API Gateway forwards to: start on a
 * free 127.0.0.1 port, wait until it answers, reset, stop (always, with its children).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";

/** A running moto server. */
export interface MotoServer {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly pid: number;
  /** Clear every emulated resource (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stop the server and wait for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startMoto}. */
export interface MotoOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** How long to wait for the server to answer, default 30 s. */
  readonly readyTimeoutMs?: number;
}

/**
 * The package root: the nearest folder above this module that holds package.json (from
 * dist/emulator, src/emulator, or build/src/emulator when the tools are compiled).
 */
export const PACKAGE_ROOT = packageRoot(__dirname);

function packageRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..", "..");
  }
}

/**
 * Where `moto_server` is: `$APIGW_RESPONSES_MOTO_SERVER`, else the bootstrap's
 * `.tools/moto/bin/moto_server`, else `moto_server` on PATH.
 */
export function motoServerCommand(): string {
  const fromEnv = process.env.APIGW_RESPONSES_MOTO_SERVER;
  if (fromEnv) return fromEnv;
  const local = path.join(PACKAGE_ROOT, ".tools", "moto", "bin", "moto_server");
  return existsSync(local) ? local : "moto_server";
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Start moto on 127.0.0.1 and resolve once it answers HTTP. */
export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(motoServerCommand(), ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    // Own process group, so stop() reaches the reloader's children too.
    detached: true,
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const pgid = child.pid;
    if (pgid === undefined) return;
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pgid, sig);
      } catch {
        /* already gone */
      }
    };
    kill("SIGTERM");
    if (!(await waitForExit(child, 5000))) {
      kill("SIGKILL");
      await waitForExit(child, 5000);
    }
    // Children that ignored SIGTERM in the group.
    kill("SIGKILL");
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (failed) throw new Error(`cannot start moto_server (${motoServerCommand()}): ${failed.message}. Run 'npm run bootstrap' first.`);
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}: ${stderr.trim()}`);
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${options.readyTimeoutMs ?? 30_000} ms: ${stderr.trim()}`);
    }
  }

  return {
    endpoint,
    pid: child.pid ?? -1,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop,
  };
}
