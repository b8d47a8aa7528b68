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
import { CliError } from "./errors";

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
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new CliError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require("yaml") as typeof import("yaml");
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    const where = pos ? ` (line ${pos.line}, column ${pos.col})` : "";
    throw new CliError(`${file} is not valid YAML${where}: ${firstLine(e.message)}`, doc.errors.map((x) => x.message).join("\n"));
  }
  return doc.toJS({ mapAsMap: false }) as unknown;
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

/**
 * Read, parse and validate a spec file.
 *
 * @throws {CliError} when the file cannot be read or parsed, or breaks a rule of the
 *   schema (the first failure in the message, every failure in `detail`)
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
  if (failures.length > 0) {
    const [first, ...rest] = failures;
    const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"}; --verbose lists them)` : "";
    throw new CliError(
      `invalid spec ${file}: ${first!.property || "(file)"}: ${first!.reason}${more}`,
      failures.map((f) => `- ${f.property || "(file)"}: ${f.reason}`).join("\n"),
    );
  }
  const spec = data as SpecFile;
  return { file, spec, methods: methodSpecsOfFile(spec) };
}
