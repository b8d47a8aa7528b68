/**
 * Spec files: YAML or JSON naming one REST API and its methods (see
 * `schema/spec.schema.json`). Read, parsed and validated — once, before any AWS call —
 * with the zod schema the published JSON Schema is generated from, and the rules it
 * cannot say (`validateSpecFile`).
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
import type { SpecFile } from "../model";
import { validSpecFile, type ValidGatewayResponses, type ValidMethodSpec } from "../validate";
import { CliError, SpecFileError } from "./errors";

/** A spec file after reading and validation. */
export interface LoadedSpec {
  /** The file name as given. */
  readonly file: string;
  readonly spec: SpecFile;
  /** The methods, each with its `restApiId` filled in: validated, so that planning does not validate them again. May be empty. */
  readonly methods: ValidMethodSpec[];
  /**
   * The gateway responses (`{ restApiId, responses, exclusive }`, `exclusive` being
   * `gatewayResponsesExclusive` resolved to its default, true), validated like the
   * methods; absent when the file has no `gatewayResponses` (it leaves them alone).
   */
  readonly gatewayResponses?: ValidGatewayResponses;
}

/**
 * Parse the text of a spec file: JSON when the name ends in `.json`, YAML otherwise
 * (YAML 1.2, so JSON text parses too). Duplicate keys are refused.
 *
 * @throws {CliError} naming the file, the line and the column
 */
export function parseSpecText(text: string, file: string): unknown {
  const YAML = require("yaml") as typeof import("yaml");
  const where = (e: { linePos?: [{ line: number; col: number }, ...unknown[]] }) => {
    const pos = e.linePos?.[0];
    return pos ? ` (line ${pos.line}, column ${pos.col})` : "";
  };
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    throw new CliError(`${file} is not valid (${lineColumn(text, deep)}): brackets nested deeper than ${MAX_NESTING} levels; a spec file needs fewer than 10`);
  }
  const value = parseText(YAML, text, file, where);
  const shape = shapeProblem(value);
  if (shape) throw new CliError(`${file} is not valid: ${shape}`);
  return value;
}

/** Parse JSON or YAML (see {@link parseSpecText}), without the nesting checks. */
function parseText(
  YAML: typeof import("yaml"),
  text: string,
  file: string,
  where: (e: { linePos?: [{ line: number; col: number }, ...unknown[]] }) => string,
): unknown {
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
  try {
    return doc.toJS({ mapAsMap: false, maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (e) {
    // The yaml library refuses aliases that expand to too many nodes (an alias bomb).
    if (e instanceof ReferenceError) throw new CliError(`${file} is not valid YAML: its aliases (*name) expand to too many nodes (more than ${MAX_ALIAS_COUNT} per alias); write the values out`);
    throw e;
  }
}

/** Deepest nesting of brackets a spec file may have (a real one has fewer than 10). */
export const MAX_NESTING = 64;
/** The yaml library's limit on what one alias may expand to (its default). */
const MAX_ALIAS_COUNT = 100;

/**
 * The offset of the first `[` or `{` nested deeper than {@link MAX_NESTING}
 * outside quoted strings and comments, or undefined. Checked before parsing, so
 * that a 100,000-deep nesting is an error about the file, not a stack overflow.
 */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "'") {
      for (i++; i < text.length; i++) if (text[i] === "'" && text[++i] !== "'") break;
      i--;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_NESTING) return i;
    } else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * A problem with the parsed value's shape that no rule of the schema reports well:
 * nesting deeper than {@link MAX_NESTING} (block-style YAML) or an alias inside its
 * own anchor (a value that contains itself). Walked without recursion.
 */
function shapeProblem(value: unknown): string | undefined {
  const stack: { v: unknown; depth: number; ancestors: readonly object[] }[] = [{ v: value, depth: 0, ancestors: [] }];
  while (stack.length > 0) {
    const { v, depth, ancestors } = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (ancestors.includes(v)) return "a YAML alias (*name) is used inside its own anchor (&name): the value would contain itself";
    if (depth > MAX_NESTING) return `values nested deeper than ${MAX_NESTING} levels; a spec file needs fewer than 10`;
    for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1, ancestors: [...ancestors, v] });
  }
  return undefined;
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
  // The one validation of the command line's road (plan, apply, drift): before any AWS call.
  const valid = validSpecFile(parseSpecText(text, file));
  if ("failures" in valid) throw new SpecFileError(file, valid.failures);
  return { file, spec: valid.file, methods: valid.methods, ...(valid.gatewayResponses !== undefined ? { gatewayResponses: valid.gatewayResponses } : {}) };
}
