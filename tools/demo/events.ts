/**
 * What the demo prints of a Pulumi operation, from the engine's structured events (the
 * Automation API's `onEvent`) rather than from its human output: the resources a
 * preview would change with their changed properties, and the change summary.
 */
import type { EngineEvent, OpMap, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";

/** The marks Pulumi shows for each kind of step. */
const MARKS: Partial<Record<OpType, string>> = {
  create: "+",
  update: "~",
  delete: "-",
  replace: "+-",
  "create-replacement": "++",
  "delete-replaced": "--",
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** A JSON object or array held in a string (a mapping template), parsed; undefined otherwise. */
function jsonIn(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== "string" || !["{", "["].includes(v.trimStart()[0] ?? "")) return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : isObject(v) ? JSON.stringify(v) : String(v));

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The keys of an object in Pulumi's display order (sorted), without the dynamic provider's own (`__provider`, …). */
const keysOf = (...objects: Record<string, unknown>[]) => [...new Set(objects.flatMap((o) => Object.keys(o)))].filter((k) => !k.startsWith("__")).sort();

/** `mark key: value` lines of a whole value added (+) or removed (-), nested objects opened with `{`. */
function wholeValue(mark: "+" | "-", key: string, value: unknown, indent: string): string[] {
  if (!isObject(value)) return [`${indent}${mark} ${key}: ${show(value)}`];
  return [`${indent}${mark} ${key}: {`, ...keysOf(value).flatMap((k) => wholeValue(mark, k, value[k], `${indent}    `))];
}

/**
 * The changed properties between `olds` and `news`, one line per change, nested
 * objects (and JSON held in strings, as mapping templates are) opened as `~ key: {`:
 * `~ key: old => new`, `+ key: value`, `- key: value`.
 */
export function propertyDiff(olds: Record<string, unknown>, news: Record<string, unknown>, indent = ""): string[] {
  const out: string[] = [];
  for (const key of keysOf(olds, news)) {
    const [a, b] = [olds[key], news[key]];
    if (same(a, b)) continue;
    if (a === undefined) out.push(...wholeValue("+", key, b, indent));
    else if (b === undefined) out.push(...wholeValue("-", key, a, indent));
    else if (isObject(a) && isObject(b)) out.push(`${indent}~ ${key}: {`, ...propertyDiff(a, b, `${indent}    `));
    else if (jsonIn(a) && jsonIn(b)) out.push(`${indent}~ ${key}: (json) {`, ...propertyDiff(jsonIn(a)!, jsonIn(b)!, `${indent}    `));
    else out.push(`${indent}~ ${key}: ${show(a)} => ${show(b)}`);
  }
  return out;
}

/** The name of a resource: the last part of its URN. */
const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/**
 * The resources that the steps of `events` change (not the stack, not refreshes or
 * unchanged ones), each as `~ ResponseSet get-pet (update)`, then its changed inputs.
 */
export function changedResources(events: readonly EngineEvent[], maxLines = 40): string[] {
  const steps = new Map<string, StepEventMetadata>();
  for (const e of events) {
    const m = e.resourcePreEvent?.metadata;
    if (m && MARKS[m.op] !== undefined && m.type !== "pulumi:pulumi:Stack") steps.set(`${m.urn} ${m.op}`, m);
  }
  const out: string[] = [];
  for (const m of steps.values()) {
    out.push(`${MARKS[m.op]} ${m.type.slice(m.type.lastIndexOf(":") + 1)} ${nameOf(m.urn)} (${m.op})`);
    out.push(...propertyDiff(m.old?.inputs ?? {}, m.new?.inputs ?? {}, "  "));
  }
  return out.length > maxLines ? [...out.slice(0, maxLines), `    … (${out.length - maxLines} more lines)`] : out;
}

/** The summary event's change counts, as the `Resources:` block Pulumi prints (`preview`: "to create", …). */
export function changeSummary(changes: OpMap | undefined, preview = false): string[] {
  if (!changes) return [];
  const rows: [OpType, string, string, string][] = [
    ["create", "+ ", "created", "to create"],
    ["update", "~ ", "updated", "to update"],
    ["delete", "- ", "deleted", "to delete"],
    ["replace", "+-", "replaced", "to replace"],
    ["same", "", "unchanged", "unchanged"],
  ];
  const lines = rows.flatMap(([op, mark, done, planned]) => ((changes[op] ?? 0) > 0 ? [`  ${mark}${changes[op]} ${preview ? planned : done}`] : []));
  return lines.length > 0 ? ["Resources:", ...lines] : [];
}

/** The summary event among `events`, if any. */
export const summaryOf = (events: readonly EngineEvent[]) => events.find((e) => e.summaryEvent)?.summaryEvent;
