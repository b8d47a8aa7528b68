/**
 * `npm start` (node build/tools/demo/main.js): exits 0, prints the converged table, the stage
 * serving it, the drift (and the stale stage) being detected and corrected, and leaves no
 * process behind (no moto, no pulumi).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");

/** Pids of the descendants of `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent) if (pp === p) (out.push(c), walk(c));
  };
  walk(pid);
  return out;
}

describe("npm start (the demo)", () => {
  it("runs the whole story, exits 0, leaves nothing behind", async () => {
    const child = spawn(process.execPath, [path.join(ROOT, "build", "tools", "demo", "main.js")], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const seen = new Set<number>();
    // moto runs in its own process group: remember every descendant while the demo runs.
    const sampler = setInterval(() => descendants(child.pid!).forEach((p) => seen.add(p)), 250);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(sampler);
    expect(code, stdout + stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(90_000);

    const lines = stdout.split("\n");
    const tables = lines.flatMap((l, i) => (l.startsWith("METHOD ") ? [i] : []));
    expect(tables).toHaveLength(2);
    expect(lines[tables[0]!]).toMatch(/^METHOD\s+STATUS\s+SELECTION PATTERN\s+HEADERS\s+TEMPLATES$/);
    const row = (code: string, method: string) => lines.slice(tables[0]!).find((l) => l.startsWith(method) && l.includes(` ${code} `));
    expect(row("400", "GET /pets ")).toMatch(/\^\\\[BadRequest\\\]\.\*\s+Access-Control-Allow-Origin='\*'/);
    expect(row("404", "GET /pets/{petId}")).toContain('application/json: {"message": "pet not found"}');
    expect(row("502", "GET /pets/{petId}")).toContain("(default)");
    expect(lines.slice(tables[0]!).some((l) => l.includes("Access-Control-Allow-Methods='GET,OPTIONS'"))).toBe(true);

    // The drift: the preview names the changed template and the missing 500, then up --refresh corrects it.
    expect(stdout).toContain("~ ResponseSet get-pet (update)");
    expect(stdout).toContain('~ message: "edited by hand" => "pet not found"');
    expect(stdout).toContain("~ ResponseSet list-pets (update)");
    expect(stdout).toMatch(/\+ 500: \{/);
    expect(stdout).toContain("exit 7: changes expected — the drift was detected");
    expect(stdout).toMatch(/Resources:\n\s+~ 3 updated/);
    // The stage: deployed once by up, stale after the edit (named from its export), redeployed by up --refresh.
    const served = [...stdout.matchAll(/stage demo serves deployment (\w+): the live responses/g)].map((m) => m[1]);
    expect(served, stdout).toHaveLength(2);
    expect(served[0]).not.toBe(served[1]);
    expect(stdout).toContain("stage demo: GET /pets/{petId} 404: integration response changed since the deployment");
    expect(stdout).toContain("stage demo: GET /pets 500: integration response deployed, no longer in the live API");
    expect(stdout).toContain("~ StageDeployment stage (update)");
    expect(stdout).toContain("in sync: no changes");
    // After the correction the table is the converged one again.
    expect(lines.slice(tables[1]!).find((l) => l.startsWith("GET /pets ") && l.includes(" 500 "))).toMatch(/\^\\\[\(InternalError\|Timeout\)\\\]\.\*/);
    expect(stdout).toMatch(/Done in [\d.]+s\./);

    // Nothing left: no process the demo started, no stack config file.
    expect(seen.size).toBeGreaterThan(0);
    // (A pid could be reused by an unrelated process: only count ours — moto, pulumi, node of this checkout.)
    const ours = (p: number) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
        return /moto|pulumi|build\/tools\/demo/.test(cmd) && !readFileSync(`/proc/${p}/stat`, "utf8").includes(") Z ");
      } catch {
        return false;
      }
    };
    const alive = [...seen].filter((p) => existsSync(`/proc/${p}`) && ours(p));
    expect(alive).toEqual([]);
    expect(readdirSync(ROOT).filter((f) => /^Pulumi\.demo-\d+\.yaml$/.test(f))).toEqual([]);
  }, 120_000);
});
