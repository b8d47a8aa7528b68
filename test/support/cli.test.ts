/**
 * The command-line harness itself: a command killed by its time limit rejects, it never
 * resolves as an exit code a test could take for an expected failure (issue 16).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./cli";

describe("cli()", () => {
  it("a command killed at its time limit rejects, naming the signal", async () => {
    // Loaded before the command: blocks the process for 20 s, no child process to leave behind.
    const hang = path.join(mkdtempSync(path.join(tmpdir(), "apigw-hang-")), "hang.js");
    writeFileSync(hang, "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20000);\n");
    await expect(cli(["--version"], { timeoutMs: 1000, env: { NODE_OPTIONS: `--require ${hang}` } })).rejects.toThrow(/was killed by SIGKILL \(time limit 1000 ms\)/);
  });

  it("a command that exits non-zero resolves with its code", async () => {
    const r = await cli(["plan", "--spec", "/nonexistent/spec.yaml"]);
    expect(r.code).toBe(1);
  });
});
