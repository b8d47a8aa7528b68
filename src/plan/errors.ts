/**
 * Why a method cannot be planned: {@link PlanError} and its stable {@link PlanErrorCode}s.
 * Thrown by the planner (`plan/method.ts`, `plan/target.ts`, `plan.ts`) for a target
 * that AWS would refuse or a method that cannot be written.
 */
import type { MethodKey } from "../model";
import { describeMethod } from "../model";

/**
 * Stable codes of {@link PlanError}:
 * - `METHOD_NOT_FOUND`: the observed method does not exist (`exists: false`);
 * - `METHOD_NOT_OBSERVED`: {@link plan} got a desired method with no observed counterpart;
 * - `DUPLICATE_METHOD`: the same method is desired twice in one {@link plan};
 * - `METHOD_KEY_MISMATCH`: {@link planMethod} got desired and observed states of different methods;
 * - `REMOVAL_CONFLICT`: a response kind is both desired and listed in `removals`;
 * - `NO_INTEGRATION`: integration responses are wanted but the method has no integration (AWS-8);
 * - `PROXY_INTEGRATION`: an integration response would be written on an `AWS_PROXY`
 *   method, which never uses them (AWS-26); one that exists and is kept as it is, is not
 *   refused (an export of the live API asks for it, and deleting it changes nothing);
 * - `UNDECLARED_HEADER`: in the target state, an integration response maps a header
 *   that the method response of the same code does not declare, or has no method
 *   response at all (AWS-4, AWS-5);
 * - `DUPLICATE_DEFAULT`: the target state has more than one default integration
 *   response (AWS-6), e.g. a desired one plus a live one kept by `exclusive: false`.
 */
export type PlanErrorCode =
  | "METHOD_NOT_FOUND"
  | "METHOD_NOT_OBSERVED"
  | "DUPLICATE_METHOD"
  | "METHOD_KEY_MISMATCH"
  | "REMOVAL_CONFLICT"
  | "NO_INTEGRATION"
  | "PROXY_INTEGRATION"
  | "UNDECLARED_HEADER"
  | "DUPLICATE_DEFAULT";

/** Why a method cannot be planned. `code` is stable; the message names the method and the rule. */
export class PlanError extends Error {
  override readonly name = "PlanError";
  /** Stable, machine-readable cause. */
  readonly code: PlanErrorCode;
  /** The method concerned. */
  readonly key: MethodKey;
  /** The status code concerned, when there is one. */
  readonly statusCode?: string;

  /** @param code stable cause; @param key the method; @param detail what is wrong; @param statusCode the status code concerned. */
  constructor(code: PlanErrorCode, key: MethodKey, detail: string, statusCode?: string) {
    super(`${code}: ${describeMethod(key)}: ${detail}`);
    this.code = code;
    this.key = key;
    if (statusCode !== undefined) this.statusCode = statusCode;
  }
}
