/**
 * Every command's `--help` (with an example), `--version`, unknown commands and options
 * (one line, exit 1), `schema`, and `emulator` (the local API Gateway: endpoint line,
 * serves, stops on SIGTERM with exit 0; bad flags are one line, exit 1).
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { specSchemaFileText } from "../../src/schema";
import { CLI, cli, hasStackTrace } from "../support/cli";

describe("apigw-responses: help, version, errors, schema", () => {
  it("every command has --help with an example (exit 0)", async () => {
    for (const cmd of ["plan", "apply", "drift", "pr-comment", "emulator", "schema"]) {
      const r = await cli([cmd, "--help"]);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`Usage: apigw-responses ${cmd}`);
      expect(r.stdout, cmd).toMatch(/Examples?:\n {2}\$ /);
    }
    const top = await cli(["--help"]);
    expect(top.code).toBe(0);
    for (const cmd of ["plan", "apply", "drift", "pr-comment", "emulator", "schema"]) expect(top.stdout).toContain(`  ${cmd}`);
    expect(top.stdout).toContain("Exit codes:");
    for (const option of ["--region", "--profile", "--endpoint", "--rate", "--deadline", "--verbose", "--format", "--spec"]) {
      expect((await cli(["plan", "--help"])).stdout).toContain(option);
    }
  });

  it("--version prints the package version; no arguments prints the help", async () => {
    const v = await cli(["--version"]);
    expect([v.code, v.stdout.trim()]).toEqual([0, "0.1.0"]);
    const none = await cli([]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("Usage: apigw-responses");
  });

  it("unknown commands and options: one line, exit 1", async () => {
    for (const args of [["deploy"], ["plan", "--spec", "x.yaml", "--colour"], ["drift", "--spec"]]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr.trimEnd().split("\n").filter((l) => !l.startsWith("(Did you mean"))).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: /);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });

  it("schema prints the published JSON Schema of spec files", async () => {
    const r = await cli(["schema"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(specSchemaFileText());
  });

  it("emulator: prints the endpoint, serves, stops on SIGTERM with exit 0", async () => {
    const child = spawn(process.execPath, [CLI, "emulator", "--port", "0", "--quota", "off"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /^endpoint=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("close", (code) => reject(new Error(`emulator exited ${code}: ${stderr}`)));
    });
    const stats = await fetch(`${endpoint}/__emulator/stats`);
    expect(stats.status).toBe(200);
    await stats.arrayBuffer();
    const code = await new Promise<number | null>((resolve) => {
      child.on("close", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
    await expect(fetch(`${endpoint}/__emulator/stats`)).rejects.toThrow();
  });

  it("emulator: a bad flag is one line, exit 1", async () => {
    const r = await cli(["emulator", "--quota", "fast"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toEqual(['error: emulator: --quota: expected RPS:BURST (e.g. 10:40) or off, got "fast"']);
  });

  it("a reader that closes the pipe early (| head) ends the output quietly, not with an unhandled EPIPE", async () => {
    const type = "pulumi-nodejs:dynamic/apigw-responses:ResponseSet";
    const steps = Array.from({ length: 600 }, (_, i) => ({
      op: "create",
      urn: `urn:pulumi:s::p::${type}::set${i}`,
      newState: { type, inputs: { restApiId: "a", resourceId: `r${i}`, httpMethod: "GET", responses: { "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": "x".repeat(60) } } } } } },
    }));
    // Far more than a pipe holds, so the command is still writing when the reader is gone.
    const child = spawn(process.execPath, [CLI, "pr-comment"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.stdout.once("data", () => child.stdout.destroy());
    child.stdin.end(JSON.stringify({ steps }));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(code).toBe(0);
  });

  it("pr-comment keeps within --max-length (GitHub's limit by default), warns on stderr what it left out, exit 0", async () => {
    const type = "pulumi-nodejs:dynamic/apigw-responses:ResponseSet";
    const steps = Array.from({ length: 600 }, (_, i) => ({
      op: "create",
      urn: `urn:pulumi:s::p::${type}::set${i}`,
      newState: { type, inputs: { restApiId: "a", resourceId: `r${i}`, httpMethod: "GET", responses: { "200": { methodResponse: {} } } } },
    }));
    const input = JSON.stringify({ steps });
    const fitted = await cli(["pr-comment"], { input });
    expect(fitted.code).toBe(0);
    expect(fitted.stdout.length).toBeLessThanOrEqual(65_536);
    expect(fitted.stderr).toMatch(/^warning: the comment leaves out \d+ method\(s\) with \d+ change\(s\) to stay within 65536 characters/);
    const small = await cli(["pr-comment", "--max-length", "5000"], { input });
    expect(small.stdout.length).toBeLessThanOrEqual(5000);
    const all = await cli(["pr-comment", "--max-length", "0"], { input });
    expect(all.stderr).toBe("");
    expect(all.stdout.split("\n").filter((l) => l.startsWith("### GET ")).length).toBe(600);
    // Refused before standard input is read (the helper takes the closed pipe as the answer it is).
    const bad = await cli(["pr-comment", "--max-length", "lots"], { input });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: --max-length "lots" must be a whole number/);
  });
});
