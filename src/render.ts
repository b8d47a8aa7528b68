/**
 * Renderings of a {@link Plan}: plain text for terminals, stable JSON for machines,
 * and markdown tables for pull-request comments. Pure.
 */
import type { GatewayResponseOperation, GatewayResponsesPlan } from "./gateway-responses";
import type { FieldChange, MethodPlan, Operation, OperationKind, PatchOperation, Plan } from "./model";
import { describeMethod } from "./model";
import { sortDeep } from "./normalize";
import { escapeUnsafe } from "./text";
import { patchPathField } from "./patch";
import { countOperations, isInSync } from "./plan";

/** What an operation does to its object. */
export type OperationAction = "create" | "update" | "replace" | "delete";

/**
 * The action of an operation: `PutMethodResponse` creates, `UpdateMethodResponse`
 * updates, `PutIntegrationResponse` creates or (when one exists, AWS-2) replaces, deletes delete.
 */
export function operationAction(op: Operation): OperationAction {
  switch (op.kind) {
    case "PutMethodResponse":
      return "create";
    case "UpdateMethodResponse":
      return "update";
    case "PutIntegrationResponse":
      return op.overwrites === true ? "replace" : "create";
    case "DeleteMethodResponse":
    case "DeleteIntegrationResponse":
      return "delete";
  }
}

/**
 * The action of a gateway-response operation: a put customizes a type (`create`) or
 * overwrites its customization (`replace`, AWS-35); a delete resets it to its default.
 */
export function gatewayOperationAction(op: GatewayResponseOperation): OperationAction {
  return op.kind === "DeleteGatewayResponse" ? "delete" : op.overwrites ? "replace" : "create";
}

/** What a gateway-response operation does, for display. */
function gatewayObjectName(op: GatewayResponseOperation): string {
  return op.kind === "DeleteGatewayResponse" ? "customization: reset to the default" : op.overwrites ? "customization" : "customization of the default";
}

/** The heading of a REST API's gateway responses. */
function gatewayTitle(g: GatewayResponsesPlan): string {
  return `gateway responses (rest api ${g.restApiId})`;
}

/** The one-character marker of an action: `+` create, `~` update or replace, `-` delete. */
export function actionSymbol(action: OperationAction): "+" | "~" | "-" {
  return action === "create" ? "+" : action === "delete" ? "-" : "~";
}

/** The response kind an operation writes, for display. */
function objectName(kind: OperationKind): string {
  return kind.endsWith("IntegrationResponse") ? "integration response" : "method response";
}

/** Options shared by the renderings. */
export interface RenderOptions {
  /**
   * Says whether a field's values are secret (e.g. a static header value carrying a
   * key). Secret values are shown as {@link RenderOptions.mask}. Receives the field
   * (`responseParameters.method.response.header.X`), the status code and the operation kind.
   */
  readonly isSecret?: (field: string, statusCode: string, kind: OperationKind) => boolean;
  /** What secret values are shown as; default `"(secret)"`. */
  readonly mask?: string;
  /** Longest value shown (characters), longer ones are cut with `…`; default 80. */
  readonly maxValueLength?: number;
}

const ABSENT = "(absent)";

/** Cut `s` to `max` characters, marking the cut. */
function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}

/** A value for display: strings as JSON strings (quotes and escapes visible), absent as `(absent)`. */
function displayValue(v: unknown, secret: boolean, options: RenderOptions): string {
  if (v === undefined) return ABSENT;
  if (secret) return options.mask ?? "(secret)";
  return truncate(JSON.stringify(v) ?? String(v), options.maxValueLength ?? 80);
}

function secretOf(options: RenderOptions, op: Operation, c: FieldChange): boolean {
  return options.isSecret?.(c.field, op.statusCode, op.kind) === true;
}

/** The heading of a method: `GET /users (rest api a1, resource r1)`. */
function methodTitle(m: MethodPlan): string {
  return describeMethod(m.key, m.path);
}

/** Totals by action, e.g. `Plan: 2 to create, 1 to update, 0 to replace, 1 to delete.` */
function summary(p: Plan): string {
  const n: Record<OperationAction, number> = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const m of p.methods) for (const op of m.operations) n[operationAction(op)] += 1;
  for (const g of p.gatewayResponses ?? []) for (const op of g.operations) n[gatewayOperationAction(op)] += 1;
  return `Plan: ${n.create} to create, ${n.update} to update, ${n.replace} to replace, ${n.delete} to delete.`;
}

/**
 * Human-readable plan: per method with changes, a heading line, then one line per
 * operation (`+` create, `~` update/replace, `-` delete, with the call and the status
 * code), each followed by its field changes indented (`field: live → desired`), then
 * a summary line. `"No changes."` when the plan is in sync.
 *
 * The gateway responses of a REST API follow its methods, one line per response type.
 *
 * Example:
 * ```
 * GET /users (rest api a1, resource r1)
 *   + PutMethodResponse 201 (create method response)
 *       responseParameters.method.response.header.X: (absent) → true
 * gateway responses (rest api a1)
 *   + PutGatewayResponse DEFAULT_4XX (create customization of the default)
 *       defaultResponse: true → false
 *       responseParameters.gatewayresponse.header.Access-Control-Allow-Origin: (absent) → "'*'"
 * Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.
 * ```
 */
export function renderPlanText(p: Plan, options: RenderOptions = {}): string {
  if (isInSync(p)) return "No changes.";
  const lines: string[] = [];
  for (const m of p.methods) {
    if (m.operations.length === 0) continue;
    lines.push(methodTitle(m));
    for (const op of m.operations) {
      const action = operationAction(op);
      lines.push(`  ${actionSymbol(action)} ${op.kind} ${op.statusCode} (${action} ${objectName(op.kind)})`);
      for (const c of op.changes) {
        const secret = secretOf(options, op, c);
        lines.push(`      ${c.field}: ${displayValue(c.live, secret, options)} → ${displayValue(c.desired, secret, options)}`);
      }
    }
  }
  for (const g of p.gatewayResponses ?? []) {
    if (g.operations.length === 0) continue;
    lines.push(gatewayTitle(g));
    for (const op of g.operations) {
      const action = gatewayOperationAction(op);
      lines.push(`  ${actionSymbol(action)} ${op.kind} ${op.responseType} (${action} ${gatewayObjectName(op)})`);
      for (const c of op.changes) lines.push(`      ${c.field}: ${displayValue(c.live, false, options)} → ${displayValue(c.desired, false, options)}`);
    }
  }
  lines.push(summary(p));
  return lines.join("\n");
}

/** One operation in {@link PlanJson}. */
export interface PlanJsonOperation {
  readonly kind: OperationKind;
  readonly action: OperationAction;
  readonly statusCode: string;
  readonly changes: readonly FieldChange[];
  /** `UpdateMethodResponse` only. */
  readonly patch?: readonly PatchOperation[];
  /** `PutMethodResponse` / `PutIntegrationResponse`: the full object sent. */
  readonly body?: unknown;
}

/** One gateway-response operation in {@link PlanJson}. */
export interface PlanJsonGatewayOperation {
  readonly kind: GatewayResponseOperation["kind"];
  readonly action: OperationAction;
  readonly responseType: string;
  readonly changes: readonly FieldChange[];
  /** `PutGatewayResponse`: the full customization sent. */
  readonly body?: unknown;
}

/** The JSON rendering of a plan (see {@link planToJson}). */
export interface PlanJson {
  readonly inSync: boolean;
  readonly operationCount: number;
  /** Present when the plan covers gateway responses: one entry per REST API. */
  readonly gatewayResponses?: readonly { readonly restApiId: string; readonly operations: readonly PlanJsonGatewayOperation[] }[];
  readonly methods: readonly {
    readonly restApiId: string;
    readonly resourceId: string;
    readonly httpMethod: string;
    readonly path?: string;
    readonly operations: readonly PlanJsonOperation[];
  }[];
}

/**
 * A stable, JSON-serializable rendering of a plan: object keys sorted at every level,
 * operations in plan order, absent values left out. Secret values (see
 * {@link RenderOptions.isSecret}) are replaced by the mask in `changes` and in put bodies' parameters.
 */
export function planToJson(p: Plan, options: RenderOptions = {}): PlanJson {
  const mask = options.mask ?? "(secret)";
  const methods = p.methods.map((m) => ({
    restApiId: m.key.restApiId,
    resourceId: m.key.resourceId,
    httpMethod: m.key.httpMethod,
    ...(m.path === undefined ? {} : { path: m.path }),
    operations: m.operations.map((op): PlanJsonOperation => {
      const changes = op.changes.map((c) => {
        if (!secretOf(options, op, c)) return c;
        return { field: c.field, ...(c.live === undefined ? {} : { live: mask }), ...(c.desired === undefined ? {} : { desired: mask }) };
      });
      const base = { kind: op.kind, action: operationAction(op), statusCode: op.statusCode, changes };
      if (op.kind === "UpdateMethodResponse") {
        const patch = op.patch.map((x) =>
          x.value !== undefined && options.isSecret?.(patchPathField(x.path), op.statusCode, op.kind) === true ? { ...x, value: mask } : x,
        );
        return { ...base, patch };
      }
      if (op.kind === "PutMethodResponse") return { ...base, body: op.methodResponse };
      if (op.kind === "PutIntegrationResponse") return { ...base, body: maskBody(op.integrationResponse, op, options) };
      return base;
    }),
  }));
  const gateway = p.gatewayResponses?.map((g) => ({
    restApiId: g.restApiId,
    operations: g.operations.map(
      (op): PlanJsonGatewayOperation => ({
        kind: op.kind,
        action: gatewayOperationAction(op),
        responseType: op.responseType,
        changes: op.changes,
        ...(op.kind === "PutGatewayResponse" ? { body: op.gatewayResponse } : {}),
      }),
    ),
  }));
  return sortDeep({ inSync: isInSync(p), operationCount: countOperations(p), methods, ...(gateway ? { gatewayResponses: gateway } : {}) }) as PlanJson;
}

/** An integration response body with secret parameter and template values masked. */
function maskBody(body: Extract<Operation, { kind: "PutIntegrationResponse" }>["integrationResponse"], op: Operation, options: RenderOptions): unknown {
  if (options.isSecret === undefined) return body;
  const mask = options.mask ?? "(secret)";
  const maskMap = (area: string, m: Record<string, string>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, options.isSecret?.(`${area}.${k}`, op.statusCode, op.kind) === true ? mask : v]));
  return {
    ...body,
    responseParameters: maskMap("responseParameters", body.responseParameters),
    responseTemplates: maskMap("responseTemplates", body.responseTemplates),
  };
}

/** Options of {@link renderPlanMarkdown}. */
export interface MarkdownOptions extends RenderOptions {
  /** Heading of the comment; default `"API Gateway responses plan"`. Empty string: no heading. */
  readonly title?: string;
  /** Markdown heading level of the title (methods get one more); default 2. */
  readonly headingLevel?: number;
  /** Also list methods that are in sync (as one line each); default false. */
  readonly showInSync?: boolean;
}

/**
 * Escape a value for a markdown table cell so that it shows literally on GitHub:
 * backslashes doubled; `&`, `<`, `>` as HTML entities; the characters markdown would
 * interpret in a cell (`|` column separator, `` ` * _ [ ] ~ `` formatting, `$` math)
 * backslash-escaped; line breaks as `<br>`.
 */
export function escapeMarkdownCell(s: string): string {
  return breakReferences(
    s
      .replace(/\\/g, "\\\\")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/[|`*_[\]~$]/g, "\\$&")
      .replace(/\r\n|\r|\n/g, "<br>"),
  );
}

/**
 * Keep GitHub from turning `@name` into a mention (a notification) and `#123` into an
 * issue link: a zero-width space after the sign (as an HTML entity) shows the same text.
 * Velocity directives (`#set`, `#if`) are left alone.
 */
function breakReferences(s: string): string {
  return s.replace(/@(?=[A-Za-z0-9-])|#(?=\d)/g, "$&&#8203;");
}

/** Text for inside an HTML element of a markdown document (a `<summary>`): HTML-escaped, references broken. */
export function escapeHtmlText(s: string): string {
  return breakReferences(s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
}

/**
 * A string as a markdown code span that its content cannot close: the fence is longer
 * than any run of backticks inside; control, bidi and zero-width characters are shown
 * escaped (`\u001b`); a line break cannot end it. Inside a code span GitHub renders HTML,
 * links, mentions and issue references as plain text.
 */
export function markdownCode(s: string): string {
  const shown = escapeUnsafe(s);
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") || shown.startsWith(" ") || shown.endsWith(" ") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A value for a markdown cell: strings raw (not JSON-quoted) so templates read naturally, cut, then escaped. */
function markdownValue(v: unknown, secret: boolean, options: RenderOptions): string {
  if (v === undefined) return "*(absent)*";
  if (secret) return escapeMarkdownCell(options.mask ?? "(secret)");
  const raw = typeof v === "string" ? (v === "" ? '""' : v) : (JSON.stringify(v) ?? String(v));
  return escapeMarkdownCell(truncate(raw, options.maxValueLength ?? 80));
}

/**
 * Markdown for a pull-request comment: a title, then per method with changes a
 * heading and a table with the columns `status code | field | live value | desired
 * value | action` (one row per field change; an operation without field changes gets
 * one row with field `—`), then the summary line. `"No changes."` under the title when
 * the plan is in sync. Cells are escaped ({@link escapeMarkdownCell}) and long values
 * (templates) cut at `maxValueLength`; secret values masked.
 */
export function renderPlanMarkdown(p: Plan, options: MarkdownOptions = {}): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const title = options.title ?? "API Gateway responses plan";
  const lines: string[] = [];
  if (title !== "") lines.push(`${"#".repeat(level)} ${escapeMarkdownCell(title)}`, "");
  if (isInSync(p)) {
    lines.push("No changes.");
    return `${lines.join("\n")}\n`;
  }
  for (const m of p.methods) {
    if (m.operations.length === 0) {
      if (options.showInSync === true) lines.push(`${"#".repeat(level + 1)} ${escapeMarkdownCell(methodTitle(m))}`, "", "In sync.", "");
      continue;
    }
    lines.push(`${"#".repeat(level + 1)} ${escapeMarkdownCell(methodTitle(m))}`, "");
    lines.push("| status code | field | live value | desired value | action |", "|---|---|---|---|---|");
    for (const op of m.operations) {
      const action = `${actionSymbol(operationAction(op))} ${operationAction(op)} ${objectName(op.kind)}`;
      if (op.changes.length === 0) {
        lines.push(`| ${op.statusCode} | — | | | ${action} |`);
        continue;
      }
      for (const c of op.changes) {
        const secret = secretOf(options, op, c);
        lines.push(
          `| ${escapeMarkdownCell(op.statusCode)} | ${escapeMarkdownCell(c.field)} | ${markdownValue(c.live, secret, options)} | ${markdownValue(c.desired, secret, options)} | ${action} |`,
        );
      }
    }
    lines.push("");
  }
  for (const g of p.gatewayResponses ?? []) {
    if (g.operations.length === 0) {
      if (options.showInSync === true) lines.push(`${"#".repeat(level + 1)} ${escapeMarkdownCell(gatewayTitle(g))}`, "", "In sync.", "");
      continue;
    }
    lines.push(`${"#".repeat(level + 1)} ${escapeMarkdownCell(gatewayTitle(g))}`, "");
    lines.push("| response type | field | live value | desired value | action |", "|---|---|---|---|---|");
    for (const op of g.operations) {
      const action = `${actionSymbol(gatewayOperationAction(op))} ${gatewayOperationAction(op)} ${gatewayObjectName(op)}`;
      for (const c of op.changes) {
        lines.push(`| ${escapeMarkdownCell(op.responseType)} | ${escapeMarkdownCell(c.field)} | ${markdownValue(c.live, false, options)} | ${markdownValue(c.desired, false, options)} | ${action} |`);
      }
    }
    lines.push("");
  }
  lines.push(summary(p));
  return `${lines.join("\n")}\n`;
}
