/**
 * The AWS rules the parity layer checks on the live state of a method before it
 * writes to moto, which does not check them: status codes (AWS-7), parents (AWS-8),
 * one method response per code (AWS-1), header mappings declared by the method
 * response (AWS-4, AWS-5), one default integration response (AWS-6). Pure: each takes
 * the method as moto returned it and throws AWS's exact error.
 */
import { MESSAGES, badRequest, conflict, notFound, validation } from "./errors";
import { isObject } from "./moto-client";
import { shapeIntegrationResponse, shapeMethodResponse, type Json, type MethodResponseShape } from "./shapes";

const AWS_6_MESSAGE = "Integration response with selection pattern default already exists";
export const AWS_1_MESSAGE = "Response already exists for this resource";
const AWS_4_MESSAGE =
  "Invalid mapping expression specified: Validation Result: warnings : [], errors : [No method response exists for method.]";


/** AWS-7: status codes must match `[1-5]\d\d`. */
export function checkStatusCode(code: string): void {
  if (!/^[1-5]\d\d$/.test(code)) {
    throw validation(
      `1 validation error detected: Value '${code}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
    );
  }
}

/** No selection pattern, or an empty one: the default integration response. */
export function isDefaultPattern(p: unknown): boolean {
  return p === undefined || p === null || p === "";
}


/** The method response of `code` in a method as moto returned it. */
export function methodResponseOf(method: Json, code: string): MethodResponseShape | undefined {
  const mrs = method.methodResponses;
  if (isObject(mrs) && isObject(mrs[code])) return shapeMethodResponse(mrs[code] as Json);
  return undefined;
}

/** The integration of a method as moto returned it. */
export function integrationOf(method: Json): Json {
  // AWS-8 / AWS-13: no integration on the method.
  if (!isObject(method.methodIntegration)) throw notFound(MESSAGES.integration);
  return method.methodIntegration;
}

/** AWS-4, AWS-5: response parameter mappings need a method response that declares each header. */
export function checkMappings(method: Json, code: string, params: unknown): void {
  if (!isObject(params) || Object.keys(params).length === 0) return; // AWS-3
  const mr = methodResponseOf(method, code);
  if (!mr) throw badRequest(AWS_4_MESSAGE); // AWS-4
  const declared = mr.responseParameters ?? {};
  for (const key of Object.keys(params)) {
    if (!Object.prototype.hasOwnProperty.call(declared, key)) {
      throw badRequest(`Invalid mapping expression parameter specified: ${key}`); // AWS-5
    }
  }
}

/**
 * AWS-6: only one default (no / empty selection pattern) integration response per
 * integration. `emptyPattern(code)` says whether the response of `code` was written
 * with `selectionPattern: ""` (AWS-17).
 */
export function checkDefaultPattern(integration: Json, code: string, pattern: unknown, emptyPattern: (code: string) => boolean): void {
  if (!isDefaultPattern(pattern)) return;
  const irs = integration.integrationResponses;
  if (!isObject(irs)) return;
  for (const [other, ir] of Object.entries(irs)) {
    if (other === code || !isObject(ir)) continue;
    const shaped = shapeIntegrationResponse(ir, emptyPattern(other));
    if (isDefaultPattern(shaped.selectionPattern)) throw conflict(AWS_6_MESSAGE);
  }
}
