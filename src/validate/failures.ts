/**
 * How validation reports: {@link Failures} collects `{ property, reason }` entries
 * (values quoted with {@link showValue}, or hidden when the input holds secrets), and
 * the checks every kind of field shares — unknown fields, strings, maps and their
 * entries, well-formed Unicode. Pure.
 */
import type { ValidationFailure } from "../model";
import { escapeUnsafe } from "../text";
import { CONTROL_RE } from "./grammar";

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

/** Report unknown fields of an object. */
export function checkUnknown(f: Failures, obj: Record<string, unknown>, allowed: readonly string[], prefix: string, what: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      f.add(at(prefix, k), `unknown field ${f.show(k)} in ${what} (allowed: ${allowed.join(", ")})`);
    }
  }
}

/** Check an optional-or-required string without control characters. Returns the string when valid. */
export function checkString(f: Failures, value: unknown, property: string, field: string, nonEmpty: boolean): string | undefined {
  if (typeof value !== "string") {
    f.add(property, `${field} must be a string, got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  if (nonEmpty && value.length === 0) {
    f.add(property, `${field} must be a non-empty string`);
    return undefined;
  }
  if (CONTROL_RE.test(value)) {
    f.add(property, `${field} ${f.show(value)} must not contain control characters`);
    return undefined;
  }
  return value;
}

/** Check a map's shape; returns it when it is an object. */
export function checkMap(f: Failures, value: unknown, property: string, field: string): Record<string, unknown> | undefined {
  if (!isObject(value)) {
    f.add(property, `${field} must be an object (a map), got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  return value;
}

/**
 * When `value` has the field `field`, check that it is a map, then call `entry` on
 * each of its entries with the entry's property path.
 */
export function forEachEntry(f: Failures, value: Record<string, unknown>, field: string, prefix: string, entry: (key: string, v: unknown, property: string) => void): void {
  if (!hasOwn(value, field)) return;
  const p = at(prefix, field);
  const map = checkMap(f, value[field], p, field);
  if (map === undefined) return;
  for (const [k, v] of Object.entries(map)) entry(k, v, at(p, k));
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
