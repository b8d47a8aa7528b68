/**
 * Selection patterns (AWS-17, AWS-29): API Gateway compiles them with Java's
 * `java.util.regex.Pattern`, so Java's grammar decides whether one is valid
 * ({@link javaPatternSyntaxError}); {@link javaPatternToJs} translates a valid one for
 * use in JavaScript. The schema (`spec-model.ts`) refuses `"-"` and patterns Java does not
 * compile; the reasons are worded here. Pure.
 */
import { javaPatternSyntaxError } from "../java-regex";
import { showValue, type Failures } from "./failures";

/**
 * Translate the Java-only regular expression syntax API Gateway accepts (AWS-29) into
 * JavaScript syntax, for using a valid selection pattern in JavaScript (whether a pattern
 * is valid at all is Java's question: {@link javaPatternSyntaxError} answers it): inline flags
 * `(?i)` are dropped, `(?i:` and atomic groups `(?>` become `(?:`, possessive
 * quantifiers `*+ ++ ?+ }+` lose their `+`, `\Q...\E` quoting is escaped. A `]`
 * right after `[` or `[^` is a literal in Java (so `[]` and `[^]`, which JavaScript
 * accepts, stay unterminated and are rejected as Java rejects them).
 */
export function javaPatternToJs(pattern: string): string {
  let out = "";
  let i = 0;
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "\\" && pattern[i + 1] === "Q") {
      const end = pattern.indexOf("\\E", i + 2);
      const literal = pattern.slice(i + 2, end === -1 ? pattern.length : end);
      out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
      i = end === -1 ? pattern.length : end + 2;
      continue;
    }
    if (c === "\\") {
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      i += 1;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i += 1;
      if (pattern[i] === "^") {
        out += "^";
        i += 1;
      }
      if (pattern[i] === "]") {
        out += "\\]";
        i += 1;
      }
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      const flags = /^\(\?([idmsuxU]*)(?:-([idmsuxU]*))?([):])/.exec(pattern.slice(i));
      if (flags !== null && (flags[1] !== "" || (flags[2] ?? "") !== "")) {
        out += flags[3] === ")" ? "" : "(?:";
        i += flags[0].length;
        continue;
      }
      if (pattern[i + 2] === ">") {
        out += "(?:";
        i += 3;
        continue;
      }
    }
    if ((c === "*" || c === "+" || c === "?" || c === "}") && pattern[i + 1] === "+") {
      out += c;
      i += 2;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

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
