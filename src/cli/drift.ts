/**
 * The drift report: a plan read the other way round, for scheduled jobs. Each entry
 * is one response (method response or integration response) of one status code that
 * differs from the spec, with its state — `missing` (in the spec, not live),
 * `changed`, or `unexpected` (live, not in the spec, and the method is exclusive) — and
 * per field the value the spec expects and the value found live. Gateway responses the
 * same way, one entry per response type. With a stage (`drift --stage`), what that
 * stage serves against the live API: `undeployed` entries (a method, status code and
 * kind, or a gateway response type, that the stage serves otherwise than the live API
 * has it, within what the spec declares), and an entry when the stage does not exist,
 * serves no deployment, or serves one apigw-responses did not make (`foreign`). Pure:
 * the stage part is built from an inspection passed in.
 */
import type { GatewayResponseType } from "../gateway-responses";
import type { MethodSpec, FieldChange, MethodKey, Plan, ResponseKind } from "../model";
import { describeMethod } from "../model";
import type { ResourceSnapshot } from "../observe/reads";
import { escapeMarkdownCell, renderPlanMarkdown, type RenderOptions } from "../render";
import { gatewayOperationAction, operationAction } from "../render";
import type { StageInspection } from "../stage/inspect";
import { DIFFERENCE_KIND_TEXT, DIFFERENCE_STATE_TEXT, describeDifference, describeStageCondition, methodKey, stageConditionOf, type ComparisonScope, type StageDifference } from "../stage/view";
import type { GatewayResponsesOfFile } from "../validate";

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
  /** What the stage serves against the live API (`drift --stage`); absent without a stage. */
  readonly stage?: StageDrift;
}

/**
 * How a stage differs, for `drift --stage`:
 * - `stage-missing`: the stage does not exist;
 * - `no-deployment`: the stage exists and serves no deployment;
 * - `foreign`: the stage serves a deployment that apigw-responses did not make;
 * - `undeployed`: the stage serves a response otherwise than the live API has it.
 */
export type StageDriftState = "stage-missing" | "no-deployment" | "foreign" | "undeployed";

/** One entry of a stage's drift. */
export interface StageDriftEntry {
  readonly state: StageDriftState;
  /** `undeployed`: the method, `"GET /pets"` (method and integration responses). */
  readonly method?: string;
  /** `undeployed`: the status code (method and integration responses). */
  readonly statusCode?: string;
  /** `undeployed`: the gateway response type. */
  readonly responseType?: string;
  /** `undeployed`: which response. */
  readonly kind?: StageDifference["kind"];
  /**
   * `undeployed`: `changed` (the live API changed it since the deployment),
   * `not-deployed` (live has it, the stage does not), `deployed-only` (the stage
   * serves it, live no longer has it).
   */
  readonly difference?: StageDifference["state"];
  /** `foreign`: the deployment the stage serves. */
  readonly deploymentId?: string;
  /** One line naming the stage and the REST API. */
  readonly description: string;
}

/** What one stage serves against the live API, within the spec (see {@link stageDriftReport}). */
export interface StageDrift {
  readonly restApiId: string;
  readonly stageName: string;
  /** False when the stage does not exist. */
  readonly exists: boolean;
  /** The deployment the stage serves. */
  readonly deploymentId?: string;
  /** True when that deployment was not made by apigw-responses. */
  readonly foreign: boolean;
  /** Empty when the stage serves the live API (within the spec). */
  readonly entries: readonly StageDriftEntry[];
}

/**
 * What of a stage `drift --stage` compares: the methods the spec declares
 * (`"GET /pets"`; a method named by `resourceId` is mapped to its path with `resources`,
 * and left out when no live resource has that id), and the gateway response types it
 * declares: all when its gateway responses are exclusive, none when it has none.
 *
 * @param methods the spec's methods (of one REST API)
 * @param gatewayResponses the spec's gateway responses (undefined: the spec has none)
 * @param resources the live resources of the REST API (`inspection.live.api.resources`)
 */
export function stageScopeOf(methods: readonly MethodSpec[], gatewayResponses: GatewayResponsesOfFile | undefined, resources: readonly ResourceSnapshot[]): ComparisonScope {
  const pathOf = new Map(resources.map((r) => [r.id, r.path]));
  const keys = new Set<string>();
  for (const m of methods) {
    const path = m.path ?? (m.resourceId !== undefined ? pathOf.get(m.resourceId) : undefined);
    if (path !== undefined) keys.add(methodKey(m.httpMethod, path));
  }
  const gatewayTypes =
    gatewayResponses === undefined ? new Set<GatewayResponseType>() : gatewayResponses.exclusive ? undefined : new Set(Object.keys(gatewayResponses.responses) as GatewayResponseType[]);
  return { methods: keys, ...(gatewayTypes !== undefined ? { gatewayTypes } : {}) };
}

/** Is a difference within a scope (absent sets: all)? */
function inScope(d: StageDifference, scope: ComparisonScope): boolean {
  if (d.kind === "gatewayResponse") return scope.gatewayTypes === undefined || (d.responseType !== undefined && scope.gatewayTypes.has(d.responseType));
  return scope.methods === undefined || (d.method !== undefined && scope.methods.has(d.method));
}

/**
 * The stage part of a drift report, from an inspection (`inspectStage`) and the scope
 * of the spec ({@link stageScopeOf}): the stage missing, serving no deployment, or a
 * foreign one, then each difference within the scope as an `undeployed` entry.
 */
export function stageDriftReport(inspection: Pick<StageInspection, "restApiId" | "stageName" | "exists" | "deploymentId" | "foreign" | "differences">, scope: ComparisonScope = {}): StageDrift {
  const { restApiId, stageName, exists, deploymentId, foreign } = inspection;
  const stage = `stage ${stageName} of rest api ${restApiId}`;
  const entries: StageDriftEntry[] = [];
  const condition = stageConditionOf(inspection);
  if (condition !== undefined) {
    entries.push({ state: condition, ...(condition === "foreign" ? { deploymentId } : {}), description: `${stage} ${describeStageCondition(condition, deploymentId)}` });
  }
  for (const d of inspection.differences) {
    if (!inScope(d, scope)) continue;
    entries.push({
      state: "undeployed",
      ...(d.method !== undefined ? { method: d.method } : {}),
      ...(d.statusCode !== undefined ? { statusCode: d.statusCode } : {}),
      ...(d.responseType !== undefined ? { responseType: d.responseType } : {}),
      kind: d.kind,
      difference: d.state,
      description: `${stage}: ${describeDifference(d)}`,
    });
  }
  return { restApiId, stageName, exists, ...(deploymentId !== undefined ? { deploymentId } : {}), foreign, entries };
}

/** The fields of changes, as drift sees them (what the spec expects, what is live). */
function driftedFields(changes: readonly FieldChange[]): DriftedField[] {
  return changes.map((c) => ({ field: c.field, ...(c.desired !== undefined ? { expected: c.desired } : {}), ...(c.live !== undefined ? { live: c.live } : {}) }));
}

/**
 * Build the drift report of a plan (the plan from live to desired) and, with `drift
 * --stage`, of a stage ({@link stageDriftReport}): drifted when the plan has changes or
 * the stage has entries.
 */
export function driftOf(p: Plan, stage?: StageDrift): DriftReport {
  const report = planDriftOf(p);
  if (stage === undefined) return report;
  return { ...report, drifted: report.drifted || stage.entries.length > 0, stage };
}

/** The drift report of a plan alone. */
function planDriftOf(p: Plan): DriftReport {
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

/** `stage prod of rest api a1: 2 undeployed differences`, or what is wrong with the stage itself. */
function stageSummary(stage: StageDrift): string {
  const name = `stage ${stage.stageName} of rest api ${stage.restApiId}`;
  const condition = stageConditionOf(stage);
  if (condition === "stage-missing" || condition === "no-deployment") return `${name} ${describeStageCondition(condition)}`;
  const n = stage.entries.filter((e) => e.state === "undeployed").length;
  const parts = [...(condition === "foreign" ? [describeStageCondition(condition, stage.deploymentId)] : []), ...(n > 0 ? [`${n} undeployed difference${n === 1 ? "" : "s"}`] : [])];
  return parts.length === 0 ? `${name} serves the live API (deployment ${stage.deploymentId})` : `${name}: ${parts.join(", ")}`;
}


/** What an undeployed entry is about: `GET /pets 404 integration response`, `gateway response DEFAULT_4XX`. */
function undeployedSubject(e: StageDriftEntry): string {
  return e.kind === "gatewayResponse" || e.kind === undefined ? `gateway response ${e.responseType ?? "?"}` : `${e.method ?? "?"} ${e.statusCode ?? "?"} ${DIFFERENCE_KIND_TEXT[e.kind]}`;
}

/** One line of a stage entry, under the stage's heading. */
function stageEntryText(e: StageDriftEntry): string {
  switch (e.state) {
    case "stage-missing":
    case "no-deployment":
      return describeStageCondition(e.state);
    case "foreign":
      return `foreign: ${describeStageCondition(e.state, e.deploymentId)}`;
    case "undeployed":
      return `undeployed: ${undeployedSubject(e)} ${e.difference !== undefined ? DIFFERENCE_STATE_TEXT[e.difference] : ""}`.trimEnd();
  }
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
 * or `No drift: N method(s) match the spec.` With a stage, its summary ends the first
 * line and its block comes last:
 *
 * ```
 * DRIFT: 3 method(s) match the spec; stage prod of rest api a1: 1 undeployed difference
 * stage prod (rest api a1)
 *   undeployed: GET /pets 404 integration response changed since the deployment
 * ```
 */
export function renderDriftText(r: DriftReport): string {
  const apis = r.gatewayResponsesChecked;
  const checked = `${r.methodsChecked} method(s)${apis !== undefined ? ` and the gateway responses of ${apis} REST API(s)` : ""}`;
  const stage = r.stage;
  if (!r.drifted) return `No drift: ${checked} match the spec${stage !== undefined ? `; ${stageSummary(stage)}` : ""}.`;
  const count = r.methods.reduce((n, m) => n + m.entries.length, 0);
  const gateway = r.gatewayResponses ?? [];
  const gatewayCount = gateway.reduce((n, g) => n + g.entries.length, 0);
  const specDrifted = r.methods.length > 0 || gateway.length > 0;
  const lines = [
    "DRIFT: " +
      (specDrifted || stage === undefined
        ? `${r.methods.length} of ${r.methodsChecked} method(s) drifted (${count} response${count === 1 ? "" : "s"})` +
          (apis !== undefined ? `; gateway responses drifted on ${gateway.length} of ${apis} REST API(s) (${gatewayCount} response type${gatewayCount === 1 ? "" : "s"})` : "")
        : `${checked} match the spec`) +
      (stage !== undefined ? `; ${stageSummary(stage)}` : ""),
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
  if (stage !== undefined && stage.entries.length > 0) {
    lines.push(`stage ${stage.stageName} (rest api ${stage.restApiId})`);
    for (const e of stage.entries) lines.push(`  ${stageEntryText(e)}`);
  }
  lines.push(
    stage !== undefined && stage.entries.length > 0
      ? `Correct it with \`apigw-responses apply --spec FILE --deploy ${stage.stageName}\`.`
      : "Correct it with `apigw-responses apply --spec FILE` (or `pulumi up --refresh`).",
  );
  return lines.join("\n");
}

/**
 * The markdown rendering: the plan's tables (live value | desired value) under a drift
 * title; with a stage, a section after them: `### Stage prod (rest api a1)` and a table
 * `method or gateway response | status code | response | state`, or one line saying
 * that the stage serves the live API.
 */
export function renderDriftMarkdown(p: Plan, options: RenderOptions = {}, stage?: StageDrift): string {
  const md = renderPlanMarkdown(p, { ...options, title: "API Gateway responses drift" });
  if (stage === undefined) return md;
  const lines = [`### Stage ${escapeMarkdownCell(stage.stageName)} (rest api ${escapeMarkdownCell(stage.restApiId)})`, ""];
  if (stage.entries.length === 0) lines.push(`${escapeMarkdownCell(stageSummary(stage))}.`);
  else {
    lines.push("| method or gateway response | status code | response | state |", "|---|---|---|---|");
    for (const e of stage.entries) {
      if (e.state !== "undeployed") {
        lines.push(`| — | | | ${escapeMarkdownCell(stageEntryText(e))} |`);
        continue;
      }
      const gatewayResponse = e.kind === "gatewayResponse";
      const subject = gatewayResponse ? `gateway response ${e.responseType ?? "?"}` : (e.method ?? "?");
      const state = `undeployed: ${e.difference !== undefined ? DIFFERENCE_STATE_TEXT[e.difference] : ""}`.trimEnd();
      lines.push(
        `| ${escapeMarkdownCell(subject)} | ${gatewayResponse ? "" : escapeMarkdownCell(e.statusCode ?? "")} | ${e.kind !== undefined ? DIFFERENCE_KIND_TEXT[e.kind] : ""} | ${escapeMarkdownCell(state)} |`,
      );
    }
  }
  return `${md}\n${lines.join("\n")}\n`;
}
