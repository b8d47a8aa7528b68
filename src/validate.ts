/**
 * Validation of desired specs, pure. Every failure is returned (not only the first),
 * each as `{ property, reason }` where `property` is a path such as
 * `responses.200.integrationResponse.responseParameters.method.response.header.X` and
 * `reason` names the field, the value (truncated) and the rule, with the catalogue id
 * (`docs/aws-behaviors.md`) where there is one.
 */
import { javaPatternSyntaxError } from "./java-regex";
import type { MethodSpec, SpecFile, ValidationFailure } from "./model";
import { CONTENT_HANDLING_VALUES } from "./model";
import { parseRegion } from "./settings";
import { escapeUnsafe } from "./text";

/** HTTP methods API Gateway accepts for a method, upper case as AWS stores them. */
export const HTTP_METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];

/** Status codes (AWS-7). */
export const STATUS_CODE_PATTERN = "^[1-5]\\d\\d$";

/** An HTTP header name: an RFC 9110 token. */
export const HEADER_NAME_PATTERN = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

/** Response parameter keys: `method.response.header.{name}` (AWS-28). */
export const RESPONSE_PARAMETER_KEY_PATTERN = "^method\\.response\\.header\\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

/** Integration response mapping values (AWS-28): a header, the body, a JSON expression into the body (no `$`), or a static `'value'`. */
export const MAPPING_VALUE_PATTERN =
  "^(integration\\.response\\.header\\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|integration\\.response\\.body|integration\\.response\\.body\\.[^$\\s][^\\s]*|'.*')$";

/** Content types used as template and model keys: `type/subtype`, both RFC 9110 tokens. */
export const CONTENT_TYPE_PATTERN = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+/[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

/**
 * The largest mapping template accepted, in UTF-8 bytes: 300 KB, API Gateway's
 * fixed mapping-template size quota (AWS-65 in docs/aws-behaviors.md; what AWS
 * answers above it is not recorded). Lower it with `maxTemplateBytes` to be stricter.
 */
export const MAX_TEMPLATE_BYTES = 300 * 1000;

/** Fields of a method spec. */
const METHOD_FIELDS = ["restApiId", "resourceId", "path", "httpMethod", "responses", "exclusive"] as const;
const RESPONSE_FIELDS = ["methodResponse", "integrationResponse"] as const;
const METHOD_RESPONSE_FIELDS = ["responseParameters", "responseModels"] as const;
const INTEGRATION_RESPONSE_FIELDS = ["selectionPattern", "responseParameters", "responseTemplates", "contentHandling"] as const;
const SPEC_FILE_FIELDS = ["restApiId", "region", "methods"] as const;

const STATUS_CODE_RE = new RegExp(STATUS_CODE_PATTERN);
const PARAMETER_KEY_RE = new RegExp(RESPONSE_PARAMETER_KEY_PATTERN);
const MAPPING_VALUE_RE = new RegExp(MAPPING_VALUE_PATTERN);
const CONTENT_TYPE_RE = new RegExp(CONTENT_TYPE_PATTERN);
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const TEMPLATE_CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Options of {@link validateMethodSpec}. */
export interface ValidateOptions {
  /** Default false. When true, no message quotes a value: the input holds secrets. */
  readonly hideValues?: boolean;
  /**
   * Default false. When true, every integration response header mapping needs a
   * `methodResponse` of the same status code in the spec that declares the header
   * (AWS-4, AWS-5): use it for full sets of responses. When false, this is checked
   * only for status codes whose spec has a `methodResponse`.
   */
  readonly requireMethodResponseForMappings?: boolean;
  /** Largest template in UTF-8 bytes; default {@link MAX_TEMPLATE_BYTES}. */
  readonly maxTemplateBytes?: number;
}

/** A value for a message: JSON, unsafe characters escaped (`\u202e`), truncated to 60 characters. */
export function showValue(value: unknown): string {
  let s: string;
  if (value === undefined) s = "undefined";
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  s = escapeUnsafe(s);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The JSON type of a value, for messages. */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A plain object (not null, not an array)? */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Collects failures under a prefix. */
class Failures {
  readonly list: ValidationFailure[] = [];
  /** @param hideValues never quote a value (the input holds secrets) */
  constructor(readonly hideValues = false) {}
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }
  /** A value for a message; `(a secret value)` when values are hidden. */
  show(value: unknown): string {
    return this.hideValues ? "(a secret value)" : showValue(value);
  }
}

/** Join a property path (a name's unsafe characters escaped). */
function at(prefix: string, name: string): string {
  const shown = escapeUnsafe(name);
  return prefix === "" ? shown : `${prefix}.${shown}`;
}

/** Report unknown fields of an object. */
function checkUnknown(f: Failures, obj: Record<string, unknown>, allowed: readonly string[], prefix: string, what: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      f.add(at(prefix, k), `unknown field ${f.show(k)} in ${what} (allowed: ${allowed.join(", ")})`);
    }
  }
}

/** Check an optional-or-required string without control characters. Returns the string when valid. */
function checkString(f: Failures, value: unknown, property: string, field: string, nonEmpty: boolean): string | undefined {
  if (typeof value !== "string") {
    f.add(property, `${field} must be a string, got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  if (nonEmpty && value.length === 0) {
    f.add(property, `${field} must be a non-empty string`);
    return undefined;
  }
  if (CONTROL_RE.test(value)) {
    f.add(property, `${field} ${f.show(value)} must not contain control characters`);
    return undefined;
  }
  return value;
}

/**
 * Translate the Java-only regular expression syntax API Gateway accepts (AWS-29) into
 * JavaScript syntax, for using a valid selection pattern in JavaScript (whether a pattern
 * is valid at all is Java's question: {@link javaPatternSyntaxError} answers it): inline flags
 * `(?i)` are dropped, `(?i:` and atomic groups `(?>` become `(?:`, possessive
 * quantifiers `*+ ++ ?+ }+` lose their `+`, `\Q...\E` quoting is escaped. A `]`
 * right after `[` or `[^` is a literal in Java (so `[]` and `[^]`, which JavaScript
 * accepts, stay unterminated and are rejected as Java rejects them).
 */
export function javaPatternToJs(pattern: string): string {
  let out = "";
  let i = 0;
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "\\" && pattern[i + 1] === "Q") {
      const end = pattern.indexOf("\\E", i + 2);
      const literal = pattern.slice(i + 2, end === -1 ? pattern.length : end);
      out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
      i = end === -1 ? pattern.length : end + 2;
      continue;
    }
    if (c === "\\") {
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      i += 1;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i += 1;
      if (pattern[i] === "^") {
        out += "^";
        i += 1;
      }
      if (pattern[i] === "]") {
        out += "\\]";
        i += 1;
      }
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      const flags = /^\(\?([idmsuxU]*)(?:-([idmsuxU]*))?([):])/.exec(pattern.slice(i));
      if (flags !== null && (flags[1] !== "" || (flags[2] ?? "") !== "")) {
        out += flags[3] === ")" ? "" : "(?:";
        i += flags[0].length;
        continue;
      }
      if (pattern[i + 2] === ">") {
        out += "(?:";
        i += 3;
        continue;
      }
    }
    if ((c === "*" || c === "+" || c === "?" || c === "}") && pattern[i + 1] === "+") {
      out += c;
      i += 2;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** Check a selection pattern (AWS-17, AWS-29). */
function checkSelectionPattern(f: Failures, value: unknown, property: string): void {
  const s = checkString(f, value, property, "selectionPattern", false);
  if (s === undefined) return;
  if (s === "-") {
    f.add(
      property,
      `selectionPattern "-" is not a default marker: omit selectionPattern or use "" for the default response; "-" would match only a literal "-" and cause a perpetual diff (AWS-17)`,
    );
    return;
  }
  // API Gateway compiles it with java.util.regex.Pattern: Java's grammar decides, not JavaScript's.
  const problem = javaPatternSyntaxError(s);
  if (problem === undefined) return;
  // Java's description may quote part of the pattern (a group name): keep it out when values are hidden.
  const at = problem.index >= 0 ? ` at index ${problem.index}` : "";
  const java = f.hideValues ? "" : `Java: ${showValue(problem.description)}${at}; `;
  f.add(property, `selectionPattern ${f.show(s)} is not a valid regular expression: ${problem.rule} (${java}AWS-29)`);
}

/** Check a map's shape; returns it when it is an object. */
function checkMap(f: Failures, value: unknown, property: string, field: string): Record<string, unknown> | undefined {
  if (!isObject(value)) {
    f.add(property, `${field} must be an object (a map), got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  return value;
}

/**
 * When `value` has the field `field`, check that it is a map, then call `entry` on
 * each of its entries with the entry's property path.
 */
function forEachEntry(f: Failures, value: Record<string, unknown>, field: string, prefix: string, entry: (key: string, v: unknown, property: string) => void): void {
  if (!hasOwn(value, field)) return;
  const p = at(prefix, field);
  const map = checkMap(f, value[field], p, field);
  if (map === undefined) return;
  for (const [k, v] of Object.entries(map)) entry(k, v, at(p, k));
}

/** Check a response parameter key (AWS-28). */
function checkParameterKey(f: Failures, key: string, property: string): boolean {
  if (!PARAMETER_KEY_RE.test(key)) {
    f.add(
      property,
      `response parameter key ${f.show(key)} must be method.response.header.{name} with {name} a valid HTTP header name (AWS-28)`,
    );
    return false;
  }
  return true;
}

/** Check a content type key. */
function checkContentType(f: Failures, key: string, property: string, field: string): void {
  if (!CONTENT_TYPE_RE.test(key)) {
    f.add(property, `${field} key ${f.show(key)} must be a content type such as "application/json" (type/subtype)`);
  }
}

/** Validate a method response spec; returns the declared parameter keys when it is an object. */
function checkMethodResponse(f: Failures, value: unknown, prefix: string): Set<string> | undefined {
  if (!isObject(value)) {
    f.add(prefix, `methodResponse must be an object, got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  checkUnknown(f, value, METHOD_RESPONSE_FIELDS, prefix, "methodResponse");
  const declared = new Set<string>();
  forEachEntry(f, value, "responseParameters", prefix, (k, v, kp) => {
    checkParameterKey(f, k, kp);
    declared.add(k);
    if (typeof v !== "boolean") {
      f.add(kp, `method response parameter ${k} must be a boolean (required or not), got ${typeName(v)} ${f.show(v)} (AWS-24)`);
    }
  });
  forEachEntry(f, value, "responseModels", prefix, (k, v, kp) => {
    checkContentType(f, k, kp, "responseModels");
    checkString(f, v, kp, `model name for ${k}`, true);
  });
  return declared;
}

/** Facts about one integration response needed by the cross-field checks. */
interface IntegrationFacts {
  readonly isDefault: boolean;
  readonly mappedKeys: readonly string[];
}

/** Validate an integration response spec. */
function checkIntegrationResponse(f: Failures, value: unknown, prefix: string, maxTemplateBytes: number): IntegrationFacts | undefined {
  if (!isObject(value)) {
    f.add(prefix, `integrationResponse must be an object, got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  checkUnknown(f, value, INTEGRATION_RESPONSE_FIELDS, prefix, "integrationResponse");
  if (hasOwn(value, "selectionPattern")) checkSelectionPattern(f, value.selectionPattern, at(prefix, "selectionPattern"));
  if (hasOwn(value, "contentHandling")) {
    const v = value.contentHandling;
    if (typeof v !== "string" || !(CONTENT_HANDLING_VALUES as readonly string[]).includes(v)) {
      f.add(
        at(prefix, "contentHandling"),
        `contentHandling ${f.show(v)} must be one of ${CONTENT_HANDLING_VALUES.join(", ")}; omit it for pass-through (AWS-27)`,
      );
    }
  }
  const mappedKeys: string[] = [];
  forEachEntry(f, value, "responseParameters", prefix, (k, v, kp) => {
    if (checkParameterKey(f, k, kp)) mappedKeys.push(k);
    if (typeof v !== "string") {
      f.add(kp, `mapping expression for ${k} must be a string, got ${typeName(v)} ${f.show(v)} (AWS-28)`);
    } else if (CONTROL_RE.test(v)) {
      f.add(kp, `mapping expression ${f.show(v)} for ${k} must not contain control characters`);
    } else if (!MAPPING_VALUE_RE.test(v)) {
      f.add(
        kp,
        `mapping expression ${f.show(v)} for ${k} must be integration.response.header.{name}, integration.response.body, integration.response.body.{JSON-expression} (no "$"), or a static value in single quotes '...' (AWS-28)`,
      );
    }
  });
  forEachEntry(f, value, "responseTemplates", prefix, (k, v, kp) => {
    checkContentType(f, k, kp, "responseTemplates");
    if (typeof v !== "string") {
      f.add(kp, `template for ${k} must be a string ("" passes the body through, AWS-16), got ${typeName(v)} ${f.show(v)}`);
      return;
    }
    if (TEMPLATE_CONTROL_RE.test(v)) {
      f.add(kp, `template ${f.show(v)} for ${k} must not contain control characters other than tab, newline and carriage return`);
    }
    const bytes = new TextEncoder().encode(v).length;
    if (bytes > maxTemplateBytes) {
      f.add(
        kp,
        `template for ${k} is ${bytes} bytes; the limit is ${maxTemplateBytes} bytes (kept within API Gateway's mapping template size quota, "Quotas for configuring and running a REST API")`,
      );
    }
  });
  const sp = value.selectionPattern;
  return { isDefault: sp === undefined || sp === "", mappedKeys };
}

/**
 * Validate one method spec ({@link MethodSpec}). Returns every failure; an empty list
 * means the spec is valid.
 *
 * Rules: `restApiId` non-empty; exactly one of `resourceId` / `path` (`path` starts
 * with "/"); `httpMethod` one of {@link HTTP_METHODS} (upper case); status codes
 * `[1-5]\d\d` (AWS-7); `contentHandling` enum (AWS-27); parameter key and mapping
 * value grammar (AWS-28); method response parameter values booleans (AWS-24); header
 * mappings declared on the method response of the same code (AWS-4, AWS-5; see
 * {@link ValidateOptions.requireMethodResponseForMappings}); at most one default
 * selection pattern (AWS-6); selection patterns are valid Java regular expressions
 * (`java.util.regex.Pattern`, see {@link javaPatternSyntaxError}) and not `"-"` (AWS-17,
 * AWS-29); content-type keys; templates at most {@link MAX_TEMPLATE_BYTES}; no unknown
 * fields; no control characters (tab, newline and carriage return allowed in templates).
 */
export function validateMethodSpec(spec: unknown, options?: ValidateOptions): ValidationFailure[] {
  const f = new Failures(options?.hideValues);
  checkMethod(f, spec, "", options ?? {}, true);
  return f.list;
}

/** A UTF-16 surrogate without its pair: the string is not valid Unicode and cannot be sent as UTF-8. */
// eslint-disable-next-line no-misleading-character-class
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Report every key and string value under `value` that is not valid Unicode (a lone surrogate, e.g. from bytes that were not UTF-8). */
function checkWellFormed(f: Failures, value: unknown, property: string): void {
  if (typeof value === "string") {
    if (LONE_SURROGATE_RE.test(value)) f.add(property, `${f.show(value)} is not valid Unicode (a lone surrogate): it cannot be sent as UTF-8`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => checkWellFormed(f, v, `${property}[${i}]`));
  if (!isObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (LONE_SURROGATE_RE.test(k)) f.add(at(property, k), `the key ${f.show(k)} is not valid Unicode (a lone surrogate): it cannot be sent as UTF-8`);
    else checkWellFormed(f, v, at(property, k));
  }
}

/** Validate one method under `prefix` (`""` or `methods[3]`). */
function checkMethod(f: Failures, spec: unknown, prefix: string, options: ValidateOptions, requireRestApiId: boolean): void {
  if (!isObject(spec)) {
    f.add(prefix, `a method spec must be an object, got ${typeName(spec)} ${f.show(spec)}`);
    return;
  }
  checkWellFormed(f, spec, prefix);
  checkUnknown(f, spec, METHOD_FIELDS, prefix, "a method spec");
  if (hasOwn(spec, "restApiId") || requireRestApiId) {
    if (!hasOwn(spec, "restApiId")) f.add(at(prefix, "restApiId"), "restApiId is required");
    else checkString(f, spec.restApiId, at(prefix, "restApiId"), "restApiId", true);
  }
  const hasResource = hasOwn(spec, "resourceId") && spec.resourceId !== undefined;
  const hasPath = hasOwn(spec, "path") && spec.path !== undefined;
  if (hasResource && hasPath) {
    f.add(at(prefix, "path"), "give exactly one of resourceId and path, not both");
  } else if (!hasResource && !hasPath) {
    f.add(at(prefix, "resourceId"), "one of resourceId and path is required to name the resource");
  }
  if (hasResource) checkString(f, spec.resourceId, at(prefix, "resourceId"), "resourceId", true);
  if (hasPath) {
    const p = checkString(f, spec.path, at(prefix, "path"), "path", true);
    if (p !== undefined && !p.startsWith("/")) f.add(at(prefix, "path"), `path ${f.show(p)} must start with "/"`);
  }
  if (!hasOwn(spec, "httpMethod")) {
    f.add(at(prefix, "httpMethod"), `httpMethod is required (one of ${HTTP_METHODS.join(", ")})`);
  } else if (typeof spec.httpMethod !== "string" || !HTTP_METHODS.includes(spec.httpMethod)) {
    const v = spec.httpMethod;
    const hint = typeof v === "string" && HTTP_METHODS.includes(v.toUpperCase()) ? `; API Gateway method names are upper case: "${v.toUpperCase()}"` : "";
    f.add(at(prefix, "httpMethod"), `httpMethod ${f.show(v)} must be one of ${HTTP_METHODS.join(", ")}${hint}`);
  }
  if (spec.exclusive !== undefined && typeof spec.exclusive !== "boolean") {
    f.add(at(prefix, "exclusive"), `exclusive must be a boolean, got ${typeName(spec.exclusive)} ${f.show(spec.exclusive)}`);
  }
  if (!hasOwn(spec, "responses")) {
    f.add(at(prefix, "responses"), "responses is required (status code → { methodResponse?, integrationResponse? })");
    return;
  }
  const responses = checkMap(f, spec.responses, at(prefix, "responses"), "responses");
  if (responses === undefined) return;
  const defaults: string[] = [];
  for (const [code, r] of Object.entries(responses)) {
    const rp = at(at(prefix, "responses"), code);
    if (!STATUS_CODE_RE.test(code)) f.add(rp, `status code ${f.show(code)} must match [1-5]\\d\\d (AWS-7)`);
    if (!isObject(r)) {
      f.add(rp, `the responses of status code ${code} must be an object { methodResponse?, integrationResponse? }, got ${typeName(r)} ${f.show(r)}`);
      continue;
    }
    checkUnknown(f, r, RESPONSE_FIELDS, rp, `status code ${code}`);
    const declared = hasOwn(r, "methodResponse") ? checkMethodResponse(f, r.methodResponse, at(rp, "methodResponse")) : undefined;
    if (!hasOwn(r, "integrationResponse")) continue;
    const irp = at(rp, "integrationResponse");
    const facts = checkIntegrationResponse(f, r.integrationResponse, irp, options.maxTemplateBytes ?? MAX_TEMPLATE_BYTES);
    if (facts === undefined) continue;
    if (facts.isDefault) defaults.push(code);
    const enforce = hasOwn(r, "methodResponse") || options.requireMethodResponseForMappings === true;
    if (!enforce) continue;
    for (const k of facts.mappedKeys) {
      const kp = at(at(irp, "responseParameters"), k);
      if (!hasOwn(r, "methodResponse")) {
        f.add(kp, `maps ${k} but status code ${code} has no methodResponse to declare it (AWS-4)`);
      } else if (declared !== undefined && !declared.has(k)) {
        const sameButCase = [...declared].find((d) => d.toLowerCase() === k.toLowerCase());
        const hint = sameButCase === undefined ? "" : ` (it declares ${sameButCase}: names must match exactly)`;
        f.add(kp, `maps ${k} but responses.${code}.methodResponse.responseParameters does not declare it${hint} (AWS-5)`);
      }
    }
  }
  if (defaults.length > 1) {
    for (const code of defaults.slice(1)) {
      f.add(
        at(at(at(prefix, "responses"), code), "integrationResponse.selectionPattern"),
        `status codes ${defaults[0]} and ${code} are both the default integration response (selectionPattern absent or ""); at most one per method (AWS-6)`,
      );
    }
  }
}

/** The identity of a spec for duplicate detection, or undefined when it is incomplete. */
function specIdentity(spec: unknown, defaultRestApiId?: string): string | undefined {
  if (!isObject(spec)) return undefined;
  const api = typeof spec.restApiId === "string" ? spec.restApiId : defaultRestApiId;
  const resource = typeof spec.resourceId === "string" ? `id:${spec.resourceId}` : typeof spec.path === "string" ? `path:${spec.path}` : undefined;
  if (api === undefined || resource === undefined || typeof spec.httpMethod !== "string") return undefined;
  return `${spec.httpMethod} ${resource} in rest api ${api}`;
}

/** Report methods given twice. */
function checkDuplicates(f: Failures, specs: readonly unknown[], prefix: string, defaultRestApiId?: string): void {
  const first = new Map<string, number>();
  specs.forEach((s, i) => {
    const id = specIdentity(s, defaultRestApiId);
    if (id === undefined) return;
    const j = first.get(id);
    if (j === undefined) first.set(id, i);
    else f.add(`${prefix}[${i}]`, `duplicate method ${id}: already given as ${prefix}[${j}]`);
  });
}

/**
 * Validate many method specs: each failure's property is prefixed with `methods[i].`,
 * and a method given twice (same REST API, resource and HTTP method) is reported at
 * the second occurrence.
 */
export function validateSpecs(specs: readonly unknown[], options?: ValidateOptions): ValidationFailure[] {
  const f = new Failures();
  if (!Array.isArray(specs)) {
    f.add("methods", `methods must be an array, got ${typeName(specs)}`);
    return f.list;
  }
  specs.forEach((s, i) => checkMethod(f, s, `methods[${i}]`, options ?? {}, true));
  checkDuplicates(f, specs, "methods");
  return f.list;
}

/**
 * Validate a spec file ({@link SpecFile}): `restApiId` (non-empty), optional `region`,
 * and `methods`, each a method spec whose `restApiId` may be left out (it defaults to
 * the file's).
 */
export function validateSpecFile(file: unknown, options?: ValidateOptions): ValidationFailure[] {
  const f = new Failures();
  if (!isObject(file)) {
    f.add("", `a spec file must be an object { restApiId, region?, methods }, got ${typeName(file)}`);
    return f.list;
  }
  checkUnknown(f, file, SPEC_FILE_FIELDS, "", "a spec file");
  const api = hasOwn(file, "restApiId") ? checkString(f, file.restApiId, "restApiId", "restApiId", true) : undefined;
  if (!hasOwn(file, "restApiId")) f.add("restApiId", "restApiId is required");
  const region = hasOwn(file, "region") ? checkString(f, file.region, "region", "region", true) : undefined;
  if (region !== undefined) {
    try {
      parseRegion(region);
    } catch (e) {
      f.add("region", (e as Error).message);
    }
  }
  if (!Array.isArray(file.methods)) {
    f.add("methods", `methods must be an array of method specs, got ${typeName(file.methods)}`);
    return f.list;
  }
  const methods: readonly unknown[] = file.methods;
  methods.forEach((s, i) => checkMethod(f, s, `methods[${i}]`, options ?? {}, false));
  checkDuplicates(f, methods, "methods", api ?? (typeof file.restApiId === "string" ? file.restApiId : ""));
  return f.list;
}

/** The method specs of a (valid) spec file, each with its `restApiId` filled in from the file's. */
export function methodSpecsOfFile(file: SpecFile): MethodSpec[] {
  return file.methods.map((m) => ({ ...m, restApiId: m.restApiId ?? file.restApiId }));
}
