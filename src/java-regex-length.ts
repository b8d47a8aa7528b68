/**
 * Java's length analysis of a regular expression (`Pattern.TreeInfo` and `Node.study`), for
 * `java-regex.ts`, reduced to what Java's verdict needs (AWS-29): a lookbehind must have "an
 * obvious maximum length", and a repeated group is analysed as a loop, which has none, when its
 * width is not fixed. The maximum is kept in 32-bit arithmetic, overflow included, because
 * Java's is: `(?<=a*)` passes (one character, 2^31-1 times, fits), `(?<=(?:ab)*)` does not.
 */

/** Java's bound of an unbounded quantifier. */
export const MAX_REPS = 0x7fffffff;

/** A node of the analysis; a chain of spans is a sequence, what follows a branch is the rest of its chain. */
export type Span =
  | { readonly k: "len"; readonly n: number } // at most n more code points (a class is 1, \R is 2)
  | { readonly k: "varies" } // \X, or a class under (?c): width not fixed, maximum not counted
  | { readonly k: "backref" } // no maximum
  | { readonly k: "ques"; readonly atom: readonly Span[]; readonly atomic: boolean } // x? (width not fixed) and (?>x)
  | { readonly k: "greedy1" } // greedy *, + or {n,} of one character: Java adds 2^31-1 without an overflow check
  | { readonly k: "curly"; readonly atom: readonly Span[]; readonly min: number; readonly max: number }
  | { readonly k: "loop" } // a repeated group whose width is not fixed: no maximum, and Java looks no further
  | { readonly k: "branch"; readonly alts: readonly (readonly Span[])[] };

/** The outcome of the analysis. */
export interface SpanLength {
  /** The maximum length, 32-bit as Java's (it may have wrapped around). */
  max: number;
  /** Whether the maximum is valid (Java's `maxValid`): what a lookbehind needs. */
  valid: boolean;
  /** Whether the width is fixed (Java's `deterministic`): what a repeated group needs not to be a loop. */
  fixed: boolean;
}

const fresh = (): SpanLength => ({ max: 0, valid: true, fixed: true });

/** The length of a chain of spans, as Java's analysis finds it. */
export function spanLength(chain: readonly Span[]): SpanLength {
  const info = fresh();
  study(chain, info);
  return info;
}

/** Java's `study` of `chain`, continuing from `info`. */
function study(chain: readonly Span[], info: SpanLength): void {
  for (let i = 0; i < chain.length; i++) {
    const s = chain[i]!;
    if (s.k === "len") info.max = (info.max + s.n) | 0;
    else if (s.k === "varies") info.fixed = false;
    else if (s.k === "backref") info.valid = false;
    else if (s.k === "greedy1") [info.max, info.fixed] = [info.valid ? (info.max + MAX_REPS) | 0 : info.max, false];
    else if (s.k === "ques") {
      study(s.atom, info);
      info.fixed &&= s.atomic;
    } else if (s.k === "curly") {
      const before = { ...info };
      const atom = spanLength(s.atom);
      [info.max, info.valid] = [atom.max, before.valid && atom.valid];
      if (info.valid) {
        info.max = (Math.imul(atom.max, s.max) + before.max) | 0;
        info.valid = info.max >= before.max;
      }
      info.fixed = atom.fixed && s.min === s.max && before.fixed;
    } else if (s.k === "loop") {
      [info.valid, info.fixed] = [false, false];
      return;
    } else {
      let [widest, valid] = [-1, info.valid];
      for (const alt of s.alts) {
        const a = spanLength(alt);
        [widest, valid] = [Math.max(widest, a.max), valid && a.valid];
      }
      const before = (info.max + widest) | 0;
      const rest = spanLength(chain.slice(i + 1));
      [info.max, info.valid, info.fixed] = [(rest.max + before) | 0, rest.valid && valid, false];
      return;
    }
  }
}
