/**
 * PATCH semantics of `UpdateMethodResponse` and `UpdateIntegrationResponse` as real
 * API Gateway applies them (AWS-21..AWS-24). Pure: takes the live object and the
 * patch operations, returns the new object or throws an `AwsError`.
 *
 * Where a path points (which map, which key, the `~1`/`~0` unescaping of AWS-21) is
 * read with the product's `src/patch.ts`, the one copy of that rule; what AWS refuses
 * (the op enum, unknown paths, missing keys, bad values) is decided here, with AWS's
 * exact errors.
 */
import { patchPathTarget, unescapePathSegment } from "../patch";
import { badRequest, notFound, validation } from "./errors";
import type { IntegrationResponseShape, MethodResponseShape } from "./shapes";

/** One patch operation as sent by the SDK. */
export interface RawPatchOperation {
  readonly op?: unknown;
  readonly path?: unknown;
  readonly value?: unknown;
  readonly from?: unknown;
}

const OP_ENUM = ["add", "remove", "move", "test", "replace", "copy"] as const;

/** AWS-22: the 404 for a missing parameter key. */
export const MISSING_PARAMETER = "Invalid parameter name specified";
/** AWS-22: the 404 for a missing content type (models and templates). */
export const MISSING_CONTENT_TYPE = "Content-Type specified was not found";

/**
 * AWS-23, AWS-43: every operation's `op` must be one of the enum before anything is
 * applied: 400 ValidationException naming the enum otherwise. `inputName` is the
 * operation's input shape as AWS names it (`updateGatewayResponseInput`).
 */
export function checkOps(ops: readonly RawPatchOperation[], inputName: string): void {
  const bad: string[] = [];
  ops.forEach((o, i) => {
    if (!OP_ENUM.includes(o.op as (typeof OP_ENUM)[number])) {
      bad.push(
        `Value '${String(o.op)}' at '${inputName}.patchOperations.${i + 1}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [${OP_ENUM.join(", ")}]`,
      );
    }
  });
  if (bad.length > 0) throw validation(`${bad.length} validation error${bad.length > 1 ? "s" : ""} detected: ${bad.join("; ")}`);
}

function opOf(o: RawPatchOperation): "add" | "remove" | "replace" {
  if (o.op === "add" || o.op === "remove" || o.op === "replace") return o.op;
  throw badRequest(`Invalid patch operation specified. Must be 'add'|'remove'|'replace'`);
}

function pathOf(o: RawPatchOperation): string {
  if (typeof o.path !== "string") throw badRequest(`Invalid patch path ${String(o.path)}`);
  return o.path;
}

/** Split `/responseParameters/method.response.header.X` into the map name and the raw (still escaped) key. */
function splitMapPath(path: string, maps: readonly string[]): { map: string; key: string } | undefined {
  for (const map of maps) {
    const prefix = `/${map}/`;
    if (path.startsWith(prefix) && path.length > prefix.length) return { map, key: path.slice(prefix.length) };
  }
  return undefined;
}

function applyToMap<V>(
  map: Record<string, V> | undefined,
  op: "add" | "remove" | "replace",
  key: string,
  value: V,
  missing: string,
): Record<string, V> | undefined {
  const next: Record<string, V> = { ...(map ?? {}) };
  const has = Object.prototype.hasOwnProperty.call(next, key);
  // AWS-22: replace/remove of a key that does not exist is a 404.
  if ((op === "replace" || op === "remove") && !has) throw notFound(missing);
  if (op === "remove") delete next[key];
  else next[key] = value;
  // AWS-18: a map emptied by an update disappears from the body.
  return Object.keys(next).length > 0 ? next : undefined;
}

/** AWS-24: method response parameter values are sent as the strings "true" / "false". */
function parseRequired(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const s = String(value).toLowerCase();
  if (s === "true") return true;
  if (s === "false") return false;
  throw badRequest(`Invalid value specified for a method response parameter: '${String(value)}'. Must be 'true' or 'false'`);
}

/** Apply an `UpdateMethodResponse` patch (AWS-21..AWS-24) to the live method response. */
export function patchMethodResponse(live: MethodResponseShape, ops: readonly RawPatchOperation[]): MethodResponseShape {
  checkOps(ops, "updateMethodResponseInput");
  let params = live.responseParameters;
  let models = live.responseModels;
  for (const o of ops) {
    const path = pathOf(o);
    const op = opOf(o);
    // AWS-21: parameter keys are NOT escaped; content types are (`application~1json`).
    const target = patchPathTarget(path);
    if (!target) throw badRequest(`Invalid patch path ${path}`);
    if (target.map === "responseParameters") {
      params = applyToMap(params, op, target.key, op === "remove" ? false : parseRequired(o.value), MISSING_PARAMETER);
    } else {
      if (op !== "remove" && typeof o.value !== "string") throw badRequest(`Invalid model name specified: ${String(o.value)}`);
      models = applyToMap(models, op, target.key, String(o.value ?? ""), MISSING_CONTENT_TYPE);
    }
  }
  const out: MethodResponseShape = { statusCode: live.statusCode };
  if (params) out.responseParameters = params;
  if (models) out.responseModels = models;
  return out;
}

const CONTENT_HANDLING = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"];

/** Apply an `UpdateIntegrationResponse` patch (AWS-21..AWS-23) to the live integration response. */
export function patchIntegrationResponse(live: IntegrationResponseShape, ops: readonly RawPatchOperation[]): IntegrationResponseShape {
  checkOps(ops, "updateIntegrationResponseInput");
  let params = live.responseParameters;
  let templates = live.responseTemplates;
  let selectionPattern = live.selectionPattern;
  let contentHandling = live.contentHandling;
  for (const o of ops) {
    const path = pathOf(o);
    const op = opOf(o);
    if (path === "/selectionPattern") {
      selectionPattern = op === "remove" ? undefined : o.value === undefined || o.value === null ? "" : String(o.value);
      continue;
    }
    if (path === "/contentHandling") {
      if (op === "remove" || o.value === undefined || o.value === null || o.value === "") contentHandling = undefined;
      else if (CONTENT_HANDLING.includes(String(o.value))) contentHandling = String(o.value);
      else throw badRequest(`Invalid content handling value specified: ${String(o.value)}. Must be one of: [${CONTENT_HANDLING.join(", ")}]`);
      continue;
    }
    const target = splitMapPath(path, ["responseParameters", "responseTemplates"]);
    if (!target) throw badRequest(`Invalid patch path ${path}`);
    if (target.map === "responseParameters") {
      if (op !== "remove" && typeof o.value !== "string") throw badRequest(`Invalid mapping expression specified: ${String(o.value)}`);
      params = applyToMap(params, op, target.key, String(o.value ?? ""), MISSING_PARAMETER);
    } else {
      // AWS-16: an empty template is stored as null.
      const v = typeof o.value === "string" && o.value !== "" ? o.value : null;
      templates = applyToMap<string | null>(templates, op, unescapePathSegment(target.key), v, MISSING_CONTENT_TYPE);
    }
  }
  const out: IntegrationResponseShape = { statusCode: live.statusCode };
  if (selectionPattern !== undefined) out.selectionPattern = selectionPattern;
  if (params) out.responseParameters = params;
  if (templates) out.responseTemplates = templates;
  if (contentHandling) out.contentHandling = contentHandling;
  return out;
}

/** Read `patchOperations` from an Update* request body. */
export function readPatchOperations(body: unknown): RawPatchOperation[] {
  if (body && typeof body === "object" && Array.isArray((body as { patchOperations?: unknown }).patchOperations)) {
    return (body as { patchOperations: unknown[] }).patchOperations.map((o) => (o && typeof o === "object" ? (o as RawPatchOperation) : { op: o }));
  }
  return [];
}
