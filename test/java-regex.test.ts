/**
 * The Java regular expression check of selection patterns (AWS-29) against Java itself:
 * a table of patterns with the verdicts a Java 17 JVM gave (recorded with
 * test/support/JavaPattern.java), checked against the TypeScript checker always and against
 * the JVM whenever `java` 17 is on the PATH (so the table cannot drift); and a property test
 * that gives 2000 random patterns over a regex-ish alphabet to both, through one JVM.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { javaPatternSyntaxError } from "../src/java-regex";
import { javaBlockNames, javaScriptNames } from "../src/java-regex-properties";
import { javaMajorVersion, javaUnicodeNames, javaVerdicts } from "./support/java-pattern";

const OK = "ok";

/** [pattern, Java 17's verdict: "ok" or PatternSyntaxException.getDescription()]. */
const TABLE: readonly (readonly [string, string])[] = [
  // the six cases of issue 15 (defect 8) that Java refuses and the old check accepted, and the one it refused
  ["{abc}", "Illegal repetition"],
  ["x{,3}", "Illegal repetition"],
  ["\\k", "\\k is not followed by '<' for named capturing group"],
  ["a{", "Illegal repetition"],
  ["(?<my_name>x)", "named capturing group is missing trailing '>'"],
  ["\\u{1F600}", "Illegal Unicode escape sequence"],
  ["a{1,2}{3}", OK],
  // patterns of the examples and the README
  ["4\\d{2}", OK],
  ["5\\d\\d", OK],
  [".*Not Found.*", OK],
  ["(?i).*error.*", OK],
  ["(?s)^Bad gateway:.*+", OK],
  ["(?>5\\d\\d)|\\QService (Unavailable\\E", OK],
  // quantifiers: one per atom (then ? or +), braces
  ["a{2,1}", "Illegal repetition range"],
  ["a{3}", OK],
  ["a{3,}", OK],
  ["a{0,5}?", OK],
  ["a{1,3}+", OK],
  ["{3}", OK],
  ["a*{2}", OK],
  ["a**", "Dangling meta character '*'"],
  ["a*+", OK],
  ["a*?", OK],
  ["a++b", OK],
  ["a+++", "Dangling meta character '+'"],
  ["a?*", "Dangling meta character '*'"],
  ["*a", "Dangling meta character '*'"],
  ["+", "Dangling meta character '+'"],
  ["?", "Dangling meta character '?'"],
  ["a|*b", "Dangling meta character '*'"],
  ["a{99999999999}", "Illegal repetition range"],
  ["a{1,2147483648}", "Illegal repetition range"],
  ["a{1", "Unclosed counted closure"],
  ["a{1,x}", "Unclosed counted closure"],
  // character classes
  ["}", OK],
  ["a]", OK],
  ["[a-z&&[^aeiou]]", OK],
  ["[&&a]", OK],
  ["[&&]", "Bad class syntax"],
  ["[]a]", OK],
  ["[]", "Unclosed character class"],
  ["[^]", "Unclosed character class"],
  ["[a-", "Illegal character range"],
  ["[z-a]", "Illegal character range"],
  ["[a-\\d]", "Illegal character range"],
  ["[\\d-z]", OK],
  ["[\\1]", "Illegal/unsupported escape sequence"],
  ["[\\b]", "Illegal/unsupported escape sequence"],
  // groups, names, back references, inline flags
  ["(abc", "Unclosed group"],
  ["abc)", "Unmatched closing ')'"],
  ["(?:a|b)+", OK],
  ["(?<name1>x)\\k<name1>", OK],
  ["\\k<nope>", "named capturing group <nope> does not exist"],
  ["(?<a>x)(?<a>y)", "Named capturing group <a> is already defined"],
  ["(?<1a>x)", "capturing group name does not start with a Latin letter"],
  ["\\k<a", "named capturing group is missing trailing '>'"],
  ["(?i:ERROR)", OK],
  ["(?-i)x", OK],
  ["(?q)x", "Unknown inline modifier"],
  ["(?i)*", "Dangling meta character '*'"],
  ["(?$x)", "Unknown group type"],
  // lookaround; a lookbehind needs an obvious maximum length
  ["(?=a)b", OK],
  ["(?!a)b", OK],
  ["(?<=4\\d\\d)x", OK],
  ["(?<!x)y", OK],
  ["(?<=a+)b", OK],
  ["(?<=(?:ab)+)c", "Look-behind group does not have an obvious maximum length"],
  ["(?<=(a|bc){2})d", "Look-behind group does not have an obvious maximum length"],
  ["(?<=\\1)x", "Look-behind group does not have an obvious maximum length"],
  // escapes
  ["\\y", "Illegal/unsupported escape sequence"],
  ["\\E", "Illegal/unsupported escape sequence"],
  ["\\Q.*\\E+", OK],
  ["\\Q", OK],
  ["\\u0041\\u00e9", OK],
  ["\\uD83D\\uDE00", OK],
  ["\\u12", "Illegal Unicode escape sequence"],
  ["\\x41\\x{1F600}", OK],
  ["\\x{110000}", "Hexadecimal codepoint is too big"],
  ["\\x4", "Illegal hexadecimal escape sequence"],
  ["\\0101", OK],
  ["\\08", "Illegal octal escape sequence"],
  ["\\cA", OK],
  ["a\\", "Unexpected internal error"],
  // properties
  ["\\p{L}+", OK],
  ["\\p{Lu}\\P{Ll}", OK],
  ["\\p{IsLatin}", OK],
  ["\\p{InBasicLatin}", OK],
  ["\\p{InBasic_Latin}", OK],
  ["\\p{sc=Latn}", OK],
  ["\\p{block=Basic Latin}", OK],
  ["\\p{gc=Nd}", OK],
  ["\\p{IsAlphabetic}", OK],
  ["\\p{Alpha}", OK],
  ["\\p{alpha}", "Unknown character property name {alpha}"],
  ["(?U)\\p{alpha}", OK],
  ["\\p{javaLowerCase}", OK],
  ["\\p{Emoji}", "Unknown character property name {Emoji}"],
  ["\\pL", OK],
  ["\\pX", "Unknown character property name {X}"],
  ["\\p{}", "Empty character family"],
  ["\\p{L", "Unclosed character family"],
  // other escapes, comments mode, character names
  ["\\b{g}", OK],
  ["\\R\\X\\h\\v\\z\\Z\\A\\G\\B", OK],
  ["(?x) a b # comment\n c", OK],
  ["(?x)a{1 , 2}", OK],
  ["(?x)a{ 1}", "Illegal repetition"],
  ["\\N{LATIN SMALL LETTER A}", OK],
];

/** The TypeScript checker's verdict, in the table's terms. */
const verdict = (pattern: string): string => javaPatternSyntaxError(pattern)?.description ?? OK;

/** The JVM's verdict, in the table's terms. */
const jvmVerdicts = (patterns: readonly string[]): string[] => javaVerdicts(patterns).map((v) => (v.ok ? OK : v.description));

/** Java 17 on the PATH: the table and the names were recorded with it (a newer JVM knows newer Unicode). */
const JAVA_17 = javaMajorVersion() === 17;

describe("javaPatternSyntaxError: the table of Java 17 verdicts (AWS-29)", () => {
  it(`has at least 60 patterns, some refused and some accepted (${TABLE.length})`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    expect(TABLE.filter(([, v]) => v === OK).length).toBeGreaterThan(20);
    expect(TABLE.filter(([, v]) => v !== OK).length).toBeGreaterThan(20);
    expect(new Set(TABLE.map(([p]) => p)).size).toBe(TABLE.length);
  });

  it.each(TABLE)("%j: %s", (pattern, expected) => {
    expect(verdict(pattern)).toBe(expected);
  });

  it.skipIf(!JAVA_17)("the table still holds for the JVM on the PATH", () => {
    const patterns = TABLE.map(([p]) => p);
    const jvm = jvmVerdicts(patterns);
    expect(patterns.map((p, i) => [p, jvm[i]])).toEqual(TABLE.map(([p, v]) => [p, v]));
  });
});

describe("javaPatternSyntaxError: the rule", () => {
  it("names the rule in words, without quoting the pattern (a secret value stays hidden)", () => {
    for (const [pattern, expected] of TABLE) {
      if (expected === OK) continue;
      const e = javaPatternSyntaxError(pattern)!;
      expect(e.rule, pattern).not.toBe(e.description);
      expect(e.rule.length, pattern).toBeGreaterThan(20);
    }
    const e = javaPatternSyntaxError("(?<topsecret>x)\\k<hunter2>")!;
    expect(e.description).toContain("hunter2");
    expect(e.rule).not.toContain("hunter2");
    expect(e.rule).toContain("\\k<name>");
  });

  it.each([
    ["x{,3}", "{n}, {n,} or {n,m}"],
    ["(?<my_name>x)", 'no "_"'],
    ["\\u{1F600}", "\\x{h...h}"],
    ["a{2,1}", "n <= m"],
    ["a**", "one quantifier per atom"],
    ["(?<=(?:ab)+)c", "obvious maximum length"],
  ])("%j: %s", (pattern, words) => {
    expect(javaPatternSyntaxError(pattern)?.rule).toContain(words);
  });

  it("gives Java's index", () => {
    expect(javaPatternSyntaxError("ab{,3}")?.index).toBe(3);
    expect(javaPatternSyntaxError("abc)")?.index).toBe(2);
  });
});

describe("javaPatternSyntaxError: the residual difference", () => {
  // Java looks \N{name} up in Unicode's character names; the checker only checks the name's shape.
  const residual = "\\N{NOT A CHARACTER NAME}";

  it("accepts \\N{name} for any name of letters, digits, spaces and hyphens", () => {
    expect(verdict(residual)).toBe(OK);
    expect(verdict("\\N{LATIN SMALL LETTER A}")).toBe(OK);
    expect(verdict("\\N{a_b}")).toBe("Unknown character name [a_b]");
  });

  it.skipIf(!JAVA_17)("where Java refuses a name that is not a character's", () => {
    expect(jvmVerdicts([residual, "\\N{LATIN SMALL LETTER A}"])).toEqual(["Unknown character name [NOT A CHARACTER NAME]", OK]);
  });

  // Java compiles on its call stack and refuses what overflows it, at a depth set by the JVM's stack size, not by the grammar.
  const nested = (n: number): string => `${"(".repeat(n)}a${")".repeat(n)}`;

  it("refuses only what overflows the checker's own stack, without throwing", () => {
    expect(verdict(nested(1500))).toBe(OK);
    expect(javaPatternSyntaxError(nested(50_000))).toEqual({ description: "Stack overflow during pattern compilation", rule: expect.stringContaining("nest"), index: -1 });
  });

  it.skipIf(!JAVA_17)("where a JVM with its default stack refuses groups nested some thousand deep", () => {
    expect(jvmVerdicts([nested(100), nested(1500)])).toEqual([OK, "Stack overflow during pattern compilation"]);
  });
});

describe.skipIf(!JAVA_17)("javaPatternSyntaxError against the JVM", () => {
  /** The alphabet of the property test: what regular expressions are made of. */
  const ALPHABET = [..."ab()[]{},0123456789*+?\\|^$.<>:=!&-kupQE"];
  const patternArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((cs) => cs.join(""));

  it("agrees with Pattern.compile on 2000 random patterns (fixed seed)", () => {
    const patterns = fc.sample(patternArb, { seed: 20260415, numRuns: 2000 });
    const jvm = javaVerdicts(patterns);
    const checker = patterns.map((p) => javaPatternSyntaxError(p));
    const disagreements = patterns.filter((p, i) => jvm[i]!.ok !== (checker[i] === undefined)).map((p) => [p, verdict(p)]);
    const agree = patterns.length - disagreements.length;
    const valid = jvm.filter((v) => v.ok).length;
    console.info(`java-regex property test: the verdicts agree on ${agree}/${patterns.length} patterns (${((100 * agree) / patterns.length).toFixed(2)}%); Java accepts ${valid} of them`);
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThan(500); // both verdicts are exercised
    // Where both refuse, they say the same, at the same index.
    const refusals = patterns.map((p, i) => [p, jvm[i]!.ok ? undefined : jvm[i], checker[i] && { ok: false, description: checker[i]!.description, index: checker[i]!.index }]);
    expect(refusals.filter(([, j, c]) => JSON.stringify(j) !== JSON.stringify(c))).toEqual([]);
  });

  it("knows the block and script names the JVM knows, no more", () => {
    const jvm = javaUnicodeNames();
    expect([...javaBlockNames()].sort()).toEqual([...jvm.blocks].sort());
    expect([...javaScriptNames()].sort()).toEqual([...jvm.scripts].sort());
  });
});
