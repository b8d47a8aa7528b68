/**
 * The scanner under `java-regex.ts`: a Java regular expression (AWS-29) as the code points
 * `java.util.regex.Pattern` parses (after its `\Q...\E` rewriting), a cursor that steps over
 * them as Java's does (under `(?x)` past whitespace and `#` comments), and the escapes that
 * stand for one character (`\0oct`, `\xhh`, `\x{h..h}`, `\uXXXX`, `\N{name}`) and group names.
 * Pure; a syntax error is thrown as a {@link PatternFailure}.
 */

/** A syntax error, with Java's description and index. */
export class PatternFailure extends Error {
  constructor(
    readonly description: string,
    readonly index: number,
  ) {
    super(description);
  }
}

/** Inline flag bits; only (?d), (?c), (?x) and (?U) change how Java parses, the others change matching. */
export const FLAG_BITS: Readonly<Record<string, number>> = { i: 1, m: 2, s: 4, d: 8, u: 16, c: 32, x: 64, U: 128 | 16 };
export const [UNIX_LINES, CANON_EQ, COMMENTS, UNICODE_CLASS] = [8, 32, 64, 128];

/** The code of a one-character string. */
export const c = (s: string): number => s.charCodeAt(0);
/** Is `ch` one of the ASCII characters `chars`? */
export const oneOf = (ch: number, chars: string): boolean => ch > 0 && ch < 128 && chars.includes(String.fromCharCode(ch));
export const isDigit = (ch: number): boolean => ch >= 48 && ch <= 57;
export const isAlpha = (ch: number): boolean => (ch | 32) >= 97 && (ch | 32) <= 122;
const isHex = (ch: number): boolean => isDigit(ch) || ((ch | 32) >= 97 && (ch | 32) <= 102);
const isOctal = (ch: number): boolean => ch >= 48 && ch <= 55;
const isSpace = (ch: number): boolean => ch === 32 || (ch >= 9 && ch <= 13);
const hexValue = (ch: number): number => parseInt(String.fromCharCode(ch), 16);

/**
 * `\Q...\E` rewritten as Java does before it parses: quoted punctuation gets a backslash,
 * quoted letters stay as they are, a digit right after `\Q` becomes `\x3` and the digit.
 */
function unquote(cps: number[]): number[] {
  const n = cps.length;
  let i = 0;
  while (i < n - 1 && !(cps[i] === 92 && cps[i + 1] === c("Q"))) i += cps[i] === 92 ? 2 : 1;
  if (i >= n - 1) return cps;
  const out = cps.slice(0, i);
  let [quoting, begin] = [true, true];
  i += 2;
  while (i < n) {
    const ch = cps[i++]!;
    if (ch >= 128 || isAlpha(ch)) out.push(ch);
    else if (isDigit(ch)) out.push(...(begin ? [92, c("x"), c("3")] : []), ch);
    else if (ch !== 92) out.push(...(quoting ? [92] : []), ch);
    else if (quoting) {
      if (cps[i] === c("E")) [i, quoting] = [i + 1, false];
      else out.push(92, 92);
    } else if (cps[i] === c("Q")) {
      [i, quoting, begin] = [i + 1, true, true];
      continue;
    } else out.push(ch, ...(i !== n ? [cps[i++]!] : []));
    begin = false;
  }
  return out;
}

/** A cursor over a pattern's code points, ended by two zeros as Java's. */
export class JavaPatternScanner {
  protected readonly t: number[];
  protected readonly len: number;
  protected cur = 0;
  protected flags = 0;

  constructor(pattern: string) {
    const cps = unquote(Array.from(pattern, (ch) => ch.codePointAt(0)!));
    [this.len, this.t] = [cps.length, [...cps, 0, 0]];
  }

  /** The pattern's code points from `start` to `end` (excluded), as a string. */
  protected text(start: number, end: number): string {
    return this.t
      .slice(start, end)
      .map((cp) => String.fromCodePoint(cp))
      .join("");
  }

  protected fail(description: string): never {
    throw new PatternFailure(description, this.cur - 1);
  }
  protected has = (flag: number): boolean => (this.flags & flag) !== 0;
  protected at = (i: number): number => this.t[i] ?? 0;
  protected atEnd = (ch: number): boolean => ch === 0 && this.cur >= this.len;
  // Cursor steps, as Java's; under (?x) all but nextRaw and skip pass whitespace and comments.
  protected peek = (): number => this.pastSpace(this.at(this.cur), false);
  protected read = (): number => this.pastSpace(this.at(this.cur++), true);
  protected next = (): number => this.pastSpace(this.at(++this.cur), false);
  protected skip = (): number => this.at((this.cur += 2) - 1);
  protected unread = (): void => void this.cur--;

  /** Under (?x): past whitespace and `#` comments; `consumed` when `ch` was read (the cursor is past it). */
  private pastSpace(ch: number, consumed: boolean): number {
    if (!this.has(COMMENTS)) return ch;
    const step = (): number => (consumed ? this.at(this.cur++) : this.at(++this.cur));
    const lineEnd = (x: number): boolean => (this.has(UNIX_LINES) ? x === 10 : x === 10 || x === 13 || (x | 1) === 0x2029 || x === 0x85);
    while (isSpace(ch) || ch === c("#")) {
      while (isSpace(ch)) ch = step();
      if (ch !== c("#")) continue;
      do ch = step();
      while (ch !== 0 && !lineEnd(ch));
      if (ch === 0 && this.cur > this.len) {
        this.cur = this.len;
        ch = consumed ? this.at(this.cur++) : this.at(this.cur);
      }
    }
    return ch;
  }

  /** `\0` then one to three octal digits (three only up to `\0377`); the cursor is past the `0`. */
  protected octal(): number {
    const n = this.read();
    if (!isOctal(n)) this.fail("Illegal octal escape sequence");
    const m = this.read();
    if (!isOctal(m)) return (this.unread(), n - 48);
    const o = this.read();
    if (isOctal(o) && n <= c("3")) return (n - 48) * 64 + (m - 48) * 8 + (o - 48);
    return (this.unread(), (n - 48) * 8 + (m - 48));
  }

  /** `\x` then two hex digits or `{h...h}` up to 10FFFF; the cursor is past the `x`. */
  protected hex(): number {
    const n = this.read();
    if (isHex(n)) {
      const m = this.read();
      if (isHex(m)) return hexValue(n) * 16 + hexValue(m);
    } else if (n === c("{") && isHex(this.peek())) {
      let [cp, d] = [0, this.read()];
      for (; isHex(d); d = this.read()) if ((cp = cp * 16 + hexValue(d)) > 0x10ffff) this.fail("Hexadecimal codepoint is too big");
      return d === c("}") ? cp : this.fail("Unclosed hexadecimal escape sequence");
    }
    return this.fail("Illegal hexadecimal escape sequence");
  }

  /** `\u` then four hex digits, or a surrogate pair `\uD83D\uDE00`; the cursor is past the `u`. */
  protected unicode(): number {
    const four = (): number => {
      let v = 0;
      for (let i = 0; i < 4; i++) {
        const d = this.read();
        v = isHex(d) ? v * 16 + hexValue(d) : this.fail("Illegal Unicode escape sequence");
      }
      return v;
    };
    const [hi, back] = [four(), this.cur];
    if (hi < 0xd800 || hi > 0xdbff) return hi;
    if (this.read() === c("\\") && this.read() === c("u")) {
      const lo = four();
      if (lo >= 0xdc00 && lo <= 0xdfff) return 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
    }
    return ((this.cur = back), hi);
  }

  /** `\N{name}`; see the residual difference in `java-regex.ts`. The cursor is past the `N`. */
  protected characterName(): number {
    if (this.read() !== c("{")) this.fail("Illegal character name escape sequence");
    const start = this.cur;
    while (this.read() !== c("}")) if (this.cur >= this.len) this.fail("Unclosed character name escape sequence");
    const name = this.text(start, this.cur - 1);
    return /^[A-Za-z0-9 -]+$/.test(name.trim()) ? 0x41 : this.fail(`Unknown character name [${name}]`);
  }

  /** A group name, `ch` its first character: an ASCII letter, then ASCII letters and digits, then `>`. */
  protected groupName(ch: number): string {
    if (!isAlpha(ch)) this.fail("capturing group name does not start with a Latin letter");
    let name = "";
    do name += String.fromCharCode(ch);
    while (isAlpha((ch = this.read())) || isDigit(ch));
    return ch === c(">") ? name : this.fail("named capturing group is missing trailing '>'");
  }
}
