/**
 * Validation of desired specs, pure. Every failure is returned (not only the first),
 * each as `{ property, reason }` where `property` is a path such as
 * `responses.200.integrationResponse.responseParameters.method.response.header.X` and
 * `reason` names the field, the value (truncated) and the rule, with the catalogue id
 * (`docs/aws-behaviors.md`) where there is one.
 *
 * This module checks a method, a list of methods and a spec file (identity fields,
 * status codes, cross-field rules AWS-4/5/6, duplicates); the responses of one status
 * code are checked in `validate/responses.ts`, selection patterns in
 * `validate/selection-pattern.ts`, against the grammar of `validate/grammar.ts`.
 */
import type { MethodSpec, SpecFile, ValidationFailure } from "./model";
import { parseRegion } from "./settings";
import { at, checkMap, checkString, checkUnknown, checkWellFormed, Failures, hasOwn, isObject, typeName } from "./validate/failures";
import { HTTP_METHODS, MAX_TEMPLATE_BYTES, METHOD_FIELDS, RESPONSE_FIELDS, SPEC_FILE_FIELDS, STATUS_CODE_RE } from "./validate/grammar";
import { checkIntegrationResponse, checkMethodResponse } from "./validate/responses";

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
