/**
 * Crash and resume: `pulumi up` of 20 ResponseSets is killed (SIGKILL to its whole
 * process group: the CLI, the language host, the provider) at several points
 * mid-apply; then `pulumi cancel`, `pulumi refresh`, `pulumi up` converge the live
 * state exactly, with no orphan response left (architecture rule 4: every step is
 * safe to repeat, the next run converges from whatever is there).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pulumiEnv, TOOLS_BIN } from "../../tools/pulumi-env";
import { createStack, emulatorStats, programDir, type TestStack } from "../support/pulumi";
import { liveDifferences, seedApi, seedDrift, specsFor, type SeededApi } from "../support/sets";
import { sharedEndpoint, sharedMotoEndpoint } from "../support/workers";

const endpoint = sharedEndpoint();
const PROGRAM = programDir("sets");
let api: SeededApi;
let stack: TestStack;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  api = await seedApi(sharedMotoEndpoint(), 20, "crash");
  await seedDrift(sharedMotoEndpoint(), api.methods);
  stack = await createStack(PROGRAM, endpoint, {
    "reliability-sets:restApiId": api.restApiId,
    "reliability-sets:resources": JSON.stringify(api.methods.map((m) => m.resourceId)),
  });
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
});

/** Start `pulumi up` in its own process group; SIGKILL the group once the emulator has seen `writes` more writes. */
async function upKilledAfter(writes: number): Promise<{ writesSeen: number; killed: boolean; output: string }> {
  const base = (await emulatorStats(endpoint)).writes;
  const child = spawn(path.join(TOOLS_BIN, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.name], {
    cwd: PROGRAM,
    env: pulumiEnv({ stateDir: stack.stateDir }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  let seen = 0;
  const started = Date.now();
  while (!done && Date.now() - started < 60_000) {
    seen = (await emulatorStats(endpoint)).writes - base;
    if (seen >= writes) break;
    await sleep(10);
  }
  const killed = !done;
  if (killed) {
    // A crash takes everything: the CLI and its plugins (language host, dynamic provider). pulumi starts
    // plugins in process groups of their own, so the group of the CLI is not enough: SIGKILL every
    // process of the session the detached CLI leads (all of them started by this test), by id.
    const session = spawnSync("ps", ["-o", "pid=", "-s", String(child.pid)], { encoding: "utf8" }).stdout;
    const pids = session.split("\n").map((l) => Number(l.trim())).filter((p) => p > 0);
    process.kill(-child.pid!, "SIGKILL");
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  await exited;
  // Nothing of the session survives.
  await sleep(200);
  // (Zombies are dead already: they wait for init, their new parent, to reap them.)
  const left = spawnSync("ps", ["-o", "pid=,stat=,args=", "-s", String(child.pid)], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((l) => l.trim() !== "" && !/^\s*\d+\s+Z/.test(l))
    .join("\n");
  expect(left, `processes left in the killed session:\n${left}`).toBe("");
  return { writesSeen: seen, killed, output };
}

/** Recover like a user would: cancel, refresh (dropping pending creates), up. */
async function recover(): Promise<void> {
  const cancel = await stack.run(["cancel", "--yes"]);
  // The file backend keeps a lock file; a killed CLI leaves it behind if cancel cannot clear it.
  const locks = path.join(stack.stateDir, ".pulumi", "locks");
  let refresh = await stack.run(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
  const lockedAfterCancel = refresh.code !== 0 && /locked/i.test(refresh.stdout + refresh.stderr);
  console.log(`recover: pulumi cancel exit ${cancel.code} (${(cancel.stdout + cancel.stderr).trim().split("\n").at(-1)}); stack still locked after it: ${lockedAfterCancel}`);
  if (lockedAfterCancel && existsSync(locks)) {
    rmSync(locks, { recursive: true, force: true });
    refresh = await stack.run(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
  }
  expect(refresh.code, `cancel: ${cancel.stdout}${cancel.stderr}\nrefresh: ${refresh.stdout}${refresh.stderr}`).toBe(0);
  await stack.up();
}

/** The desired specs for a config (variant, 404 dropped or not). */
function desired(variant: number, drop404: boolean) {
  return specsFor(api, variant).map((s) => {
    if (!drop404) return s;
    const { "404": _gone, ...rest } = s.responses;
    return { ...s, responses: rest };
  });
}

describe("crash and resume: pulumi up killed mid-apply converges after cancel, refresh, up", () => {
  const phases = [
    { name: "killed while creating (after 15 writes)", variant: 1, drop404: false, killAfter: 15 },
    { name: "killed while updating templates (after 12 writes)", variant: 2, drop404: false, killAfter: 12 },
    { name: "killed while removing a status code from every set (after 10 writes)", variant: 3, drop404: true, killAfter: 10 },
  ];
  for (const phase of phases) {
    it(phase.name, async () => {
      for (const [k, v] of Object.entries({ variant: String(phase.variant), drop404: String(phase.drop404) })) {
        const r = await stack.run(["config", "set", `reliability-sets:${k}`, v]);
        expect(r.code, r.stderr).toBe(0);
      }
      const run = await upKilledAfter(phase.killAfter);
      expect(run.killed, `pulumi up finished before it could be killed:\n${run.output}`).toBe(true);
      // Mid-apply: some writes done, not all of them.
      expect(run.writesSeen).toBeGreaterThanOrEqual(phase.killAfter);
      expect(await liveDifferences(endpoint, desired(phase.variant, phase.drop404))).not.toEqual([]);

      await recover();
      expect(await liveDifferences(endpoint, desired(phase.variant, phase.drop404))).toEqual([]);
    });
  }

  it("after the last recovery, a preview expects no changes and writes nothing", async () => {
    const before = (await emulatorStats(endpoint)).writes;
    const pv = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(pv.code, pv.stdout + pv.stderr).toBe(0);
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });
});
