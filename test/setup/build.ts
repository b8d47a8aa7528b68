/**
 * The command-line, end-to-end and serialization tests run the compiled code (dist/, and
 * build/ for the tools), which only `npm test` builds. Run directly (`npx vitest`), the
 * suite could test stale code and pass: before the run, compare the sources with their
 * outputs and build what is older (`npm test` has just built, so it pays nothing here).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Every `.ts` file under `dir`, relative to it. */
function sources(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(dir, path.join(rel, e.name)) : e.name.endsWith(".ts") ? [path.join(rel, e.name)] : [],
  );
}

/** The sources of `srcDir` whose output (in `outDir`) is missing or older. */
function staleSources(srcDir: string, outDir: string): { source: string; output: string }[] {
  return sources(path.join(ROOT, srcDir))
    .map((f) => ({ source: path.join(srcDir, f), output: path.join(ROOT, outDir, f.replace(/\.ts$/, ".js")) }))
    .filter(({ source, output }) => !existsSync(output) || statSync(output).mtimeMs < statSync(path.join(ROOT, source)).mtimeMs);
}

/**
 * Build dist/ (and build/ for the tools, which compile the product sources they import
 * again) when a source is newer than its output; say so on stderr with the time it took.
 * tsc rewrites only the outputs whose content changes, so an output it left alone is
 * marked as built now: a source touched without a change is not rebuilt at every run.
 */
export function buildWhenStale(): void {
  const product = staleSources("src", "dist");
  const tools = [...product, ...staleSources("tools", "build/tools")];
  const builds: [string, { source: string; output: string }[]][] = [
    ["tsconfig.json", product],
    ["tsconfig.tools.json", tools],
  ];
  for (const [config, stale] of builds) {
    if (stale.length === 0) continue;
    const started = Date.now();
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", config], { cwd: ROOT, stdio: "inherit" });
    const now = new Date();
    for (const { output } of stale) if (existsSync(output)) utimesSync(output, now, now);
    process.stderr.write(`built ${config} before the tests (${stale[0]!.source} was newer than its output): ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}
