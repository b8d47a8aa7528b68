/**
 * Runs the JVM oracles of AWS-29 (a selectionPattern is a java.util.regex.Pattern):
 * `JavaPattern.java` (does `Pattern.compile` accept each pattern?) and
 * `JavaUnicodeNames.java` (the block and script names Java knows), each in one JVM process
 * with the single-file source launcher. Test-only: `src/` never imports it.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** Java's verdict on one pattern. */
export type JavaVerdict = { readonly ok: true } | { readonly ok: false; readonly description: string; readonly index: number };

const ORACLE = path.resolve(__dirname, "JavaPattern.java");
const NAMES = path.resolve(__dirname, "JavaUnicodeNames.java");

/** The major version of the `java` on the PATH (17 for "17.0.15"), or `undefined` when there is none. */
export function javaMajorVersion(): number | undefined {
  const r = spawnSync("java", ["-version"], { encoding: "utf8", timeout: 30_000 });
  if (r.error !== undefined || r.status !== 0) return undefined;
  const m = /version "(?:1\.)?(\d+)/.exec(`${r.stderr}${r.stdout}`);
  return m === null ? undefined : Number(m[1]);
}

/** Java's verdicts on `patterns`, in order, from one JVM. */
export function javaVerdicts(patterns: readonly string[]): JavaVerdict[] {
  const input = patterns.map((p) => Buffer.from(p, "utf8").toString("base64")).join("\n") + "\n";
  const r = spawnSync("java", [ORACLE], { input, encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`JavaPattern.java failed (${r.status ?? r.signal}): ${r.stderr}`);
  const lines = r.stdout.trimEnd().split("\n");
  if (lines.length !== patterns.length) throw new Error(`JavaPattern.java answered ${lines.length} lines for ${patterns.length} patterns`);
  return lines.map((line, i) => {
    const [verdict, json] = line.split("\t");
    if (verdict === "ok") return { ok: true };
    if (verdict !== "error") throw new Error(`JavaPattern.java could not judge ${JSON.stringify(patterns[i])}: ${line}`);
    const { description, index } = JSON.parse(json ?? "{}") as { description: string; index: number };
    return { ok: false, description, index };
  });
}

/** The upper-case block and script names the JVM's `forName` methods accept. */
export function javaUnicodeNames(): { blocks: Set<string>; scripts: Set<string> } {
  const r = spawnSync("java", ["--add-opens", "java.base/java.lang=ALL-UNNAMED", NAMES], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`JavaUnicodeNames.java failed (${r.status ?? r.signal}): ${r.stderr}`);
  const out = { blocks: new Set<string>(), scripts: new Set<string>() };
  for (const line of r.stdout.trimEnd().split("\n")) {
    const [kind, ...name] = line.split(" ");
    (kind === "block" ? out.blocks : out.scripts).add(name.join(" "));
  }
  return out;
}
