/**
 * Spec files: YAML or JSON naming one REST API and its methods (see
 * `schema/spec.schema.json`). Read, parsed and validated with the same rules as the
 * published JSON Schema (`validateSpecFile`) before any AWS call.
 *
 * ```yaml
 * restApiId: a1b2c3d4e5
 * region: eu-west-1          # optional
 * methods:
 *   - path: /pets            # or resourceId: abc123
 *     httpMethod: GET
 *     responses:
 *       "200":
 *         methodResponse: { responseModels: { application/json: Empty } }
 *         integrationResponse: { responseTemplates: { application/json: "" } }
 * ```
 */
import { readFileSync } from "node:fs";
import type { MethodSpec, SpecFile } from "../model";
import { methodSpecsOfFile, validateSpecFile } from "../validate";
import { CliError, problemsMessage } from "./errors";

/** A spec file after reading and validation. */
export interface LoadedSpec {
  /** The file name as given. */
  readonly file: string;
  readonly spec: SpecFile;
  /** The methods, each with its `restApiId` filled in. */
  readonly methods: MethodSpec[];
}

/**
 * Parse the text of a spec file: JSON when the name ends in `.json`, YAML otherwise
 * (YAML 1.2, so JSON text parses too). Duplicate keys are refused.
 *
 * @throws {CliError} naming the file, the line and the column
 */
export function parseSpecText(text: string, file: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require("yaml") as typeof import("yaml");
  const where = (e: { linePos?: [{ line: number; col: number }, ...unknown[]] }) => {
    const pos = e.linePos?.[0];
    return pos ? ` (line ${pos.line}, column ${pos.col})` : "";
  };
  if (/\.json$/i.test(file)) {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (e) {
      // V8 gives an offset for some errors only; YAML (a superset of JSON) locates the others.
      const message = firstLine(e instanceof Error ? e.message : String(e)).replace(/, "[^"]*$/, "");
      const at = /at position (\d+)/.exec(message);
      const yamlError = YAML.parseDocument(text, { prettyErrors: true }).errors[0];
      const position = at ? ` (${lineColumn(text, Number(at[1]))})` : yamlError ? where(yamlError) : "";
      throw new CliError(`${file} is not valid JSON${position}: ${message.replace(/ in JSON at position \d+.*$/, "")}`);
    }
    // JSON.parse keeps the last of two equal keys; a spec must not silently lose the first
    // (with exclusive: true the response it described would be deleted). Refuse, as in YAML.
    const duplicate = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true }).errors.find((x) => x.code === "DUPLICATE_KEY");
    if (duplicate) {
      const key = /^\s*("(?:[^"\\]|\\.)*")/.exec(text.slice(duplicate.pos[0]))?.[1] ?? "a key";
      throw new CliError(`${file} is not valid${where(duplicate)}: duplicate key ${key}; keys must be unique (JSON.parse would silently keep only the last one)`);
    }
    return value;
  }
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new CliError(`${file} is not valid YAML${where(e)}: ${firstLine(e.message)}`, doc.errors.map((x) => x.message).join("\n"));
  }
  return doc.toJS({ mapAsMap: false }) as unknown;
}

/** `line L, column C` of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

/**
 * Read, parse and validate a spec file.
 *
 * @throws {CliError} when the file cannot be read or parsed, or breaks a rule of the
 *   schema (every failure, one per line)
 */
export function loadSpecFile(file: string): LoadedSpec {
  let text: string;
  try {
    // Strict: bytes that are not UTF-8 are an error, not silently replaced by U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
  } catch (e) {
    if (e instanceof TypeError) throw new CliError(`spec file ${file} is not valid UTF-8 text: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `spec file ${file} does not exist` : `cannot read spec file ${file}: ${(e as Error).message}`);
  }
  const data = parseSpecText(text, file);
  const failures = validateSpecFile(data);
  if (failures.length > 0) throw new CliError(problemsMessage(`invalid spec ${file}`, failures));
  const spec = data as SpecFile;
  return { file, spec, methods: methodSpecsOfFile(spec) };
}
