/**
 * Validation of desired specs, pure. Every failure is returned (not only the first),
 * each as `{ property, reason }` where `property` is a path such as
 * `responses.200.integrationResponse.responseParameters.method.response.header.X` and
 * `reason` names the field, the value (truncated) and the rule, with the catalogue id
 * (`docs/aws-behaviors.md`) where there is one.
 *
 * The structure (fields, JSON types, enums, patterns, required-ness, unknown fields) is
 * the zod schema's (`spec-model.ts`), checked and worded by `validate/structure.ts`.
 * By hand here: well-formed Unicode, exactly one of `resourceId` and `path`, duplicates;
 * in `validate/responses.ts` the rules across the responses of a method (AWS-4,
 * AWS-5, AWS-6) and the template size (AWS-65); in `validate/gateway-responses.ts` the
 * template size of gateway responses and what a spec file must ask for.
 */
import type { GatewayResponseSpec, GatewayResponseType } from "./gateway-responses";
import type { MethodSpec, SpecFile, ValidationFailure } from "./model";
import { gatewayResponseSchema, gatewayResponsesSchema, methodSpecSchema, specFileSchema } from "./spec-model";
import { at, checkWellFormed, Failures, hasOwn, isObject, typeName } from "./validate/failures";
import { checkFileAsksForSomething, checkGatewayResponseRules } from "./validate/gateway-responses";
import { checkTemplateSizes } from "./validate/responses";
import { HTTP_METHODS, MAX_TEMPLATE_BYTES } from "./validate/grammar";
import { checkResponseRules } from "./validate/responses";
import { checkStructure } from "./validate/structure";

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
  checkMethod(f, spec, "", options ?? {});
  return f.list;
}

/** The rules of one method (under `prefix`) that its schema does not say. */
function checkMethodRules(f: Failures, spec: unknown, prefix: string, options: ValidateOptions): void {
  if (!isObject(spec)) return;
  const hasResource = hasOwn(spec, "resourceId") && spec.resourceId !== undefined;
  const hasPath = hasOwn(spec, "path") && spec.path !== undefined;
  if (hasResource && hasPath) {
    f.add(at(prefix, "path"), "give exactly one of resourceId and path, not both");
  } else if (!hasResource && !hasPath) {
    f.add(at(prefix, "resourceId"), "one of resourceId and path is required to name the resource");
  }
  const rules = { maxTemplateBytes: options.maxTemplateBytes ?? MAX_TEMPLATE_BYTES, requireMethodResponseForMappings: options.requireMethodResponseForMappings === true };
  checkResponseRules(f, spec.responses, at(prefix, "responses"), rules);
}

/** Validate one method (under `prefix`): its text, its schema, then the rules its schema does not say. */
function checkMethod(f: Failures, spec: unknown, prefix: string, options: ValidateOptions): void {
  checkWellFormed(f, spec, prefix);
  checkStructure(f, methodSpecSchema, spec, prefix);
  checkMethodRules(f, spec, prefix, options);
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
  const f = new Failures(options?.hideValues);
  if (!Array.isArray(specs)) {
    f.add("methods", `methods must be an array, got ${typeName(specs)}`);
    return f.list;
  }
  specs.forEach((s, i) => checkMethod(f, s, `methods[${i}]`, options ?? {}));
  checkDuplicates(f, specs, "methods");
  return f.list;
}

/**
 * Validate a spec file ({@link SpecFile}): `restApiId` (non-empty), optional `region`,
 * `methods`, each a method spec whose `restApiId` may be left out (it defaults to the
 * file's), and optional `gatewayResponses` (response type → customization, AWS-31,
 * AWS-37; status codes AWS-39; parameters AWS-40; templates as integration responses',
 * at most {@link MAX_TEMPLATE_BYTES}, AWS-65) and `gatewayResponsesExclusive`. The file
 * must ask for something: at least one method, or `gatewayResponses`.
 *
 * Returns every failure, in this order: the file's own fields, then method by method,
 * then the gateway responses. Use {@link validSpecFile} for the validated values
 * (methods and gateway responses).
 */
export function validateSpecFile(file: unknown, options?: ValidateOptions): ValidationFailure[] {
  const f = new Failures(options?.hideValues);
  const structural = new Failures(options?.hideValues);
  checkStructure(structural, specFileSchema, file, "");
  const ofMethod = (i: number) => (x: ValidationFailure) => x.property === `methods[${i}]` || x.property.startsWith(`methods[${i}].`);
  const ofGatewayResponses = (x: ValidationFailure) => x.property === "gatewayResponses" || x.property.startsWith("gatewayResponses.");
  const methods: readonly unknown[] = isObject(file) && Array.isArray(file.methods) ? file.methods : [];
  // The file's own fields first, then method by method: its text, its schema, its other rules; then the gateway responses.
  f.list.push(...structural.list.filter((x) => !ofGatewayResponses(x) && !methods.some((_, i) => ofMethod(i)(x))));
  checkFileAsksForSomething(f, file);
  methods.forEach((s, i) => {
    const prefix = `methods[${i}]`;
    checkWellFormed(f, s, prefix);
    f.list.push(...structural.list.filter(ofMethod(i)));
    checkMethodRules(f, s, prefix, options ?? {});
  });
  checkDuplicates(f, methods, "methods", isObject(file) && typeof file.restApiId === "string" ? file.restApiId : "");
  if (isObject(file) && hasOwn(file, "gatewayResponses")) {
    checkWellFormed(f, file.gatewayResponses, "gatewayResponses");
    f.list.push(...structural.list.filter(ofGatewayResponses));
    checkGatewayResponseRules(f, file.gatewayResponses, "gatewayResponses", options?.maxTemplateBytes ?? MAX_TEMPLATE_BYTES);
  }
  return f.list;
}

/**
 * Validate a map of gateway responses (response type → customization) under `prefix`:
 * the rules of a spec file's `gatewayResponses` (the 21 types, AWS-31, AWS-37; status
 * codes AWS-39; parameters AWS-40; template sizes AWS-65). Every failure.
 */
export function validateGatewayResponses(responses: unknown, prefix: string, options?: ValidateOptions): ValidationFailure[] {
  const f = new Failures(options?.hideValues);
  checkWellFormed(f, responses, prefix);
  checkStructure(f, gatewayResponsesSchema, responses, prefix);
  checkGatewayResponseRules(f, responses, prefix, options?.maxTemplateBytes ?? MAX_TEMPLATE_BYTES);
  return f.list;
}

/**
 * Validate the customization of one gateway response type (`statusCode`,
 * `responseParameters`, `responseTemplates`) under `prefix`, as
 * {@link validateGatewayResponses} validates each entry of its map.
 */
export function validateGatewayResponse(response: unknown, prefix: string, options?: ValidateOptions): ValidationFailure[] {
  const f = new Failures(options?.hideValues);
  checkWellFormed(f, response, prefix);
  checkStructure(f, gatewayResponseSchema, response, prefix);
  checkTemplateSizes(f, response, prefix, options?.maxTemplateBytes ?? MAX_TEMPLATE_BYTES);
  return f.list;
}

/** The method specs of a (valid) spec file, each with its `restApiId` filled in from the file's. */
export function methodSpecsOfFile(file: SpecFile): MethodSpec[] {
  return file.methods.map((m) => ({ ...m, restApiId: m.restApiId ?? file.restApiId }));
}

/** The gateway responses a spec file asks for: of its REST API, with the `exclusive` switch resolved. */
export interface GatewayResponsesOfFile {
  /** The file's `restApiId`. */
  readonly restApiId: string;
  /** Response type → customization, as the file gives them (not normalized). */
  readonly responses: Readonly<Partial<Record<GatewayResponseType, GatewayResponseSpec>>>;
  /** The file's `gatewayResponsesExclusive`, default true: customized types absent from `responses` are reset. */
  readonly exclusive: boolean;
}

/**
 * The gateway responses of a (valid) spec file, or undefined when it has no
 * `gatewayResponses` (it leaves the REST API's gateway responses alone).
 */
export function gatewayResponsesOfFile(file: SpecFile): GatewayResponsesOfFile | undefined {
  if (file.gatewayResponses === undefined) return undefined;
  return { restApiId: file.restApiId, responses: file.gatewayResponses, exclusive: file.gatewayResponsesExclusive ?? true };
}

// ------------------------------------------------------------------ validated once

declare const VALID: unique symbol;

/**
 * A method spec that passed validation: only {@link validSpecs} and {@link validSpecFile}
 * make one (a type brand, nothing at run time). The pipeline's entry points that take
 * one (`planDesiredState`, `convergeDesiredState` in `reconcile.ts`) do not validate
 * again: each road validates exactly once, before any AWS call.
 */
export type ValidMethodSpec = MethodSpec & { readonly [VALID]: true };

/**
 * The gateway responses of a spec file that passed validation: only {@link validSpecFile}
 * makes them (a type brand, as {@link ValidMethodSpec}).
 */
export type ValidGatewayResponses = GatewayResponsesOfFile & { readonly [VALID]: true };

/** The specs are invalid. Thrown before any AWS call; carries every failure. */
export class ValidationError extends Error {
  override readonly name = "ValidationError";
  /** Stable code. */
  readonly code = "VALIDATION_FAILED" as const;
  /** Every failure, `{ property, reason }`. */
  readonly failures: readonly ValidationFailure[];

  constructor(failures: readonly ValidationFailure[]) {
    super(`VALIDATION_FAILED: ${failures.length} problem(s) in the spec:\n` + failures.map((f) => `  - ${f.property || "(spec)"}: ${f.reason}`).join("\n"));
    this.failures = failures;
  }
}

/**
 * Validate method specs ({@link validateSpecs}) and return them as valid.
 *
 * @throws {ValidationError} with every failure
 */
export function validSpecs(specs: readonly unknown[], options?: ValidateOptions): ValidMethodSpec[] {
  const failures = validateSpecs(specs, options);
  if (failures.length > 0) throw new ValidationError(failures);
  return specs as ValidMethodSpec[];
}

/** A spec file that passed validation, and what it asks for (see {@link validSpecFile}). */
export interface ValidSpecFile {
  readonly file: SpecFile;
  /** The methods, each with its `restApiId` filled in (may be empty when the file has gateway responses). */
  readonly methods: ValidMethodSpec[];
  /** The gateway responses ({@link gatewayResponsesOfFile}); absent when the file has no `gatewayResponses`. */
  readonly gatewayResponses?: ValidGatewayResponses;
}

/**
 * Validate a spec file ({@link validateSpecFile}): its failures, or the file, its
 * methods (each with its `restApiId` filled in) and its gateway responses, valid.
 */
export function validSpecFile(file: unknown, options?: ValidateOptions): { readonly failures: ValidationFailure[] } | ValidSpecFile {
  const failures = validateSpecFile(file, options);
  if (failures.length > 0) return { failures };
  const valid = file as SpecFile;
  const gatewayResponses = gatewayResponsesOfFile(valid) as ValidGatewayResponses | undefined;
  return { file: valid, methods: methodSpecsOfFile(valid) as ValidMethodSpec[], ...(gatewayResponses !== undefined ? { gatewayResponses } : {}) };
}
