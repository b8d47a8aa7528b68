/**
 * A pure model of how API Gateway applies the five mutating calls the planner emits,
 * on normalized responses. It exists to test the planner: applying a plan here must
 * reach the desired state and never throw.
 *
 * Modelled (catalogue ids in `docs/aws-behaviors.md`):
 * - AWS-1: `PutMethodResponse` on an existing status code → `ConflictException`;
 * - AWS-2: `PutIntegrationResponse` is an upsert and a full overwrite;
 * - AWS-3/AWS-4: a put with `responseParameters` needs a method response of the same code;
 * - AWS-5: mapping a header that the method response does not declare → `BadRequestException`;
 * - AWS-6: a second default integration response → `ConflictException`;
 * - AWS-7: a status code not matching `[1-5]\d\d` → `ValidationException`;
 * - AWS-13: `UpdateMethodResponse` of an absent status code → `NotFoundException`;
 * - AWS-14: deleting an absent response → `NotFoundException`, the 404 of AWS-13 (the writer
 *   counts it as success; the model answers what AWS answers);
 * - AWS-21/AWS-23: patch paths; an unknown path → `BadRequestException`;
 * - AWS-22: `replace`/`remove` of a key that does not exist → `NotFoundException`;
 * - AWS-24: parameter values in patches must be `"true"` / `"false"`.
 *
 * Deliberately stricter than what is recorded (so a planner that passes here also
 * passes on a more lenient AWS): removing a method response header, or deleting a
 * method response, while the integration response of the same code maps that header
 * throws `BadRequestException`.
 */
import type { NormalizedMethodResponse, NormalizedResponse, NormalizedResponses, Operation, PatchOperation } from "../../src/model";
import { compareKeys, normalizeIntegrationResponse, normalizeMethodResponse, normalizeResponses } from "../../src/normalize";
import { unescapePathSegment } from "../../src/patch";

/** The AWS error names the model throws. */
export type AwsModelErrorName = "ConflictException" | "BadRequestException" | "NotFoundException" | "ValidationException";

/** An error API Gateway would return for an operation, with the catalogue id of the rule. */
export class AwsModelError extends Error {
  override readonly name = "AwsModelError";
  /** The AWS error code (`ConflictException`, …). */
  readonly code: AwsModelErrorName;
  /** The catalogue id, e.g. `AWS-1`. */
  readonly rule: string;
  /** The message alone, as AWS would word it (exact only where the rule quotes AWS's text). */
  readonly awsMessage: string;

  /** @param code AWS error code; @param rule catalogue id; @param message AWS-like message. */
  constructor(code: AwsModelErrorName, rule: string, message: string) {
    super(`${code} (${rule}): ${message}`);
    this.code = code;
    this.rule = rule;
    this.awsMessage = message;
  }
}

const STATUS_CODE = /^[1-5]\d\d$/;

/**
 * Apply one patch operation to a mutable method response.
 *
 * Deliberately NOT the product's `applyMethodResponsePatch` (src/patch.ts): this oracle
 * checks the planner, so it keeps its own model of AWS's patch semantics — it refuses
 * what AWS refuses (AWS-22 missing keys, AWS-23 unknown paths, AWS-24 values) and is
 * stricter about mapped headers, where the product's function is lenient by design (it
 * only re-targets a failed patch). Sharing the planner's code would let a bug in it pass
 * here too. Only the JSON Pointer unescaping (`unescapePathSegment`, RFC 6901) is shared:
 * it is a standard, not a decision of the planner.
 */
function applyPatch(
  mr: { responseParameters: Record<string, boolean>; responseModels: Record<string, string> },
  p: PatchOperation,
  mappedHeaders: ReadonlySet<string>,
): void {
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (p.path.startsWith("/responseParameters/")) {
    const k = p.path.slice("/responseParameters/".length);
    if (p.op === "remove") {
      if (!has(mr.responseParameters, k)) throw new AwsModelError("NotFoundException", "AWS-22", "Invalid parameter name specified");
      if (mappedHeaders.has(k)) {
        throw new AwsModelError("BadRequestException", "model", `${k} is still mapped by the integration response`);
      }
      delete mr.responseParameters[k];
      return;
    }
    if (p.value !== "true" && p.value !== "false") {
      throw new AwsModelError("BadRequestException", "AWS-24", `Invalid value ${String(p.value)} for ${k}`);
    }
    if (p.op === "replace" && !has(mr.responseParameters, k)) {
      throw new AwsModelError("NotFoundException", "AWS-22", "Invalid parameter name specified");
    }
    mr.responseParameters[k] = p.value === "true";
    return;
  }
  if (p.path.startsWith("/responseModels/")) {
    const k = unescapePathSegment(p.path.slice("/responseModels/".length));
    if (p.op === "remove" || p.op === "replace") {
      if (!has(mr.responseModels, k)) throw new AwsModelError("NotFoundException", "AWS-22", "Content-Type specified was not found");
    }
    if (p.op === "remove") {
      delete mr.responseModels[k];
      return;
    }
    if (p.value === undefined) throw new AwsModelError("BadRequestException", "AWS-23", `No value for ${p.path}`);
    mr.responseModels[k] = p.value;
    return;
  }
  throw new AwsModelError("BadRequestException", "AWS-23", `Invalid patch path ${p.path}`);
}

/** The headers mapped by the integration response of `code`, if any. */
function mappedHeaders(live: NormalizedResponses, code: string): Set<string> {
  return new Set(Object.keys(live[code]?.integrationResponse?.responseParameters ?? {}));
}

/** A copy of `live` with the responses of `code` replaced (`undefined` kinds removed). */
function withResponse(live: NormalizedResponses, code: string, r: NormalizedResponse): NormalizedResponses {
  return normalizeResponses({ ...live, [code]: r });
}

/**
 * Apply one operation to a live state the way API Gateway does; return the new state
 * (normalized, the input is not modified).
 *
 * @throws {@link AwsModelError} when API Gateway would refuse the call (see the module TSDoc).
 */
export function applyOperation(live: NormalizedResponses, op: Operation): NormalizedResponses {
  const code = op.statusCode;
  if (!STATUS_CODE.test(code)) {
    throw new AwsModelError(
      "ValidationException",
      "AWS-7",
      `1 validation error detected: Value '${code}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
    );
  }
  const current: NormalizedResponse = live[code] ?? {};
  switch (op.kind) {
    case "PutMethodResponse": {
      if (current.methodResponse !== undefined) {
        throw new AwsModelError("ConflictException", "AWS-1", "Response already exists for this resource");
      }
      return withResponse(live, code, { ...current, methodResponse: normalizeMethodResponse(op.methodResponse) });
    }
    case "UpdateMethodResponse": {
      if (current.methodResponse === undefined) {
        throw new AwsModelError("NotFoundException", "AWS-13", "Invalid Response status code specified");
      }
      const mr = {
        responseParameters: { ...current.methodResponse.responseParameters },
        responseModels: { ...current.methodResponse.responseModels },
      };
      const mapped = mappedHeaders(live, code);
      for (const p of op.patch) applyPatch(mr, p, mapped);
      const next: NormalizedMethodResponse = normalizeMethodResponse(mr);
      return withResponse(live, code, { ...current, methodResponse: next });
    }
    case "DeleteMethodResponse": {
      if (current.methodResponse === undefined) throw new AwsModelError("NotFoundException", "AWS-14", "Invalid Response status code specified");
      if (mappedHeaders(live, code).size > 0) {
        throw new AwsModelError("BadRequestException", "model", `the integration response of ${code} still maps method response headers`);
      }
      const { methodResponse: _gone, ...rest } = current;
      return withResponse(live, code, rest);
    }
    case "PutIntegrationResponse": {
      const ir = normalizeIntegrationResponse(op.integrationResponse);
      const headers = Object.keys(ir.responseParameters).sort(compareKeys);
      if (headers.length > 0 && current.methodResponse === undefined) {
        throw new AwsModelError(
          "BadRequestException",
          "AWS-4",
          "Invalid mapping expression specified: Validation Result: warnings : [], errors : [No method response exists for method.]",
        );
      }
      for (const h of headers) {
        if (!Object.prototype.hasOwnProperty.call(current.methodResponse?.responseParameters ?? {}, h)) {
          throw new AwsModelError("BadRequestException", "AWS-5", `Invalid mapping expression parameter specified: ${h}`);
        }
      }
      if (ir.selectionPattern === "") {
        for (const [other, r] of Object.entries(live)) {
          if (other !== code && r.integrationResponse?.selectionPattern === "") {
            throw new AwsModelError("ConflictException", "AWS-6", "Integration response with selection pattern default already exists");
          }
        }
      }
      return withResponse(live, code, { ...current, integrationResponse: ir });
    }
    case "DeleteIntegrationResponse": {
      if (current.integrationResponse === undefined) throw new AwsModelError("NotFoundException", "AWS-14", "Invalid Response status code specified");
      const { integrationResponse: _gone, ...rest } = current;
      return withResponse(live, code, rest);
    }
  }
}

/** Apply operations in order with {@link applyOperation}. @throws {@link AwsModelError} on the first refused call. */
export function applyOperations(live: NormalizedResponses, ops: readonly Operation[]): NormalizedResponses {
  return ops.reduce(applyOperation, live);
}
