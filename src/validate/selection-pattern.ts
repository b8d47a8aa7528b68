/**
 * Selection patterns (AWS-17, AWS-29): API Gateway compiles them with Java's
 * `java.util.regex.Pattern`, so Java's grammar decides whether one is valid
 * ({@link javaPatternSyntaxError}). Pure.
 */
import { javaPatternSyntaxError } from "../java-regex";
import { checkString, showValue, type Failures } from "./failures";

/** Check a selection pattern (AWS-17, AWS-29). */
export function checkSelectionPattern(f: Failures, value: unknown, property: string): void {
  const s = checkString(f, value, property, "selectionPattern", false);
  if (s === undefined) return;
  if (s === "-") {
    f.add(
      property,
      `selectionPattern "-" is not a default marker: omit selectionPattern or use "" for the default response; "-" would match only a literal "-" and cause a perpetual diff (AWS-17)`,
    );
    return;
  }
  // API Gateway compiles it with java.util.regex.Pattern: Java's grammar decides, not JavaScript's.
  const problem = javaPatternSyntaxError(s);
  if (problem === undefined) return;
  // Java's description may quote part of the pattern (a group name): keep it out when values are hidden.
  const at = problem.index >= 0 ? ` at index ${problem.index}` : "";
  const java = f.hideValues ? "" : `Java: ${showValue(problem.description)}${at}; `;
  f.add(property, `selectionPattern ${f.show(s)} is not a valid regular expression: ${problem.rule} (${java}AWS-29)`);
}
