/**
 * Before each test file: a clean local API Gateway (moto state, counters, faults).
 * After it: no process the file started is left running. A test that times out does
 * not stop what it started (a `pulumi up`, its plugins, an emulator of its own): those
 * are killed here and named on stderr, so that they cannot load the files that follow.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll } from "vitest";
import { sharedEndpoint } from "../support/workers";

beforeAll(async () => {
  const res = await fetch(`${sharedEndpoint()}/__emulator/reset`, { method: "POST" });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`emulator reset failed: HTTP ${res.status}`);
});

/** Every live descendant of this process (the file's worker): pid and command line. */
function descendants(): { pid: number; args: string }[] {
  const ps = spawnSync("ps", ["-eo", "pid=,ppid=,stat=,args="], { encoding: "utf8" });
  const rows = ps.stdout
    .split("\n")
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), zombie: m[3]!.startsWith("Z"), args: m[4]! }));
  const out: { pid: number; args: string }[] = [];
  const parents = [process.pid];
  while (parents.length > 0) {
    const parent = parents.pop()!;
    for (const r of rows) {
      if (r.ppid !== parent || r.pid === ps.pid) continue;
      parents.push(r.pid);
      if (!r.zombie) out.push({ pid: r.pid, args: r.args });
    }
  }
  return out;
}

afterAll(() => {
  const left = descendants();
  for (const p of left) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  if (left.length > 0) process.stderr.write(`left running after the file, killed: ${left.map((p) => `${p.pid} ${p.args.slice(0, 120)}`).join("; ")}\n`);
});
