/**
 * `export`: the spec file that manages a live REST API exactly as it is (issue 13).
 * Pure (architecture rule 1): it takes what observe read — one `GetResources`
 * `embed=methods` snapshot (AWS-30) and one `GetGatewayResponses` (AWS-32) — and gives
 * the spec file, the notes about methods a reader must know of, and its YAML or JSON
 * text. Values go through the one normalizer (`normalizeLiveMethod`), so the file asks
 * for exactly what `plan` will compare it with: zero changes.
 *
 * What a method exports:
 * - every method, sorted by path then HTTP method, named by `path` (not `resourceId`),
 *   `exclusive` left at its default (true);
 * - a method without responses is listed with `responses: {}` and noted: managed as
 *   "none", so a response added later shows as drift, rather than silently left out;
 * - an `AWS_PROXY` method is listed with what is live and noted: its method responses
 *   still document what clients get, its integration responses play no part (AWS-26).
 *   Any integration response that does exist is kept too, since leaving it out of an
 *   exclusive method would make `apply` delete it: export never asks for a change.
 * - values are the normalized live values, written compactly: empty maps and the default
 *   selection pattern (`""`, AWS-17) are left out, a template stored as `null` is `""`
 *   (AWS-16); each of these compares equal to the live value.
 *
 * Gateway responses: the customized types only (`customized: true`), with the values
 * as read (AWS-35 fills the fields a put left out, and they compare equal), and
 * `gatewayResponsesExclusive: true`, which is right because every customized type is
 * exported.
 */
import type { GatewayResponseSpec, GatewayResponseType, ObservedGatewayResponses } from "./gateway-responses";
import type { IntegrationResponseSpec, MethodResponseSpec, ResponseSpec, SpecFile, SpecFileMethod } from "./model";
import { compareKeys, normalizeLiveMethod } from "./normalize";
import type { ApiSnapshot } from "./observe/reads";

/** The `yaml-language-server` line of an exported YAML file (the one in the README's "Spec files"). */
export const SCHEMA_LINE = "yaml-language-server: $schema=./node_modules/pulumi-apigw-responses/schema/spec.schema.json";

/** Why a method or gateway response is noted in the output. */
export type ExportNoteKind = "no-responses" | "aws-proxy" | "empty-gateway-templates";

/** A note about one exported method (or gateway response type), for a comment (YAML) or standard error (JSON). */
export interface ExportNote {
  readonly kind: ExportNoteKind;
  /** `GET /pets`, or the gateway response type. */
  readonly subject: string;
  /** Index in `spec.methods` of the method it is about; absent for a gateway response. */
  readonly methodIndex?: number;
  /** One line. */
  readonly text: string;
}

/** What {@link exportSpec} gives. */
export interface ExportedSpec {
  readonly spec: SpecFile;
  readonly notes: readonly ExportNote[];
  /** Resource paths that have at least one exported method. */
  readonly paths: number;
}

/** Options of {@link exportSpec}. */
export interface ExportOptions {
  /** Written as the file's `region` when given. */
  readonly region?: string;
  /** Only the resources whose path matches one of these globs ({@link pathGlobMatcher}); default all. */
  readonly paths?: readonly string[];
}

/**
 * A matcher of resource paths for a `--path` glob: `*` any characters but `/`, `**` any
 * characters (so `/pets/**` is everything under `/pets`), `?` one character but `/`;
 * every other character is itself, braces included (`/pets/{petId}` is the path).
 */
export function pathGlobMatcher(glob: string): (path: string) => boolean {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[\\^$.*+?()[\]{}|/-]/g, (m) => `\\${m}`);
  }
  const compiled = new RegExp(`^${re}$`, "u");
  return (path) => compiled.test(path);
}

/** The globs of `paths` that match none of `resourcePaths`. */
export function unmatchedGlobs(paths: readonly string[], resourcePaths: readonly string[]): string[] {
  return paths.filter((g) => !resourcePaths.some(pathGlobMatcher(g)));
}

const nonEmpty = (m: Readonly<Record<string, unknown>>): boolean => Object.keys(m).length > 0;

/**
 * The spec file that asks for exactly what the snapshot (and the gateway responses,
 * when given) holds. Pure; the same inputs give the same output, in the same order.
 */
export function exportSpec(snapshot: ApiSnapshot, gateway: ObservedGatewayResponses | undefined, options: ExportOptions = {}): ExportedSpec {
  const globs = (options.paths ?? []).map(pathGlobMatcher);
  const resources = snapshot.resources
    .map((r) => ({ path: r.path ?? r.id, methods: r.methods }))
    .filter((r) => globs.length === 0 || globs.some((m) => m(r.path)))
    .sort((a, b) => compareKeys(a.path, b.path));
  const methods: SpecFileMethod[] = [];
  const notes: ExportNote[] = [];
  let paths = 0;
  for (const r of resources) {
    const verbs = Object.keys(r.methods).sort(compareKeys);
    if (verbs.length > 0) paths++;
    for (const verb of verbs) {
      const live = normalizeLiveMethod(r.methods[verb]);
      const httpMethod = verb.toUpperCase();
      const subject = `${httpMethod} ${r.path}`;
      const responses: Record<string, ResponseSpec> = {};
      for (const [code, n] of Object.entries(live.responses)) {
        const out: { methodResponse?: MethodResponseSpec; integrationResponse?: IntegrationResponseSpec } = {};
        if (n.methodResponse) {
          const m = n.methodResponse;
          out.methodResponse = {
            ...(nonEmpty(m.responseParameters) ? { responseParameters: { ...m.responseParameters } } : {}),
            ...(nonEmpty(m.responseModels) ? { responseModels: { ...m.responseModels } } : {}),
          };
        }
        if (n.integrationResponse) {
          const i = n.integrationResponse;
          out.integrationResponse = {
            ...(i.selectionPattern !== "" ? { selectionPattern: i.selectionPattern } : {}),
            ...(nonEmpty(i.responseParameters) ? { responseParameters: { ...i.responseParameters } } : {}),
            ...(nonEmpty(i.responseTemplates) ? { responseTemplates: { ...i.responseTemplates } } : {}),
            ...(i.contentHandling !== undefined ? { contentHandling: i.contentHandling } : {}),
          };
        }
        responses[code] = out;
      }
      const index = methods.length;
      methods.push({ path: r.path, httpMethod, responses });
      const codes = Object.keys(responses);
      if (live.integrationType === "AWS_PROXY") {
        const irs = codes.filter((c) => responses[c]!.integrationResponse !== undefined);
        notes.push({
          kind: "aws-proxy",
          subject,
          methodIndex: index,
          text:
            `${subject}: AWS_PROXY integration, whose integration responses play no part (AWS-26); ` +
            (codes.length === 0
              ? "no responses live, listed as none so that responses added later show as drift"
              : `its method responses are listed${irs.length > 0 ? `, and the unused integration response(s) ${irs.join(", ")} too (leaving them out would make apply delete them)` : ""}`),
        });
      } else if (codes.length === 0) {
        notes.push({
          kind: "no-responses",
          subject,
          methodIndex: index,
          text: `${subject}: no responses live${live.integrationType === undefined ? " (and no integration)" : ""}; listed as none, so that responses added later show as drift`,
        });
      }
    }
  }
  let gatewayResponses: Partial<Record<GatewayResponseType, GatewayResponseSpec>> | undefined;
  if (gateway !== undefined) {
    gatewayResponses = {};
    for (const type of (Object.keys(gateway.responses) as GatewayResponseType[]).sort(compareKeys)) {
      const g = gateway.responses[type]!;
      if (!g.customized) continue;
      const v = g.response;
      gatewayResponses[type] = {
        ...(v.statusCode !== undefined ? { statusCode: v.statusCode } : {}),
        ...(nonEmpty(v.responseParameters) ? { responseParameters: { ...v.responseParameters } } : {}),
        ...(nonEmpty(v.responseTemplates) ? { responseTemplates: { ...v.responseTemplates } } : {}),
      };
      if (!nonEmpty(v.responseTemplates)) {
        notes.push({
          kind: "empty-gateway-templates",
          subject: type,
          text: `gateway response ${type}: stored with no template at all, which a spec cannot ask for (an absent or empty map means the default template, AWS-35): plan will show an update to the default template`,
        });
      }
    }
  }
  const spec: SpecFile = {
    restApiId: snapshot.restApiId,
    ...(options.region !== undefined ? { region: options.region } : {}),
    methods,
    ...(gatewayResponses !== undefined ? { gatewayResponses, gatewayResponsesExclusive: true } : {}),
  };
  return { spec, notes, paths };
}

/** The one-line summary of an export, for the file's head comment and standard error. */
export function exportSummary(e: ExportedSpec): string {
  const g = e.spec.gatewayResponses;
  const gateway = g === undefined ? "gateway responses left out" : `${Object.keys(g).length} customized gateway response(s)`;
  return `REST API ${e.spec.restApiId}: ${e.spec.methods.length} method(s) on ${e.paths} path(s), ${gateway}`;
}

/** The exported spec as JSON (2-space indent, final newline). JSON has no comments: the notes go to standard error. */
export function renderExportJson(e: ExportedSpec): string {
  return `${JSON.stringify(e.spec, null, 2)}\n`;
}

/**
 * The exported spec as YAML: the `yaml-language-server` schema line, a head comment
 * (what was exported, that every method is exclusive), then the file, each noted method
 * with its note as a comment above it. Quoting is the yaml library's (`stringify`), no
 * line folding, so every value reads back exactly.
 */
export function renderExportYaml(e: ExportedSpec): string {
  const YAML = require("yaml") as typeof import("yaml");
  const doc = new YAML.Document(e.spec);
  const head = [
    SCHEMA_LINE,
    `Exported by \`apigw-responses export\` from ${exportSummary(e)}.`,
    "Every method is exclusive (the default): responses not listed here are deleted by apply.",
  ];
  if (e.spec.gatewayResponses !== undefined) head.push("gatewayResponsesExclusive: true: customizations of types not listed here are reset by apply.");
  doc.commentBefore = head.map((l) => ` ${l}`).join("\n");
  const seq = doc.get("methods", true) as import("yaml").YAMLSeq | undefined;
  for (const n of e.notes) {
    if (n.methodIndex === undefined || seq === undefined) continue;
    const node = seq.items[n.methodIndex] as import("yaml").Node;
    node.commentBefore = ` ${n.text}`;
  }
  const gmap = doc.get("gatewayResponses", true) as import("yaml").YAMLMap | undefined;
  for (const n of e.notes) {
    if (n.methodIndex !== undefined || gmap === undefined) continue;
    const pair = gmap.items.find((p) => (p.key as import("yaml").Scalar).value === n.subject);
    if (pair) (pair.key as import("yaml").Scalar).commentBefore = ` ${n.text}`;
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

// ------------------------------------------------------------------ TypeScript (a Pulumi program)

/** A TypeScript string literal of `s` (JSON's quoting: every value reads back exactly, lone surrogates escaped). */
const tsString = (s: string): string => JSON.stringify(s);

/** A TypeScript property name: bare when it is an identifier, else quoted (`__proto__` computed, so it stays a property). */
function tsKey(k: string): string {
  if (k === "__proto__") return `["__proto__"]`;
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : tsString(k);
}

/** A TypeScript literal of a JSON value, indented by two spaces per level. */
function tsLiteral(v: unknown, indent: string): string {
  if (typeof v === "string") return tsString(v);
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => tsLiteral(x, indent)).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${tsKey(k)}: ${tsLiteral(x, inner)},`).join("\n")}\n${indent}}`;
  }
  throw new TypeError(`no TypeScript literal for ${String(v)}`);
}

/**
 * A readable Pulumi resource name for each method, unique and stable: the HTTP method and
 * the path's words, `GET /pets/{petId}` → `get-pets-petId`, `/` → `root`. Methods whose
 * names would be equal (`/a-b` and `/a/b`) get `-2`, `-3`, … in the (sorted) order given.
 */
export function resourceNamesOf(methods: readonly { readonly httpMethod: string; readonly path?: string; readonly resourceId?: string }[]): string[] {
  const seen = new Map<string, number>();
  return methods.map((m) => {
    const words = (m.path ?? m.resourceId ?? "").replace(/[{}+]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    const base = `${m.httpMethod.toLowerCase()}-${words === "" ? "root" : words}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** The config key of the REST API id in an exported program (`pulumi config set restApiId …`). */
export const PROGRAM_REST_API_KEY = "restApiId";

/**
 * The exported spec as a Pulumi program (`index.ts`): one `ResponseSet` per method,
 * named by path (resource names from {@link resourceNamesOf}), and one
 * `GatewayResponseSet` when the gateway responses were exported. The REST API id comes
 * from stack config (`restApiId`), never written in the code. Notes are comments above
 * what they are about. The first `pulumi up` adopts what is live (AWS-1) and writes nothing.
 */
export function renderExportTypescript(e: ExportedSpec): string {
  const names = resourceNamesOf(e.spec.methods);
  const noteOf = (i: number | undefined, subject?: string) =>
    e.notes.filter((n) => (i !== undefined ? n.methodIndex === i : n.methodIndex === undefined && n.subject === subject)).map((n) => `// ${n.text.replace(/[\r\n]+/g, " ")}\n`).join("");
  const gateway = e.spec.gatewayResponses;
  const classes = [...(gateway !== undefined ? ["GatewayResponseSet"] : []), ...(e.spec.methods.length > 0 ? ["ResponseSet"] : [])];
  const lines = [
    `// Exported by \`apigw-responses export --format typescript\` from ${exportSummary(e)}.`,
    "// Every ResponseSet is exclusive (the default): responses not listed here are deleted by pulumi up.",
    ...(gateway !== undefined ? ["// The GatewayResponseSet is exclusive too: customizations of types not listed here are reset."] : []),
    `// Set the REST API (and the region) of the stack: pulumi config set ${PROGRAM_REST_API_KEY} ${e.spec.restApiId}${e.spec.region !== undefined ? ` && pulumi config set aws:region ${e.spec.region}` : ""}`,
    "// The first pulumi up adopts what is live and, with these values, writes nothing.",
    `import * as pulumi from "@pulumi/pulumi";`,
    `import { ${classes.join(", ")} } from "pulumi-apigw-responses";`,
    "",
    "const config = new pulumi.Config();",
    "/** The REST API whose responses this program manages. */",
    `const restApi = config.require(${tsString(PROGRAM_REST_API_KEY)});`,
    "",
  ];
  e.spec.methods.forEach((m, i) => {
    const args = { path: m.path, httpMethod: m.httpMethod, responses: m.responses, ...(m.exclusive !== undefined ? { exclusive: m.exclusive } : {}) };
    const body = tsLiteral(args, "").replace(/^\{\n/, "{\n  restApi,\n");
    // The method's note names it; otherwise a line does.
    const head = noteOf(i) || `// ${m.httpMethod} ${m.path ?? m.resourceId ?? ""}\n`;
    lines.push(`${head}new ResponseSet(${tsString(names[i]!)}, ${body});`, "");
  });
  if (gateway !== undefined) {
    const notes = Object.keys(gateway).map((t) => noteOf(undefined, t)).join("");
    lines.push(`// Gateway responses: what API Gateway answers by itself (AWS-31).\n${notes}new GatewayResponseSet("gateway-responses", ${tsLiteral({ responses: gateway }, "").replace(/^\{\n/, "{\n  restApi,\n")});`, "");
  }
  return lines.join("\n");
}

/**
 * The files besides `index.ts` that a folder needs to be a Pulumi project, for
 * `--out DIR`: `Pulumi.yaml` (a TypeScript Node.js program) and `package.json` (this
 * package and `@pulumi/pulumi`). Written only where the folder has none.
 */
export function programScaffold(projectName: string, restApiId: string, versions: { readonly self: string; readonly pulumi: string }): Record<"Pulumi.yaml" | "package.json", string> {
  const name = projectName.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+/, "") || "api-responses";
  return {
    // JSON strings are YAML double-quoted scalars: a name of digits stays a string.
    "Pulumi.yaml": `name: ${JSON.stringify(name)}\nruntime: nodejs\ndescription: ${JSON.stringify(`The responses of REST API ${restApiId}, exported by apigw-responses export.`)}\n`,
    "package.json": `${JSON.stringify(
      { name, private: true, main: "index.ts", dependencies: { "@pulumi/pulumi": versions.pulumi, "pulumi-apigw-responses": versions.self } },
      null,
      2,
    )}\n`,
  };
}
