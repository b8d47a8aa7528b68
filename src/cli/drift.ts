/**
 * The drift report: a plan read the other way round, for scheduled jobs. Each entry
 * is one response (method response or integration response) of one status code that
 * differs from the spec, with its state — `missing` (in the spec, not live),
 * `changed`, or `unexpected` (live, not in the spec, and the method is exclusive) — and
 * per field the value the spec expects and the value found live. Pure.
 */
import type { MethodKey, Plan, ResponseKind } from "../model";
import { describeMethod } from "../model";
import { renderPlanMarkdown, type RenderOptions } from "../render";
import { operationAction } from "../render";

/** How a response drifted. */
export type DriftState = "missing" | "changed" | "unexpected";

/** One drifted field: the value the spec expects and the one found live (undefined = absent). */
export interface DriftedField {
  readonly field: string;
  readonly expected?: unknown;
  readonly live?: unknown;
}

/** One drifted response of one status code. */
export interface DriftEntry {
  readonly statusCode: string;
  readonly kind: ResponseKind;
  readonly state: DriftState;
  /** The call that would correct it (`apigw-responses apply`), e.g. `PutIntegrationResponse`. */
  readonly correction: readonly string[];
  readonly fields: readonly DriftedField[];
}

/** The drift of one method. */
export interface MethodDrift {
  readonly key: MethodKey;
  readonly path?: string;
  readonly entries: readonly DriftEntry[];
}

/** The drift of a spec's methods (only the methods that drifted are listed). */
export interface DriftReport {
  readonly drifted: boolean;
  /** Methods checked. */
  readonly methodsChecked: number;
  readonly methods: readonly MethodDrift[];
}

/** Build the drift report of a plan (the plan from live to desired). */
export function driftOf(p: Plan): DriftReport {
  const methods: MethodDrift[] = [];
  for (const m of p.methods) {
    if (m.operations.length === 0) continue;
    const byResponse = new Map<string, { statusCode: string; kind: ResponseKind; state: DriftState; correction: string[]; fields: DriftedField[] }>();
    for (const op of m.operations) {
      const kind: ResponseKind = op.kind.endsWith("IntegrationResponse") ? "integrationResponse" : "methodResponse";
      const action = operationAction(op);
      const state: DriftState = action === "create" ? "missing" : action === "delete" ? "unexpected" : "changed";
      const id = `${op.statusCode}\u0000${kind}`;
      let e = byResponse.get(id);
      if (!e) byResponse.set(id, (e = { statusCode: op.statusCode, kind, state, correction: [], fields: [] }));
      if (!e.correction.includes(op.kind)) e.correction.push(op.kind);
      for (const c of op.changes) {
        if (e.fields.some((f) => f.field === c.field)) continue;
        e.fields.push({ field: c.field, ...(c.desired !== undefined ? { expected: c.desired } : {}), ...(c.live !== undefined ? { live: c.live } : {}) });
      }
    }
    const entries = [...byResponse.values()].sort((a, b) => (a.statusCode === b.statusCode ? a.kind.localeCompare(b.kind) : a.statusCode < b.statusCode ? -1 : 1));
    methods.push({ key: m.key, ...(m.path !== undefined ? { path: m.path } : {}), entries });
  }
  return { drifted: methods.length > 0, methodsChecked: p.methods.length, methods };
}

const KIND_NAME: Record<ResponseKind, string> = { methodResponse: "method response", integrationResponse: "integration response" };

function show(v: unknown): string {
  if (v === undefined) return "(absent)";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

/**
 * The text rendering, one block per drifted method:
 *
 * ```
 * DRIFT: 1 of 3 method(s) drifted (2 responses)
 * GET /pets (rest api a1, resource r1)
 *   404 integration response changed
 *       responseTemplates.application/json: expected "{...}", live "{...}"
 *   500 method response missing
 * ```
 * or `No drift: N method(s) match the spec.`
 */
export function renderDriftText(r: DriftReport): string {
  if (!r.drifted) return `No drift: ${r.methodsChecked} method(s) match the spec.`;
  const count = r.methods.reduce((n, m) => n + m.entries.length, 0);
  const lines = [`DRIFT: ${r.methods.length} of ${r.methodsChecked} method(s) drifted (${count} response${count === 1 ? "" : "s"})`];
  for (const m of r.methods) {
    lines.push(describeMethod(m.key, m.path));
    for (const e of m.entries) {
      const what = e.state === "unexpected" ? "unexpected (not in the spec)" : e.state;
      lines.push(`  ${e.statusCode} ${KIND_NAME[e.kind]} ${what}`);
      for (const f of e.fields) lines.push(`      ${f.field}: expected ${show(f.expected)}, live ${show(f.live)}`);
    }
  }
  lines.push("Correct it with `apigw-responses apply --spec FILE` (or `pulumi up --refresh`).");
  return lines.join("\n");
}

/** The markdown rendering: the plan's tables (live value | desired value) under a drift title. */
export function renderDriftMarkdown(p: Plan, options: RenderOptions = {}): string {
  return renderPlanMarkdown(p, { ...options, title: "API Gateway responses drift" });
}
