/**
 * Selection patterns (AWS-17, AWS-29): API Gateway compiles them with Java's
 * `java.util.regex.Pattern`, so Java's grammar decides whether one is valid
 * ({@link javaPatternSyntaxError}). The schema (`spec-model.ts`) refuses `"-"` and patterns Java does not
 * compile; the reasons are worded here. Pure.
 */
import { javaPatternSyntaxError } from "../java-regex";
import { showValue, type Failures } from "./failures";

/** Why `"-"` is refused as a selection pattern (AWS-17). */
export const DEFAULT_MARKER_REASON =
  'selectionPattern "-" is not a default marker: omit selectionPattern or use "" for the default response; "-" would match only a literal "-" and cause a perpetual diff (AWS-17)';

/**
 * Why a selection pattern that Java does not compile is refused (AWS-29): Java's rule,
 * its description and the index (left out when values are hidden).
 */
export function javaRegexReason(f: Failures, pattern: string): string {
  // API Gateway compiles it with java.util.regex.Pattern: Java's grammar decides, not JavaScript's.
  const problem = javaPatternSyntaxError(pattern);
  if (problem === undefined) return `selectionPattern ${f.show(pattern)} is not a valid regular expression (AWS-29)`;
  // Java's description may quote part of the pattern (a group name): keep it out when values are hidden.
  const at = problem.index >= 0 ? ` at index ${problem.index}` : "";
  const java = f.hideValues ? "" : `Java: ${showValue(problem.description)}${at}; `;
  return `selectionPattern ${f.show(pattern)} is not a valid regular expression: ${problem.rule} (${java}AWS-29)`;
}
