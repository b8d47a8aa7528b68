/**
 * The drift report: a plan read the other way round, for scheduled jobs. Each entry
 * is one response (method response or integration response) of one status code that
 * differs from the spec, with its state — `missing` (in the spec, not live),
 * `changed`, or `unexpected` (live, not in the spec, and the method is exclusive) — and
 * per field the value the spec expects and the value found live. Gateway responses the
 * same way, one entry per response type. Pure.
 */
import type { FieldChange, MethodKey, Plan, ResponseKind } from "../model";
import { describeMethod } from "../model";
import { renderPlanMarkdown, type RenderOptions } from "../render";
import { gatewayOperationAction, operationAction } from "../render";

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

/** One drifted gateway response: a type whose customization differs from the spec. */
export interface GatewayResponseDriftEntry {
  readonly responseType: string;
  /** `missing`: desired, not customized live; `changed`: customized otherwise; `unexpected`: customized, not in an exclusive spec. */
  readonly state: DriftState;
  /** The call that would correct it, `PutGatewayResponse` or `DeleteGatewayResponse`. */
  readonly correction: readonly string[];
  readonly fields: readonly DriftedField[];
}

/** The drift of one REST API's gateway responses. */
export interface GatewayResponsesDrift {
  readonly restApiId: string;
  readonly entries: readonly GatewayResponseDriftEntry[];
}

/** The drift of a spec's methods and gateway responses (only what drifted is listed). */
export interface DriftReport {
  readonly drifted: boolean;
  /** Methods checked. */
  readonly methodsChecked: number;
  readonly methods: readonly MethodDrift[];
  /** REST APIs whose gateway responses were checked (absent when the spec has none). */
  readonly gatewayResponsesChecked?: number;
  /** The REST APIs whose gateway responses drifted (absent when the spec has none). */
  readonly gatewayResponses?: readonly GatewayResponsesDrift[];
}

/** The fields of changes, as drift sees them (what the spec expects, what is live). */
function driftedFields(changes: readonly FieldChange[]): DriftedField[] {
  return changes.map((c) => ({ field: c.field, ...(c.desired !== undefined ? { expected: c.desired } : {}), ...(c.live !== undefined ? { live: c.live } : {}) }));
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
      for (const f of driftedFields(op.changes)) if (!e.fields.some((x) => x.field === f.field)) e.fields.push(f);
    }
    const entries = [...byResponse.values()].sort((a, b) => (a.statusCode === b.statusCode ? a.kind.localeCompare(b.kind) : a.statusCode < b.statusCode ? -1 : 1));
    methods.push({ key: m.key, ...(m.path !== undefined ? { path: m.path } : {}), entries });
  }
  if (p.gatewayResponses === undefined) return { drifted: methods.length > 0, methodsChecked: p.methods.length, methods };
  const gatewayResponses = p.gatewayResponses
    .filter((g) => g.operations.length > 0)
    .map((g) => ({
      restApiId: g.restApiId,
      entries: g.operations.map((op) => {
        const action = gatewayOperationAction(op);
        const state: DriftState = action === "create" ? "missing" : action === "delete" ? "unexpected" : "changed";
        return { responseType: op.responseType, state, correction: [op.kind], fields: driftedFields(op.changes) };
      }),
    }));
  return { drifted: methods.length > 0 || gatewayResponses.length > 0, methodsChecked: p.methods.length, methods, gatewayResponsesChecked: p.gatewayResponses.length, gatewayResponses };
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
  const apis = r.gatewayResponsesChecked;
  const checked = `${r.methodsChecked} method(s)${apis !== undefined ? ` and the gateway responses of ${apis} REST API(s)` : ""}`;
  if (!r.drifted) return `No drift: ${checked} match the spec.`;
  const count = r.methods.reduce((n, m) => n + m.entries.length, 0);
  const gateway = r.gatewayResponses ?? [];
  const gatewayCount = gateway.reduce((n, g) => n + g.entries.length, 0);
  const lines = [
    `DRIFT: ${r.methods.length} of ${r.methodsChecked} method(s) drifted (${count} response${count === 1 ? "" : "s"})` +
      (apis !== undefined ? `; gateway responses drifted on ${gateway.length} of ${apis} REST API(s) (${gatewayCount} response type${gatewayCount === 1 ? "" : "s"})` : ""),
  ];
  for (const m of r.methods) {
    lines.push(describeMethod(m.key, m.path));
    for (const e of m.entries) {
      const what = e.state === "unexpected" ? "unexpected (not in the spec)" : e.state;
      lines.push(`  ${e.statusCode} ${KIND_NAME[e.kind]} ${what}`);
      for (const f of e.fields) lines.push(`      ${f.field}: expected ${show(f.expected)}, live ${show(f.live)}`);
    }
  }
  for (const g of gateway) {
    lines.push(`gateway responses (rest api ${g.restApiId})`);
    for (const e of g.entries) {
      const what = e.state === "missing" ? "not customized" : e.state === "unexpected" ? "customized, not in the spec" : "changed";
      lines.push(`  ${e.responseType} ${what}`);
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
