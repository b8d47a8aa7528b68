/**
 * The front end of `apigw-responses export` (issue 13): read a live REST API through
 * observe (one `GetResources` `embed=methods` pass, ceil(R/500) calls, AWS-30, and one
 * `GetGatewayResponses`, AWS-32, under the runtime's rate limit and retry policy), turn
 * it into a spec file with the pure `export.ts`, check that the text reads back with
 * the spec validator to exactly the live values, and write it (atomically with `--out`).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import * as path from "node:path";
import { ApiGatewayError } from "../aws/errors";
import { exportSpec, exportSummary, programScaffold, renderExportJson, renderExportTypescript, renderExportYaml, unmatchedGlobs, type ExportedSpec } from "../export";
import { normalizeDesiredResponses, normalizedEqual, normalizeGatewayResponse } from "../normalize";
import { readGatewayResponses } from "../observe/gateway-responses";
import { readApi } from "../observe/reads";
import type { Runtime } from "../runtime";
import { validSpecFile } from "../validate";
import { CliError } from "./errors";
import { parseSpecText } from "./spec";

/** Formats of `export`: a spec file (`yaml`, `json`) or a Pulumi program (`typescript`). */
export type ExportFormat = "yaml" | "json" | "typescript";

/** The formats of `export`. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ["yaml", "json", "typescript"];

/** Options of {@link runExport}. */
export interface ExportRun {
  readonly restApiId: string;
  readonly format: ExportFormat;
  readonly paths: readonly string[];
  readonly region?: string;
  /** False: leave the gateway responses out (no `GetGatewayResponses`). */
  readonly gatewayResponses: boolean;
}

/** What {@link runExport} gives: the text, the export and the calls made. */
export interface ExportResult {
  readonly text: string;
  readonly exported: ExportedSpec;
  readonly calls: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

/**
 * Read the REST API and render its spec file.
 *
 * @throws {ApiGatewayError} `REST_API_NOT_FOUND` when the REST API does not exist
 * @throws {CliError} when a `--path` glob matches no resource
 */
export async function runExport(runtime: Runtime, run: ExportRun): Promise<ExportResult> {
  const started = Date.now();
  const before = { ...runtime.counters.calls };
  const snapshot = await readApi(runtime, run.restApiId);
  if (!snapshot.exists) {
    throw new ApiGatewayError({
      code: "REST_API_NOT_FOUND",
      classification: "not-found",
      operation: "GetResources",
      requestId: snapshot.absence?.requestId,
      message: `REST_API_NOT_FOUND: REST API ${run.restApiId} does not exist in this account and region (check --rest-api-id and --region); GetResources said: ${snapshot.absence?.message ?? "not found"} (request id ${snapshot.absence?.requestId ?? "none"})`,
    });
  }
  const missing = unmatchedGlobs(run.paths, snapshot.resources.map((r) => r.path ?? r.id));
  if (missing.length > 0) {
    throw new CliError(`--path ${missing.map((g) => JSON.stringify(g)).join(", ")} matches no resource of REST API ${run.restApiId} (${snapshot.resources.length} resource(s); a glob: * within one path segment, ** across segments)`);
  }
  const gateway = run.gatewayResponses ? await readGatewayResponses(runtime, run.restApiId) : undefined;
  const exported = exportSpec(snapshot, gateway, { paths: run.paths, ...(run.region !== undefined ? { region: run.region } : {}) });
  // The program holds the same values as the spec file: the spec file's text is what is checked.
  const specText = run.format === "json" ? renderExportJson(exported) : renderExportYaml(exported);
  checkRoundTrip(specText, run.format === "json" ? "json" : "yaml", exported);
  const text = run.format === "typescript" ? renderExportTypescript(exported) : specText;
  const calls: Record<string, number> = {};
  for (const [op, n] of Object.entries(runtime.counters.calls)) if (n - (before[op] ?? 0) > 0) calls[op] = n - (before[op] ?? 0);
  return { text, exported, calls, durationMs: Date.now() - started };
}

/**
 * The text read back with the spec file's own parser and validator must ask for exactly
 * what was read: the same methods with the same normalized responses, the same
 * gateway responses. A difference is a bug of export: nothing is written. A live value
 * the validator refuses (the API holds what no spec may ask for) is the user's to
 * change: a {@link CliError} naming each method and rule.
 *
 * @throws {CliError} when the live API holds values a spec file refuses
 */
function checkRoundTrip(text: string, format: "yaml" | "json", exported: ExportedSpec): void {
  const fail = (why: string): never => {
    throw new Error(`export produced a spec file that does not read back as the live API (${why}); nothing was written. Please report this.`);
  };
  const valid = validSpecFile(parseSpecText(text, `export.${format}`));
  if ("failures" in valid) {
    // Values a live API may hold but a spec file refuses to ask for (a selection pattern "-",
    // AWS-17; a control character outside a template): not a bug of export, a limit of the spec.
    const where = (property: string) =>
      property.replace(/^methods\[(\d+)\]\.?/, (whole, i: string) => {
        const m = exported.spec.methods[Number(i)];
        return m === undefined ? whole : `${m.httpMethod} ${m.path ?? m.resourceId ?? ""}, `;
      });
    throw new CliError(
      `REST API ${exported.spec.restApiId} holds values that a spec file refuses to ask for, so it cannot be exported as it is; nothing was written. ` +
        `Change them on the API (or leave their resources out with --path), then export again: ` +
        valid.failures.map((f) => `${where(f.property)}: ${f.reason}`).join("; "),
    );
  }
  const wanted = exported.spec.methods;
  if (valid.methods.length !== wanted.length) return fail("method count");
  valid.methods.forEach((m, i) => {
    const w = wanted[i]!;
    if (m.path !== w.path || m.httpMethod !== w.httpMethod || !normalizedEqual(normalizeDesiredResponses(m.responses), normalizeDesiredResponses(w.responses))) {
      fail(`${w.httpMethod} ${w.path ?? ""}`);
    }
  });
  const g = exported.spec.gatewayResponses ?? {};
  const back = valid.file.gatewayResponses ?? {};
  for (const type of new Set([...Object.keys(g), ...Object.keys(back)]) as Set<keyof typeof g>) {
    if (!normalizedEqual(normalizeGatewayResponse(type, back[type]), normalizeGatewayResponse(type, g[type]))) fail(`gateway response ${type}`);
  }
}

/**
 * Reserve `--out` before any AWS call (so an unwritable place fails first and costs
 * nothing): a temporary file beside it. {@link OutFile.commit} writes and renames it over
 * `--out` (atomic on one file system); {@link OutFile.abandon} removes it.
 *
 * @throws {CliError} when the temporary file cannot be created
 */
export function reserveOut(file: string): OutFile {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let fd: number;
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`cannot write --out ${file}: it is a folder (give a file name)`);
    fd = openSync(temp, "wx", 0o644);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot write --out ${file}: ${(e as NodeJS.ErrnoException).code ?? ""} ${(e as Error).message}`.replace(/ {2,}/g, " "));
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    commit(text: string) {
      try {
        writeSync(fd, text);
        close();
        renameSync(temp, file);
      } catch (e) {
        this.abandon();
        throw new CliError(`cannot write --out ${file}: ${(e as Error).message}`);
      }
    },
    abandon() {
      close();
      rmSync(temp, { force: true });
    },
  };
}

/** A reserved `--out` file. */
export interface OutFile {
  commit(text: string): void;
  abandon(): void;
}

/**
 * Reserve `--out` of a TypeScript export: a folder (one that exists, or a path ending in
 * `/`) gets `index.ts`, and `Pulumi.yaml` and `package.json` where it has none, each
 * written atomically; any other path is the program file itself. Reserved before any call.
 *
 * @throws {CliError} when a file cannot be created
 */
export function reserveProgramOut(out: string, restApiId: string): OutFile {
  const isFolder = out.endsWith("/") || out.endsWith(path.sep) || statSync(out, { throwIfNoEntry: false })?.isDirectory() === true;
  if (!isFolder) return reserveOut(out);
  // A folder this export makes is removed again when the export fails: nothing half-written.
  let made: string | undefined;
  try {
    made = mkdirSync(out, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot write --out ${out}: ${(e as Error).message}`);
  }
  const unmake = () => {
    if (made !== undefined) rmSync(made, { recursive: true, force: true });
  };
  const scaffold = programScaffold(path.basename(path.resolve(out)), restApiId, packageVersions());
  const files: [OutFile, string | undefined][] = [];
  try {
    files.push([reserveOut(path.join(out, "index.ts")), undefined]);
    for (const [name, text] of Object.entries(scaffold)) {
      if (!existsSync(path.join(out, name))) files.push([reserveOut(path.join(out, name)), text]);
    }
  } catch (e) {
    for (const [f] of files) f.abandon();
    unmake();
    throw e;
  }
  return {
    commit(text: string) {
      for (const [f, own] of files) f.commit(own ?? text);
    },
    abandon() {
      for (const [f] of files) f.abandon();
      unmake();
    },
  };
}

/** This package's version and the `@pulumi/pulumi` range it works with, for an exported program's `package.json`. */
function packageVersions(): { self: string; pulumi: string } {
  const own = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string; peerDependencies?: Record<string, string> };
  return { self: `^${own.version}`, pulumi: own.peerDependencies?.["@pulumi/pulumi"] ?? ">=3.216.0" };
}

/** The line for standard error after an export: what, where, the calls and the time. */
export function exportDoneLine(r: ExportResult, out: string | undefined): string {
  const calls = Object.entries(r.calls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([op, n]) => `${op} ${n}`).join(", ");
  return `exported ${exportSummary(r.exported)}${out !== undefined ? ` to ${out}` : ""} in ${(r.durationMs / 1000).toFixed(2)}s (calls: ${calls})\n`;
}
