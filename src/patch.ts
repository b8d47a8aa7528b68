/**
 * Method response patches (`UpdateMethodResponse`), the one place that knows their paths:
 * `/responseParameters/method.response.header.X` (parameter keys are NOT escaped) and
 * `/responseModels/application~1json` (the content type is a JSON Pointer segment:
 * `~` → `~0`, `/` → `~1`; AWS-21). Parameter values travel as the strings `"true"` /
 * `"false"` (AWS-24).
 *
 * Pure, both ways: {@link methodResponsePatch} computes the patch from the live to the
 * desired method response (the planner's), {@link applyMethodResponsePatch} applies one to
 * a normalized method response (the re-plan of AWS-22 in apply). The emulator reads paths
 * with {@link patchPathTarget} but keeps its own validation, so that it answers AWS's
 * exact errors for bad paths and operations.
 */
import type { NormalizedMethodResponse, PatchOperation } from "./model";
import { compareKeys, normalizeMethodResponse } from "./normalize";

/** Escape a JSON Pointer segment: `~` → `~0`, `/` → `~1` (RFC 6901, AWS-21). */
export function escapePathSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Unescape a JSON Pointer segment: `~1` → `/`, then `~0` → `~` (in that order, RFC 6901, AWS-21). */
export function unescapePathSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

const PARAMETERS = "/responseParameters/";
const MODELS = "/responseModels/";

/** Patch path of a method response parameter: keys are NOT escaped (AWS-21). */
export function parameterPatchPath(key: string): string {
  return `${PARAMETERS}${key}`;
}

/** Patch path of a method response model: the content type is escaped (AWS-21). */
export function modelPatchPath(contentType: string): string {
  return `${MODELS}${escapePathSegment(contentType)}`;
}

/** What a method response patch path names: a map of the method response and a key of it. */
export interface PatchPathTarget {
  readonly map: "responseParameters" | "responseModels";
  /** The key, unescaped: a parameter name as written, a content type with `~1`/`~0` undone. */
  readonly key: string;
}

/**
 * The map and key a method response patch path names (inverse of {@link parameterPatchPath}
 * and {@link modelPatchPath}); `undefined` for any other path, or an empty key.
 */
export function patchPathTarget(path: string): PatchPathTarget | undefined {
  if (path.startsWith(PARAMETERS) && path.length > PARAMETERS.length) return { map: "responseParameters", key: path.slice(PARAMETERS.length) };
  if (path.startsWith(MODELS) && path.length > MODELS.length) return { map: "responseModels", key: unescapePathSegment(path.slice(MODELS.length)) };
  return undefined;
}

/**
 * The {@link FieldChange} field of a method response patch path (inverse of the AWS-21
 * escaping): `/responseModels/application~1json` → `responseModels.application/json`,
 * `/responseParameters/method.response.header.X` → `responseParameters.method.response.header.X`.
 */
export function patchPathField(path: string): string {
  if (path.startsWith(PARAMETERS)) return `responseParameters.${path.slice(PARAMETERS.length)}`;
  return `responseModels.${unescapePathSegment(path.slice(MODELS.length))}`;
}

/** A method response parameter value as a patch sends it (AWS-24). */
function requiredString(v: boolean): string {
  return v ? "true" : "false";
}

/** The patches of one method response, split by kind. */
export interface MethodResponsePatch {
  /** `add` and `replace` operations, sorted by path. */
  readonly upserts: readonly PatchOperation[];
  /** `remove` operations, sorted by path. */
  readonly removes: readonly PatchOperation[];
  /** Parameter keys removed (`method.response.header.X`). */
  readonly removedParameters: readonly string[];
}

/**
 * The patches that turn the LIVE method response into the desired one (AWS-21,
 * AWS-22, AWS-24): `add` for keys absent live, `replace` for changed values, `remove`
 * for live keys not desired.
 */
export function methodResponsePatch(live: NormalizedMethodResponse, desired: NormalizedMethodResponse): MethodResponsePatch {
  const upserts: PatchOperation[] = [];
  const removes: PatchOperation[] = [];
  const removedParameters: string[] = [];
  const params = (m: NormalizedMethodResponse) => m.responseParameters;
  for (const k of Object.keys(params(desired))) {
    const d = params(desired)[k] as boolean;
    if (!Object.prototype.hasOwnProperty.call(params(live), k)) {
      upserts.push({ op: "add", path: parameterPatchPath(k), value: requiredString(d) });
    } else if (params(live)[k] !== d) {
      upserts.push({ op: "replace", path: parameterPatchPath(k), value: requiredString(d) });
    }
  }
  for (const k of Object.keys(params(live))) {
    if (!Object.prototype.hasOwnProperty.call(params(desired), k)) {
      removes.push({ op: "remove", path: parameterPatchPath(k) });
      removedParameters.push(k);
    }
  }
  for (const k of Object.keys(desired.responseModels)) {
    const d = desired.responseModels[k] as string;
    if (!Object.prototype.hasOwnProperty.call(live.responseModels, k)) {
      upserts.push({ op: "add", path: modelPatchPath(k), value: d });
    } else if (live.responseModels[k] !== d) {
      upserts.push({ op: "replace", path: modelPatchPath(k), value: d });
    }
  }
  for (const k of Object.keys(live.responseModels)) {
    if (!Object.prototype.hasOwnProperty.call(desired.responseModels, k)) {
      removes.push({ op: "remove", path: modelPatchPath(k) });
    }
  }
  const byPath = (a: PatchOperation, b: PatchOperation) => compareKeys(a.path, b.path);
  return { upserts: upserts.sort(byPath), removes: removes.sort(byPath), removedParameters: removedParameters.sort(compareKeys) };
}

/**
 * The method response a patch was meant to reach, given the response it is now
 * applied to: `add`/`replace` set a key, `remove` drops it (AWS-21, AWS-24); paths
 * that name no key of a method response are ignored. Used for the AWS-22 re-plan in
 * apply: the re-planned patch does what the failed one meant to do, from the state
 * that is live now.
 */
export function applyMethodResponsePatch(live: NormalizedMethodResponse | undefined, patch: readonly PatchOperation[]): NormalizedMethodResponse {
  const maps = {
    responseParameters: { ...(live?.responseParameters ?? {}) } as Record<string, boolean>,
    responseModels: { ...(live?.responseModels ?? {}) } as Record<string, string>,
  };
  for (const p of patch) {
    const target = patchPathTarget(p.path);
    if (target === undefined) continue;
    if (p.op === "remove") delete maps[target.map][target.key];
    else if (target.map === "responseParameters") maps.responseParameters[target.key] = p.value === "true";
    else maps.responseModels[target.key] = p.value ?? "";
  }
  return normalizeMethodResponse(maps);
}
