/**
 * How validation reports: {@link Failures} collects `{ property, reason }` entries
 * (values quoted with {@link showValue}, or hidden when the input holds secrets), and
 * the check of well-formed Unicode, which every string and key of a spec shares. Pure.
 */
import type { ValidationFailure } from "../model";
import { escapeUnsafe } from "../text";

/** A value for a message: JSON, unsafe characters escaped (`\u202e`), truncated to 60 characters. */
export function showValue(value: unknown): string {
  let s: string;
  if (value === undefined) s = "undefined";
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  s = escapeUnsafe(s);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The JSON type of a value, for messages. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A plain object (not null, not an array)? */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Collects failures under a prefix. */
export class Failures {
  readonly list: ValidationFailure[] = [];
  /** @param hideValues never quote a value (the input holds secrets) */
  constructor(readonly hideValues = false) {}
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }
  /** A value for a message; `(a secret value)` when values are hidden. */
  show(value: unknown): string {
    return this.hideValues ? "(a secret value)" : showValue(value);
  }
}

/** Join a property path (a name's unsafe characters escaped). */
export function at(prefix: string, name: string): string {
  const shown = escapeUnsafe(name);
  return prefix === "" ? shown : `${prefix}.${shown}`;
}

/** A UTF-16 surrogate without its pair: the string is not valid Unicode and cannot be sent as UTF-8. */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Report every key and string value under `value` that is not valid Unicode (a lone surrogate, e.g. from bytes that were not UTF-8). */
export function checkWellFormed(f: Failures, value: unknown, property: string): void {
  if (typeof value === "string") {
    if (LONE_SURROGATE_RE.test(value)) f.add(property, `${f.show(value)} is not valid Unicode (a lone surrogate): it cannot be sent as UTF-8`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => checkWellFormed(f, v, `${property}[${i}]`));
  if (!isObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (LONE_SURROGATE_RE.test(k)) f.add(at(property, k), `the key ${f.show(k)} is not valid Unicode (a lone surrogate): it cannot be sent as UTF-8`);
    else checkWellFormed(f, v, at(property, k));
  }
}
