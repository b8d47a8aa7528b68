/**
 * Text that is safe to show: control characters (C0 and C1, ANSI escapes among
 * them), bidirectional controls and zero-width characters from a spec, a live
 * response or an AWS message are shown escaped (`\u001b`, `\u202e`), never raw,
 * so that they cannot recolour a terminal, reorder a line or hide text.
 */

/** The characters never written raw. Newline and tab are allowed where {@link escapeUnsafe} keeps layout. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Escape the unsafe characters of a text as `\uXXXX`.
 *
 * @param s the text
 * @param options `layout: true` keeps newline and tab (multi-line messages); default: every control character is escaped
 */
export function escapeUnsafe(s: string, options: { layout?: boolean } = {}): string {
  return s.replace(options.layout ? UNSAFE : UNSAFE_ALL, escape);
}
