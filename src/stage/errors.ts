/**
 * Why a stage cannot be deployed or inspected: {@link StageError} and its stable codes.
 */

/**
 * Stable codes of {@link StageError}:
 * - `NO_METHODS`: the REST API has no method, so AWS refuses a deployment (AWS-50);
 * - `NO_INTEGRATION`: a method has no integration, so AWS refuses a deployment (AWS-50);
 *   raised after waiting for one (an integration created in the same run may still be on its way);
 * - `REST_API_NOT_FOUND`: the REST API does not exist;
 * - `EXPORT_UNREADABLE`: the stage export is not the document AWS documents (AWS-58..61).
 */
export type StageErrorCode = "NO_METHODS" | "NO_INTEGRATION" | "REST_API_NOT_FOUND" | "EXPORT_UNREADABLE";

/** Why a stage cannot be deployed or inspected. `code` is stable; the message names the REST API, the stage and the rule. */
export class StageError extends Error {
  override readonly name = "StageError";
  /** Stable, machine-readable cause. */
  readonly code: StageErrorCode;
  /** The REST API concerned. */
  readonly restApiId: string;
  /** The stage concerned. */
  readonly stageName: string;

  /** @param code stable cause; @param restApiId the REST API; @param stageName the stage; @param detail what is wrong. */
  constructor(code: StageErrorCode, restApiId: string, stageName: string, detail: string) {
    super(`${code}: stage ${stageName} of rest api ${restApiId}: ${detail}`);
    this.code = code;
    this.restApiId = restApiId;
    this.stageName = stageName;
  }
}

/** AWS-68: "Stage names can only contain alphanumeric characters, hyphens, and underscores. Maximum length is 128 characters." */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** What is wrong with a stage name (AWS-68), or undefined when AWS accepts it. */
export function stageNameProblem(name: unknown): string | undefined {
  return typeof name === "string" && STAGE_NAME.test(name) ? undefined : "a stage name is 1 to 128 letters, digits, hyphens or underscores (AWS-68)";
}
