/**
 * Java regular expression syntax, pure: does `java.util.regex.Pattern.compile(pattern)` (no
 * flags, Java 17) accept a pattern, and if not, which rule does it break? A `selectionPattern`
 * is a Java regular expression (AWS-29), and Java's grammar is not JavaScript's: Java refuses
 * `{abc}`, `x{,3}`, `a{`, `\k`, `\y`, `(?<my_name>x)`, `\u{1F600}` and `a{2,1}`, and accepts
 * `a{1,2}{3}`, `[a-z&&[^aeiou]]`, `(?>a)`, `a*+` and `\Qa.b\E`.
 *
 * The parser takes the same steps over the pattern as the JVM's, so that Java's quirks hold
 * too: `\Q...\E` is rewritten first; a `{` right after a quantifier starts a quantifier of an
 * empty atom; `]` and `}` alone are literals; `(?x)` skips whitespace and `#` comments, even
 * inside classes; a lookbehind must have "an obvious maximum length" by Java's own length
 * analysis, 32-bit overflow included. The grammar is here; the cursor and the one-character
 * escapes are in `java-regex-scanner.ts`, the length analysis in `java-regex-length.ts`, the
 * `\p{...}` names in `java-regex-properties.ts`. Verdicts are checked against a JVM by
 * `test/java-regex.test.ts` (through `test/support/JavaPattern.java`).
 *
 * Residual differences, both outside what a selection pattern needs: (1) `\N{name}` is accepted
 * when the name is made of ASCII letters, digits, spaces and hyphens; Java also looks it up in
 * Unicode's list of character names, which this module does not carry. (2) Java compiles on its
 * call stack and refuses a pattern that overflows it ("Stack overflow during pattern
 * compilation"): with a default JVM stack, about a thousand nested groups, or some thousands of
 * alternations or atoms in a row. Where that happens depends on the JVM's stack size, not on the
 * grammar, so the checker refuses only what overflows its own stack (some thousands of nested
 * groups).
 */
import { MAX_REPS, spanLength, type Span } from "./java-regex-length";
import { isJavaPropertyName } from "./java-regex-properties";
import { c, CANON_EQ, FLAG_BITS, isAlpha, isDigit, JavaPatternScanner, oneOf, PatternFailure, UNICODE_CLASS } from "./java-regex-scanner";

/** Why Java refuses a pattern. */
export interface JavaPatternSyntaxError {
  /** Java's `PatternSyntaxException.getDescription()`, e.g. `Illegal repetition`. */
  readonly description: string;
  /** The rule broken, in words. It never quotes the pattern, so it is safe for secret values. */
  readonly rule: string;
  /** Java's error index: in code points, after the `\Q...\E` rewriting; -1 when unknown. */
  readonly index: number;
}

/** The syntax error `Pattern.compile(pattern)` throws, or `undefined` when Java accepts the pattern (AWS-29). */
export function javaPatternSyntaxError(pattern: string): JavaPatternSyntaxError | undefined {
  try {
    new JavaPatternParser(pattern).parse();
    return undefined;
  } catch (e) {
    // Java refuses what overflows its stack while compiling; here, what overflows the checker's (see the residual differences).
    if (e instanceof RangeError) return { description: "Stack overflow during pattern compilation", rule: RULES.overflow!, index: -1 };
    if (!(e instanceof PatternFailure)) throw e;
    const rule = RULES[/^[^<{['[]*/.exec(e.description)![0]] ?? e.description;
    return { description: e.description, rule, index: e.index };
  }
}

/** The rule behind each of Java's descriptions, by the description's start (up to a `<`, `{`, `[` or `'`). */
const RULES: Readonly<Record<string, string>> = {
  "Illegal repetition": 'a "{" must start a quantifier {n}, {n,} or {n,m} with decimal n and m ({,m} is not one); write \\{ for a brace',
  "Illegal repetition range": "a quantifier {n,m} needs n <= m, both at most 2147483647",
  "Unclosed counted closure": 'a quantifier {n,m} must be closed by "}" right after its digits',
  "Dangling meta character ": "*, + and ? must follow something to repeat, one quantifier per atom (then optionally ? for lazy or + for possessive); write \\*, \\+ or \\? for the character",
  "Unclosed group": 'a "(" is not closed by ")"',
  "Unmatched closing ": 'a ")" closes no group; write \\) for the character',
  "Unclosed character class": 'a "[" is not closed by "]" (a "]" right after "[" or "[^" is a literal)',
  "Bad class syntax": '"&&" in a character class needs a class on one side at least',
  "Illegal character range": "a range x-y in a character class needs two single characters with x <= y",
  "Illegal/unsupported escape sequence": "a backslash before an ASCII letter must form a Java escape (\\d \\s \\w \\b \\p{..} \\uXXXX \\x{h..h} \\Q..\\E ...), and a character class takes no back reference, \\b, \\k, \\R or \\X; before any other character a backslash quotes it",
  "\\k is not followed by ": "\\k must be followed by <name>",
  "named capturing group ": "\\k<name> must name a group (?<name>...) opened before it",
  "Named capturing group ": "a group name can be given to one group only",
  "capturing group name does not start with a Latin letter": "a group name must start with an ASCII letter",
  "named capturing group is missing trailing ": 'a group name holds ASCII letters and digits only (no "_") and ends with ">"',
  "Illegal Unicode escape sequence": "\\u must be followed by exactly four hex digits; Java has no \\u{...}: write \\x{h...h}",
  "Illegal hexadecimal escape sequence": "\\x must be followed by two hex digits or by {h...h}",
  "Unclosed hexadecimal escape sequence": '\\x{h...h} must be closed by "}"',
  "Hexadecimal codepoint is too big": "\\x{h...h} must be at most 10FFFF",
  "Illegal octal escape sequence": "\\0 must be followed by one to three octal digits",
  "Illegal control escape sequence": "\\c must be followed by a character",
  "Illegal character name escape sequence": "\\N must be followed by {name}",
  "Unclosed character name escape sequence": '\\N{name} must be closed by "}"',
  "Unknown character name ": "\\N{name} must name a Unicode character",
  "Unknown character property name ": "\\p and \\P take a general category (L, Lu, ...), a POSIX class (Alpha, Digit, ...), a java* property, In + a Unicode block, or Is + a script, category or binary property",
  "Unknown Unicode property ": "\\p{name=value} takes script (sc), block (blk) or general_category (gc) with a known value",
  "Empty character family": "\\p{} must name a property",
  "Unclosed character family": '\\p{...} must be closed by "}"',
  "Unknown inline modifier": "(? must be followed by :, =, !, <=, <!, >, <name> or flags from idmsuxcU, as in (?i) or (?i:...)",
  "Unknown group type": "(?$ and (?@ are not Java groups",
  "Look-behind group does not have an obvious maximum length": "a lookbehind must have an obvious maximum length: no back reference, no unbounded repetition of a group longer than one character, no repetition of a group holding | or ?",
  "Unexpected internal error": "the pattern must not end with a lone backslash; write \\\\ for the character",
  overflow: "the pattern must not nest groups this deeply (Java compiles it on its call stack)",
};

/** What one step of the parser made, and whether it is one character (Java's `CharProperty`, which `*`, `+` and `{n,}` repeat apart). */
interface Piece {
  readonly spans: readonly Span[];
  readonly oneChar: boolean;
}

/** A parsed quantifier; `open` for `*`, `+` and `{n,}`. */
interface Quantifier {
  readonly min: number;
  readonly max: number;
  readonly type: "greedy" | "lazy" | "possessive";
  readonly open: boolean;
}

const CHAR: Piece = { spans: [{ k: "len", n: 1 }], oneChar: true };
const NFC_CHAR: Piece = { spans: [{ k: "varies" }], oneChar: false };
const ZERO: Piece = { spans: [], oneChar: false };
const BACKREF: Piece = { spans: [{ k: "backref" }], oneChar: false };

/** One pass over a pattern, step by step as `Pattern.compile`'s; throws {@link PatternFailure}. */
class JavaPatternParser extends JavaPatternScanner {
  private groups = 1;
  private readonly names = new Set<string>();

  parse(): void {
    this.expr();
    if (this.cur !== this.len) this.fail(this.peek() === c(")") ? "Unmatched closing ')'" : "Unexpected internal error");
  }

  /** Alternatives separated by `|`. */
  private expr(): Span[] {
    const alts: Span[][] = [];
    for (;;) {
      alts.push(this.sequence());
      if (this.peek() !== c("|")) return alts.length === 1 ? alts[0]! : [{ k: "branch", alts }];
      this.next();
    }
  }

  /** One alternative: atoms, each with its quantifier. */
  private sequence(): Span[] {
    const spans: Span[] = [];
    for (;;) {
      const ch = this.peek();
      let piece: Piece;
      if (ch === c("(")) {
        for (const s of this.group() ?? []) spans.push(s);
        continue;
      } else if (ch === c("[")) {
        this.charClass(true);
        piece = this.has(CANON_EQ) ? NFC_CHAR : CHAR;
      } else if (ch === c("\\")) piece = this.isProperty() ? this.property() : this.atom();
      else if (oneOf(ch, "^$.")) piece = (this.next(), ch === c(".") ? CHAR : ZERO);
      else if (oneOf(ch, "|)") || this.atEnd(ch)) return spans;
      else if (!oneOf(ch, "?*+")) piece = this.atom();
      else {
        this.next();
        this.fail(`Dangling meta character '${String.fromCharCode(ch)}'`);
      }
      for (const s of this.repeat(piece, this.quantifier())) spans.push(s);
    }
  }

  /** Is the cursor (on a backslash) on `\p` or `\P`? */
  private isProperty(): boolean {
    const e = this.at(this.cur + 1);
    return e === c("p") || e === c("P");
  }

  /** A run of literal characters (Java's `Slice`) or one escape; a quantifier after a run takes its last character only. */
  private atom(): Piece {
    let [count, last, ch] = [0, -1, this.peek()];
    for (;;) {
      if (oneOf(ch, "*+?{")) {
        if (count > 1) [this.cur, count] = [last, count - 1];
      } else if (ch === c("\\") && !this.isProperty()) {
        last = this.cur;
        const r = this.escape(false, count === 0, false);
        if (typeof r === "number") {
          [count, ch] = [count + 1, this.peek()];
          continue;
        }
        if (count === 0) return r;
        this.cur = last;
      } else if (ch === c("\\")) {
        if (count === 0) return this.property();
      } else if (!oneOf(ch, "$.^([|)") && !this.atEnd(ch)) {
        [last, count, ch] = [this.cur, count + 1, this.next()];
        continue;
      }
      return count === 1 ? CHAR : { spans: [{ k: "len", n: count }], oneChar: false };
    }
  }

  /** `\p` or `\P` at the cursor (on the backslash): `\pL` or `\p{name}`. */
  private property(): Piece {
    this.cur++;
    const brace = this.next() === c("{");
    if (!brace) this.unread();
    this.next();
    let name: string;
    if (!brace) {
      name = String.fromCodePoint(this.at(this.cur));
      this.read();
    } else {
      const start = this.cur;
      this.t[this.len] = c("}");
      while (this.read() !== c("}"));
      this.t[this.len] = 0;
      if (this.cur > this.len) this.fail("Unclosed character family");
      if (start + 1 >= this.cur) this.fail("Empty character family");
      name = this.text(start, this.cur - 1);
    }
    if (!isJavaPropertyName(name, this.has(UNICODE_CLASS))) {
      const eq = name.indexOf("=");
      if (eq === -1) this.fail(`Unknown character property name {${name}}`);
      this.fail(`Unknown Unicode property {name=<${name.slice(0, eq).toLowerCase()}>, value=<${name.slice(eq + 1)}>}`);
    }
    return this.has(CANON_EQ) ? NFC_CHAR : CHAR;
  }

  /**
   * An escape at the cursor (on the backslash): the code of the character it stands for, or
   * the piece (a class, an anchor, a back reference). With `create` false Java only passes it.
   */
  private escape(inClass: boolean, create: boolean, isRange: boolean): number | Piece {
    const ch = this.skip();
    const unsupported = (): never => this.fail("Illegal/unsupported escape sequence");
    if (ch === c("0")) return this.octal();
    if (isDigit(ch)) return inClass ? unsupported() : create ? this.backref(ch - 48) : ZERO;
    if (oneOf(ch, "ABGRXZzbk") && inClass) unsupported();
    if (oneOf(ch, "ABGZz")) return ZERO;
    if (ch === c("R")) return { spans: [{ k: "len", n: 2 }], oneChar: false };
    if (ch === c("X")) return { spans: [{ k: "varies" }], oneChar: false };
    if (ch === c("v") && isRange) return 0x0b;
    if (oneOf(ch, "DHSVWdhsvw")) return CHAR;
    if (oneOf(ch, "aefnrt")) return { a: 7, e: 27, f: 12, n: 10, r: 13, t: 9 }[String.fromCharCode(ch)]!;
    if (ch === c("b")) {
      if (create && this.peek() === c("{")) {
        if (this.skip() === c("g")) return this.read() === c("}") ? ZERO : unsupported();
        this.cur -= 2; // \b then a quantifier
      }
      return ZERO;
    }
    if (ch === c("c")) return this.cur < this.len ? this.read() ^ 64 : this.fail("Illegal control escape sequence");
    if (ch === c("k")) {
      if (this.read() !== c("<")) this.fail("\\k is not followed by '<' for named capturing group");
      const name = this.groupName(this.read());
      return this.names.has(name) ? BACKREF : this.fail(`named capturing group <${name}> does not exist`);
    }
    if (ch === c("u")) return this.unicode();
    if (ch === c("x")) return this.hex();
    if (ch === c("N")) return this.characterName();
    return isAlpha(ch) ? unsupported() : ch;
  }

  /** `\n`, taking following digits while they make the number of a group opened so far. */
  private backref(n: number): Piece {
    for (let d = this.peek(); isDigit(d) && this.groups - 1 >= n * 10 + d - 48; d = this.peek()) {
      n = n * 10 + d - 48;
      this.read();
    }
    return BACKREF;
  }

  /** The quantifier at the cursor, consumed, or `undefined`. */
  private quantifier(): Quantifier | undefined {
    const ch = this.peek();
    let [min, max, open] = [ch === c("+") ? 1 : 0, MAX_REPS, true];
    if (ch === c("?")) [max, open] = [1, false];
    else if (ch === c("{")) {
      let d = this.skip();
      if (!isDigit(d)) this.fail("Illegal repetition");
      const number = (): number => {
        let v = 0;
        for (; isDigit(d); d = this.read()) if ((v = v * 10 + d - 48) > MAX_REPS) this.fail("Illegal repetition range");
        return v;
      };
      min = number();
      if (d !== c(",")) [max, open] = [min, false];
      else if ((d = this.read()) === c("}")) this.unread();
      else [max, open] = [number(), false];
      if (!open && d !== c("}")) this.fail("Unclosed counted closure");
      if (max < min) this.fail("Illegal repetition range");
      if (!open) this.unread();
    } else if (ch !== c("*") && ch !== c("+")) return undefined;
    const after = this.next();
    const type = after === c("?") ? "lazy" : after === c("+") ? "possessive" : "greedy";
    if (type !== "greedy") this.next();
    return { min, max, type, open };
  }

  /** The spans of `piece` repeated by `q` (groups: see {@link group}). */
  private repeat(piece: Piece, q: Quantifier | undefined): readonly Span[] {
    if (q === undefined) return piece.spans;
    if (q.min === 0 && q.max === 1) return [{ k: "ques", atom: piece.spans, atomic: false }];
    if (q.open && q.type === "greedy" && piece.oneChar) return [{ k: "greedy1" }];
    return [{ k: "curly", atom: piece.spans, min: q.min, max: q.max }];
  }

  /** A group at the cursor (on the parenthesis) with its quantifier; `undefined` for flags alone, as (?i), which last to the end of the enclosing group. */
  private group(): readonly Span[] | undefined {
    const saved = this.flags;
    let kind: "plain" | "look" | "atomic" = "plain";
    let body: Span[];
    if (this.next() !== c("?")) [this.groups, body] = [this.groups + 1, this.expr()];
    else {
      const ch = this.skip();
      if (ch === c(":")) body = this.expr();
      else if (oneOf(ch, "=!>")) [kind, body] = [ch === c(">") ? "atomic" : "look", this.expr()];
      else if (ch === c("<")) {
        const n = this.read();
        if (n !== c("=") && n !== c("!")) {
          const name = this.groupName(n);
          if (this.names.has(name)) this.fail(`Named capturing group <${name}> is already defined`);
          this.names.add(name);
          this.groups++;
          body = this.expr();
        } else {
          [kind, body] = ["look", this.expr()];
          if (!spanLength(body).valid) this.fail("Look-behind group does not have an obvious maximum length");
        }
      } else if (oneOf(ch, "$@")) this.fail("Unknown group type");
      else {
        this.unread();
        this.inlineFlags();
        const end = this.read();
        if (end === c(")")) return undefined;
        if (end !== c(":")) this.fail("Unknown inline modifier");
        body = this.expr();
      }
    }
    if (this.read() !== c(")")) this.fail("Unclosed group");
    this.flags = saved;
    const q = this.quantifier();
    if (kind !== "plain") return this.repeat(kind === "look" ? ZERO : { spans: [{ k: "ques", atom: body, atomic: true }], oneChar: false }, q);
    if (q === undefined) return body;
    if (q.type === "possessive") return this.repeat({ spans: body, oneChar: false }, q);
    if (q.min === 0 && q.max === 1) return [{ k: "branch", alts: [body, []] }]; // (x)? is (x|)
    return spanLength(body).fixed ? [{ k: "curly", atom: body, min: q.min, max: q.max }] : [{ k: "loop" }];
  }

  /** Flags of (?flags) or (?flags:...), with an optional -flags part. */
  private inlineFlags(): void {
    let on = true;
    for (let ch = this.peek(); ; ch = this.next()) {
      const bit = ch < 128 ? FLAG_BITS[String.fromCharCode(ch)] : undefined;
      if (bit !== undefined) this.flags = on ? this.flags | bit : this.flags & ~bit;
      else if (ch === c("-") && on) on = false;
      else return;
    }
  }

  /** A character class at the cursor (on its `[`); `consume` false for the right side of `&&`, which ends before the `]`. */
  private charClass(consume: boolean): void {
    let some = false;
    let ch = this.next();
    if (ch === c("^") && this.at(this.cur - 1) === c("[")) ch = this.next();
    for (;;) {
      if (ch === c("&") && this.next() === c("&")) {
        let right = false;
        for (ch = this.next(); ch !== c("]") && ch !== c("&"); ch = this.peek()) {
          if (ch !== c("[")) this.unread();
          this.charClass(ch === c("["));
          right = true;
        }
        if (!some && !right) this.fail("Bad class syntax");
      } else if (ch === c("[")) this.charClass(true);
      else if (ch === c("]") && some) {
        if (consume) this.next();
        return;
      } else {
        if (ch === c("&")) this.unread();
        else if (this.atEnd(ch)) this.fail("Unclosed character class");
        this.classMember();
      }
      some = true;
      ch = this.peek();
    }
  }

  /** One member of a class at the cursor: a character, a range x-y, or a class such as \d or \p{L}. */
  private classMember(): void {
    let ch = this.peek();
    if (ch === c("\\") && this.isProperty()) return void this.property();
    if (ch === c("\\")) {
      const r = this.escape(true, true, this.at(this.cur + 2) === c("-"));
      if (typeof r !== "number") return;
      ch = r;
    } else this.next();
    if (this.peek() !== c("-") || oneOf(this.at(this.cur + 1), "[]")) return;
    this.next();
    let end = this.peek();
    if (end === c("\\")) {
      const r = this.escape(true, false, true);
      end = typeof r === "number" ? r : -1; // a class such as \d ends no range
    } else this.next();
    if (end < ch) this.fail("Illegal character range");
  }
}
