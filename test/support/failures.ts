/** Assertions on validation failures, shared by the tables of bad inputs. */
import { expect } from "vitest";
import type { ValidationFailure } from "../../src/model";

/**
 * Exactly one failure, at `property`, whose reason contains every string of `reason` and
 * matches every regular expression of it; nothing else reported.
 */
export function expectOnlyFailure(failures: readonly ValidationFailure[], property: string, reason: readonly (string | RegExp)[]): void {
  const at = failures.filter((f) => f.property === property);
  expect(at, `failures: ${JSON.stringify(failures, null, 1)}`).toHaveLength(1);
  const text = at[0]?.reason ?? "";
  for (const part of reason) {
    if (typeof part === "string") expect(text).toContain(part);
    else expect(text).toMatch(part);
  }
  // Nothing else than the broken property is reported.
  expect(failures.map((f) => f.property)).toEqual([property]);
}

/** A failure as the validator reports it: `expect(validate…(input)).toEqual([failure(property, reason), …])`. */
export const failure = (property: string, reason: string): ValidationFailure => ({ property, reason });
