/**
 * `pr-comment`: turn the JSON of `pulumi preview --json` into the markdown of
 * `apigw-responses plan --format markdown` (a table per method: status code | field |
 * live value | desired value | action) for the resources of this package only, and a
 * line per `StageDeployment` that will deploy, saying why (its triggers changed, or the
 * stage drift the last refresh found).
 *
 * Every other resource is filtered out; the serialized provider (`__provider`) is never
 * read; secret values — `"[secret]"` or the `4dabf18193072939515e22adb298388d`
 * signature objects of the engine — are masked, and a secret field is always listed
 * (its change cannot be seen). Values not known before apply are shown as such.
 *
 * The live side is the resource's last state (its outputs: the live responses as of the
 * last refresh — run the preview with `--refresh` to compare with what is live now);
 * the desired side is the new inputs. Pure.
 */
import type {
  MethodKey,
  MethodPlan,
  NormalizedIntegrationResponse,
  NormalizedMethodResponse,
  NormalizedResponses,
  Operation,
  OperationKind,
  Plan,
  ResponseKind,
  ResponseSpec,
} from "../model";
import { describeMethod, methodId } from "../model";
import { normalizeDesiredResponses, normalizeIntegrationResponse, normalizeMethodResponse, compareKeys } from "../normalize";
import { integrationResponseOperation, methodResponseOperation } from "../plan/operations";
import { escapeHtmlText, markdownCode, renderPlanMarkdown, type MarkdownOptions } from "../render";

/** The type tokens of this package's resources. */
export const RESOURCE_TYPES = {
  ResponseSet: "pulumi-nodejs:dynamic/apigw-responses:ResponseSet",
  MethodResponse: "pulumi-nodejs:dynamic/apigw-responses:MethodResponse",
  IntegrationResponse: "pulumi-nodejs:dynamic/apigw-responses:IntegrationResponse",
} as const;

type Kind = keyof typeof RESOURCE_TYPES;

/** The type token of `StageDeployment`. */
export const STAGE_DEPLOYMENT_TYPE = "pulumi-nodejs:dynamic/apigw-responses:StageDeployment";

/** The engine's secret signature key and value. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The engine's value of {@link SECRET_SIG_KEY} for secrets. */
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
/** The engine's marker of values not known before apply. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** How `pulumi preview --json` prints a secret (without --show-secrets). */
export const SECRET_TEXT = "[secret]";
/** What a masked value is shown as. */
export const SECRET_MASK = "(secret)";
/** What a value not known before apply is shown as. */
export const UNKNOWN_MASK = "(known after apply)";

/** One step of `pulumi preview --json` (the fields read here). */
interface PreviewStep {
  readonly op?: string;
  readonly urn?: string;
  readonly oldState?: { readonly type?: string; readonly inputs?: Record<string, unknown>; readonly outputs?: Record<string, unknown> };
  readonly newState?: { readonly type?: string; readonly inputs?: Record<string, unknown>; readonly outputs?: Record<string, unknown> };
}

/** A resource of this package touched by the preview. */
export interface PreviewResource {
  readonly name: string;
  readonly kind: Kind;
  /** `create`, `update`, `delete`, `replace`. */
  readonly op: string;
}

/** The result of {@link previewToPlan}. */
export interface PreviewPlan {
  readonly plan: Plan;
  /** The resources of this package with changes, in preview order. */
  readonly resources: readonly PreviewResource[];
  /** Resources of this package without changes. */
  readonly unchanged: number;
  /** Error diagnostics of the preview (counted, not shown: they may quote values). */
  readonly errors: number;
  /** Lines to show under the table (values not known, secret response sets). */
  readonly notes: readonly string[];
  /** Fields to mask: JSON `[status code, kind, field]`. */
  readonly secretFields: ReadonlySet<string>;
  /** One line per `StageDeployment` with changes: what happens to its stage, and why. */
  readonly deployments: readonly string[];
}

/** Is `v` a secret as the engine prints it? */
export function isSecretValue(v: unknown): boolean {
  if (v === SECRET_TEXT) return true;
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE;
}

/** Reads the values of a preview step, masking secrets and values not known yet, and records the masked fields. */
class MaskingReader {
  private n = 0;
  readonly secrets = new Set<string>();

  /** A leaf value: secrets become unique placeholders (so they never compare equal) and are recorded. */
  leaf(v: unknown, code: string, kind: ResponseKind, field: string): unknown {
    if (isSecretValue(v)) {
      this.secrets.add(secretId(code, kind, field));
      return `${SECRET_MASK}#${++this.n}`;
    }
    if (v === UNKNOWN_VALUE) return UNKNOWN_MASK;
    return v;
  }

  /** A map (`responseParameters`, …): a secret or unknown map becomes one masked entry. */
  map(v: unknown, code: string, kind: ResponseKind, name: string): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    if (isSecretValue(v) || v === UNKNOWN_VALUE || typeof v !== "object" || Array.isArray(v)) {
      return { "*": this.leaf(isSecretValue(v) ? v : UNKNOWN_VALUE, code, kind, `${name}.*`) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = this.leaf(x, code, kind, `${name}.${k}`);
    return out;
  }

  methodResponse(v: unknown, code: string): NormalizedMethodResponse | undefined {
    if (v === undefined || v === null || typeof v !== "object") return undefined;
    const o = v as Record<string, unknown>;
    const params = this.map(o.responseParameters, code, "methodResponse", "responseParameters");
    return normalizeMethodResponse({
      responseParameters: params && Object.fromEntries(Object.entries(params).map(([k, x]) => [k, x === true || x === "true"])),
      responseModels: this.map(o.responseModels, code, "methodResponse", "responseModels") as Record<string, string> | undefined,
    });
  }

  integrationResponse(v: unknown, code: string): NormalizedIntegrationResponse | undefined {
    if (v === undefined || v === null || typeof v !== "object") return undefined;
    const o = v as Record<string, unknown>;
    const str = (x: unknown, field: string) => (x === undefined || x === null ? undefined : String(this.leaf(x, code, "integrationResponse", field)));
    const ch = str(o.contentHandling, "contentHandling");
    return normalizeIntegrationResponse({
      selectionPattern: str(o.selectionPattern, "selectionPattern"),
      responseParameters: this.map(o.responseParameters, code, "integrationResponse", "responseParameters") as Record<string, string> | undefined,
      responseTemplates: this.map(o.responseTemplates, code, "integrationResponse", "responseTemplates") as Record<string, string> | undefined,
      ...(ch !== undefined ? { contentHandling: ch as NormalizedIntegrationResponse["contentHandling"] } : {}),
    });
  }

  /** The responses of a `ResponseSet` (inputs or outputs); undefined when secret or unknown as a whole. */
  responses(v: unknown): NormalizedResponses | undefined {
    if (v === undefined || v === null) return {};
    if (typeof v !== "object" || Array.isArray(v) || isSecretValue(v)) return undefined;
    const out: Record<string, ResponseSpec> = {};
    for (const [code, r] of Object.entries(v as Record<string, unknown>)) {
      if (r === null || typeof r !== "object" || isSecretValue(r)) continue;
      const o = r as Record<string, unknown>;
      const mr = this.methodResponse(o.methodResponse, code);
      const ir = this.integrationResponse(o.integrationResponse, code);
      out[code] = { ...(mr ? { methodResponse: mr } : {}), ...(ir ? { integrationResponse: ir } : {}) };
    }
    return normalizeDesiredResponses(out);
  }
}

/** The id of a masked field. Masks apply to every method with that status code, kind and field (masking more is safe). */
function secretId(code: string, kind: ResponseKind, field: string): string {
  return JSON.stringify([code, kind, field]);
}

/** The responses a single resource's inputs or outputs describe, read through `reader`. */
function singleResponses(kind: ResponseKind, props: Record<string, unknown>, reader: MaskingReader): NormalizedResponses {
  const code = typeof props.statusCode === "string" && props.statusCode !== UNKNOWN_VALUE ? props.statusCode : UNKNOWN_MASK;
  const fields: Record<string, unknown> = {};
  for (const f of ["responseParameters", "responseModels", "selectionPattern", "responseTemplates", "contentHandling"]) {
    if (props[f] !== undefined) fields[f] = props[f];
  }
  // Outputs of a response that is gone (refreshed) carry no fields: absent.
  if (props.revision !== undefined && Object.keys(fields).length === 0) return {};
  const r = kind === "methodResponse" ? reader.methodResponse(fields, code) : reader.integrationResponse(fields, code);
  return r ? { [code]: { [kind]: r } } : {};
}

/**
 * What each resource kind's inputs or outputs say in a preview: the responses they describe
 * (undefined when secret or not known as a whole), and whether the kind removes the
 * responses it does not list (an exclusive `ResponseSet`).
 */
const PREVIEW_KINDS: Record<Kind, { responses(props: Record<string, unknown>, reader: MaskingReader): NormalizedResponses | undefined; exclusive(props: Record<string, unknown>): boolean }> = {
  ResponseSet: { responses: (props, reader) => reader.responses(props.responses), exclusive: (props) => props.exclusive !== false },
  MethodResponse: { responses: (props, reader) => singleResponses("methodResponse", props, reader), exclusive: () => false },
  IntegrationResponse: { responses: (props, reader) => singleResponses("integrationResponse", props, reader), exclusive: () => false },
};

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === UNKNOWN_VALUE) return UNKNOWN_MASK;
  if (isSecretValue(v)) return SECRET_MASK;
  return String(v);
}

/**
 * The operations that take `live` to `desired` for display (the engine and the planner
 * decide the real calls), code by code, each built by the planner's own rule. A response
 * not desired is deleted only when `removeUnlisted`; otherwise it is left as it is.
 */
function displayOperations(key: MethodKey, live: NormalizedResponses, desired: NormalizedResponses, removeUnlisted: boolean): Operation[] {
  const ops: Operation[] = [];
  const codes = [...new Set([...Object.keys(live), ...Object.keys(desired)])].sort(compareKeys);
  for (const statusCode of codes) {
    const lm = live[statusCode]?.methodResponse;
    const li = live[statusCode]?.integrationResponse;
    const dm = desired[statusCode]?.methodResponse ?? (removeUnlisted ? undefined : lm);
    const di = desired[statusCode]?.integrationResponse ?? (removeUnlisted ? undefined : li);
    const mrOp = methodResponseOperation(key, statusCode, lm, dm);
    if (mrOp) ops.push(mrOp);
    const irOp = integrationResponseOperation(key, statusCode, li, di);
    if (irOp) ops.push(irOp);
  }
  return ops;
}

/** The last segment of a URN: the resource name. */
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What a `StageDeployment` step does to its stage, and why, in one line; undefined for
 * a step without changes. Values are never quoted (triggers are content hashes, maybe
 * secret): only which inputs changed, and the `stageDrift` lines of the last refresh
 * (methods, status codes and response types, no values).
 */
function stageDeploymentLine(step: PreviewStep): string | undefined {
  const op = step.op ?? "";
  const inputs = step.newState?.inputs ?? step.oldState?.inputs ?? {};
  const stage = `stage ${markdownCode(str(inputs.stageName) ?? "?")} of rest api ${markdownCode(str(inputs.restApiId) ?? "?")}`;
  const name = markdownCode(nameOfUrn(step.urn));
  if (op === "delete" || op === "delete-replaced" || op === "discard" || op === "discard-replaced") return `${name}: no longer managed; the ${stage} keeps serving its last deployment.`;
  if (op === "create" || op === "create-replacement") return `${name}: deploys the ${stage} (created if missing).`;
  if (op !== "update") return undefined;
  const olds = step.oldState?.inputs ?? {};
  const reasons = (["triggers", "description", "variables"] as const)
    .filter((f) => !sameValue(olds[f], inputs[f]))
    .map((f) => (JSON.stringify(inputs[f] ?? null).includes(UNKNOWN_VALUE) ? `${f} known after apply` : `${f} changed`));
  const drift = step.oldState?.outputs?.stageDrift;
  const driftLines = Array.isArray(drift) ? drift.filter((d): d is string => typeof d === "string") : [];
  if (driftLines.length > 0) reasons.push(`the last refresh found the stage behind: ${driftLines.map((d) => markdownCode(d)).join(", ")}`);
  return `${name}: redeploys the ${stage} (${reasons.length > 0 ? reasons.join("; ") : "its state has no deployment"}).`;
}

function nameOfUrn(urn: unknown): string {
  return typeof urn === "string" ? (urn.split("::").pop() ?? "?") : "?";
}

/** Is `v` a plain object (not null, not a list)? */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Read `pulumi preview --json` and build one {@link Plan} of this package's
 * resources, one method entry per API Gateway method (resources on the same method
 * are merged), for {@link renderPlanMarkdown}.
 *
 * @throws {Error} when `preview` is not the JSON object of `pulumi preview --json`
 */
export function previewToPlan(preview: unknown): PreviewPlan {
  if (typeof preview !== "object" || preview === null || Array.isArray(preview)) {
    throw new Error("the input is not the JSON object of `pulumi preview --json`");
  }
  const p = preview as { steps?: unknown; diagnostics?: unknown };
  if (p.steps !== undefined && !Array.isArray(p.steps)) throw new Error("`steps` of the preview JSON is not a list");
  const steps = (p.steps ?? []) as PreviewStep[];
  const errors = Array.isArray(p.diagnostics) ? p.diagnostics.filter((d) => (d as { severity?: string })?.severity === "error").length : 0;
  const methods = new Map<string, { key: MethodKey; path?: string; operations: Operation[] }>();
  const resources: PreviewResource[] = [];
  const notes: string[] = [];
  const secretFields = new Set<string>();
  const deployments: string[] = [];
  let unchanged = 0;
  for (const [i, step] of steps.entries()) {
    // The JSON comes from the engine; still, a malformed step is named, never a TypeError.
    const bad = !isRecord(step)
      ? "is not an object"
      : (["oldState", "newState"] as const).find((k) => step[k] !== undefined && (!isRecord(step[k]) || ["inputs", "outputs"].some((f) => (step[k] as Record<string, unknown>)[f] !== undefined && !isRecord((step[k] as Record<string, unknown>)[f]))));
    if (bad !== undefined) throw new Error(`step ${i} of the preview JSON ${bad === "is not an object" ? bad : `has a malformed ${bad}`}`);
    const type = step.newState?.type ?? step.oldState?.type;
    if (type === STAGE_DEPLOYMENT_TYPE) {
      const line = stageDeploymentLine(step);
      if (line !== undefined) deployments.push(line);
      else if (step.op === "same") unchanged++;
      continue;
    }
    const kind = (Object.keys(RESOURCE_TYPES) as Kind[]).find((k) => RESOURCE_TYPES[k] === type);
    if (kind === undefined) continue;
    const op = step.op ?? "";
    if (op === "same" || op === "read" || op === "refresh") {
      if (op === "same") unchanged++;
      continue;
    }
    // A replacement appears as replace + create-replacement + delete-replaced: show its two halves.
    if (op === "replace") continue;
    const isDelete = op === "delete" || op === "delete-replaced" || op === "discard" || op === "discard-replaced";
    const isCreate = op === "create" || op === "create-replacement" || op === "import" || op === "import-replacement";
    if (!isDelete && !isCreate && op !== "update") continue;
    const name = nameOfUrn(step.urn);
    const newInputs = isDelete ? undefined : step.newState?.inputs;
    const oldOutputs = isCreate ? undefined : step.oldState?.outputs;
    const idSource = newInputs ?? oldOutputs ?? {};
    const restApiId = str(idSource.restApiId) ?? "?";
    const httpMethod = str(idSource.httpMethod) ?? "?";
    const path = str(idSource.path);
    // The last resource id only when the path did not change (a set moved to another path is on another resource).
    const resourceId = str(newInputs?.resourceId) ?? (newInputs === undefined || newInputs.path === oldOutputs?.path ? str(oldOutputs?.resourceId) : undefined);
    const key: MethodKey = { restApiId, resourceId: resourceId ?? (path !== undefined ? "(resolved from the path)" : "?"), httpMethod };
    // One entry per method: resources on the same path (or resource id) are merged.
    const id = methodId({ ...key, resourceId: path ?? key.resourceId });
    const reader = new MaskingReader();
    const live = oldOutputs === undefined ? {} : PREVIEW_KINDS[kind].responses(oldOutputs, reader);
    const desired = newInputs === undefined ? {} : PREVIEW_KINDS[kind].responses(newInputs, reader);
    for (const s of reader.secrets) secretFields.add(s);
    const shown = op.replace(/-replace(d|ment)$/, "") === op ? op : `replace (${op})`;
    resources.push({ name, kind, op: shown });
    let entry = methods.get(id);
    if (!entry) methods.set(id, (entry = { key, ...(path !== undefined ? { path } : {}), operations: [] }));
    if (live === undefined || desired === undefined) {
      notes.push(`${markdownCode(name)} (${kind}, ${shown}): the responses are ${live === undefined && desired === undefined ? "secret or not known" : live === undefined ? "secret in the last state" : "secret or not known before apply"}; not shown.`);
      continue;
    }
    const exclusive = PREVIEW_KINDS[kind].exclusive(newInputs ?? oldOutputs ?? {});
    // Deleting a resource removes what it manages; otherwise, a non-exclusive resource leaves other responses alone.
    const removeUnlisted = isDelete || exclusive;
    entry.operations.push(...displayOperations(key, live, desired, removeUnlisted));
  }
  const plan: Plan = { methods: [...methods.values()].map((m): MethodPlan => ({ key: m.key, ...(m.path !== undefined ? { path: m.path } : {}), operations: m.operations })) };
  return { plan, resources, unchanged, errors, notes, secretFields, deployments };
}

/** GitHub refuses issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Options of {@link renderPrComment}. */
export interface PrCommentOptions extends MarkdownOptions {
  /**
   * Longest comment, in characters (default {@link GITHUB_COMMENT_LIMIT}; 0 = no limit).
   * A longer one starts with the totals, folds each method, and leaves out the methods
   * that do not fit, saying how many.
   */
  readonly maxLength?: number;
}

/** A rendered comment, and what did not fit in it. */
export interface PrComment {
  readonly text: string;
  readonly omittedMethods: number;
  readonly omittedOperations: number;
}

/**
 * The markdown comment: the plan tables (as `apigw-responses plan --format markdown`),
 * then the Pulumi resources concerned, notes, and a warning when the preview failed.
 * Within `maxLength`: when the whole comment is longer, the totals come first, every
 * method is folded (`<details>`), and the methods (and resource names) that do not fit
 * are counted instead of shown.
 */
export function renderPrComment(preview: PreviewPlan, options: PrCommentOptions = {}): PrComment {
  const isSecret = (field: string, statusCode: string, kind: OperationKind): boolean =>
    preview.secretFields.has(secretId(statusCode, kind.endsWith("IntegrationResponse") ? "integrationResponse" : "methodResponse", field));
  const { maxLength = GITHUB_COMMENT_LIMIT, ...markdown } = options;
  const body = renderPlanMarkdown(preview.plan, { title: "Pulumi preview: API Gateway responses", mask: SECRET_MASK, ...markdown, isSecret });
  const resourcesLine =
    preview.resources.length > 0
      ? `Pulumi resources: ${preview.resources.map((r) => `${markdownCode(r.name)} (${r.kind}, ${r.op})`).join(", ")}${preview.unchanged > 0 ? `; ${preview.unchanged} unchanged` : ""}.`
      : preview.unchanged > 0
        ? `Pulumi resources: ${preview.unchanged} unchanged.`
        : undefined;
  const errorsLine = preview.errors > 0 ? `**The preview reported ${preview.errors} error(s)**: see the job log.` : undefined;
  const notes = preview.notes.map((n) => `- ${n}`);
  const deployments = preview.deployments.length > 0 ? ["", "Stage deployments:", "", ...preview.deployments.map((d) => `- ${d}`)] : [];
  const full = [body.trimEnd(), ...(notes.length > 0 ? ["", ...notes] : []), ...deployments, ...(resourcesLine ? ["", resourcesLine] : []), ...(errorsLine ? ["", errorsLine] : [])].join("\n") + "\n";
  if (maxLength <= 0 || full.length <= maxLength) return { text: full, omittedMethods: 0, omittedOperations: 0 };

  // Too long: the title and the totals first, then folded methods while they fit.
  const lines = body.trimEnd().split("\n");
  // The body has a title line unless the title is empty (a method heading starts with "#" too).
  const title = markdown.title !== "" ? [lines[0]!, ""] : [];
  const totals = lines[lines.length - 1]!;
  // One section per method with changes, in plan order (as renderPlanMarkdown writes them).
  const sections: { heading: string; lines: string[] }[] = [];
  for (const line of lines.slice(title.length, -1)) {
    if (/^#{2,6} /.test(line)) sections.push({ heading: line.replace(/^#+ /, ""), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  const changed = preview.plan.methods.filter((m) => m.operations.length > 0);
  const tail = [
    ...(preview.deployments.length > 0 ? ["", `Stage deployments: ${preview.deployments.length} (the whole comment lists them).`] : []),
    ...(errorsLine ? ["", errorsLine] : []),
    "",
    `Pulumi resources: ${preview.resources.length} with changes${preview.unchanged > 0 ? `, ${preview.unchanged} unchanged` : ""}.`,
  ];
  const head = [...title, totals, ""];
  const budget = maxLength - [...head, ...tail].join("\n").length - 400; // room for the line that counts what is left out
  const out: string[] = [];
  let used = 0;
  let shown = 0;
  for (const [i, section] of sections.entries()) {
    const method = changed[i];
    const operations = method?.operations.length ?? 0;
    const heading = method ? escapeHtmlText(describeMethod(method.key, method.path)) : section.heading;
    const folded = [`<details><summary>${heading} (${operations} change${operations === 1 ? "" : "s"})</summary>`, "", ...section.lines.filter((l, j, a) => l !== "" || j < a.length - 1), "", "</details>", ""];
    const size = folded.join("\n").length + 1;
    if (used + size > budget) break;
    out.push(...folded);
    used += size;
    shown++;
  }
  for (const note of notes) {
    if (used + note.length + 1 > budget) break;
    out.push(note);
    used += note.length + 1;
  }
  const omittedMethods = sections.length - shown;
  const omittedOperations = changed.slice(shown).reduce((n, m) => n + m.operations.length, 0);
  const omitted =
    omittedMethods > 0
      ? [
          "",
          `**${omittedMethods} more method(s) with ${omittedOperations} change(s) are not shown**: the comment would exceed ${maxLength} characters. ` +
            "The whole plan: `apigw-responses pr-comment --max-length 0` on the same preview (the pull-request workflow attaches it as an artifact).",
        ]
      : [];
  return { text: [...head, ...out, ...omitted, ...tail].join("\n") + "\n", omittedMethods, omittedOperations };
}
