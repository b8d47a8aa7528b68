/**
 * The property of `apigw-responses export` (issue 13): for REST APIs generated at random on
 * the local API Gateway, `export` then `plan --spec` of what it wrote exits 0 with "No
 * changes." and not one write call, in YAML and in JSON. Each generated API has a few
 * resources (nested paths, path parameters such as `{id}`, a greedy `{proxy+}`, odd but
 * valid path parts), methods of random HTTP methods on them (MOCK, HTTP, AWS_PROXY (AWS-26)
 * or no integration, some with no responses at all), method and integration responses
 * with every field (parameters, models, Java selection patterns, `""` defaults (AWS-17),
 * templates with quotes, backslashes, line breaks, `$input.json('$')`, Unicode and `""`
 * (AWS-16), contentHandling (AWS-27)), and customized gateway responses (AWS-35, AWS-40),
 * all written with the SDK as a user would have. Also pinned: the file asks for exactly
 * what was put (normalized: an export that loses a value is caught even where the same
 * loss on plan's side would hide it), and a second export gives the same bytes.
 *
 * Values stay within what AWS accepts and the spec grammar can say: the local API
 * Gateway refuses what the catalogue refuses (a refused put is a generator bug), and the
 * pools are those of `test/support/arbitraries.ts` plus this file's awkward strings.
 * Left out on purpose, because a spec file cannot say them although a live API may hold them:
 * the pattern `"-"` (AWS-17), control characters and line separators outside templates (on
 * those, export stops with exit 1 and writes nothing), and a gateway response put with an
 * explicit empty `responseTemplates` (export notes it and plan shows an update, AWS-35).
 *
 * Bounded: NUM_RUNS APIs from a fixed seed; `EXPORT_PROPERTY_SEED` and `EXPORT_PROPERTY_RUNS`
 * change them (fast-check prints the seed and path of a failure to replay it).
 */
import {
  CreateModelCommand,
  PutGatewayResponseCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import fc from "fast-check";
import { mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "../../src/cli/spec";
import { GATEWAY_RESPONSE_TYPES, type GatewayResponseSpec, type GatewayResponseType } from "../../src/gateway-responses";
import { javaPatternSyntaxError } from "../../src/java-regex";
import type { NormalizedIntegrationResponse, NormalizedMethodResponse, NormalizedResponse, NormalizedResponses, SpecFile } from "../../src/model";
import { normalizeDesiredResponses, normalizeGatewayResponse } from "../../src/normalize";
import { HTTP_METHODS } from "../../src/validate/grammar";
import { createResource, createRestApi, MOCK_200, putMethod, type IntegrationInput } from "../../tools/seed";
import { CODES, CONTENT_TYPES, HEADERS, MAPPING_VALUES, PATTERNS, TEMPLATES, makeConsistent, mapOf, methodResponseArb } from "../support/arbitraries";
import { cli, cliSuite } from "../support/cli";
import { callsBetween } from "../support/local-api-gateway";
import { emulatorStats } from "../support/pulumi";

const SEED = process.env.EXPORT_PROPERTY_SEED !== undefined ? Number(process.env.EXPORT_PROPERTY_SEED) : 130_013;
const NUM_RUNS = Number(process.env.EXPORT_PROPERTY_RUNS ?? 15);
/** Shrinking a failure (each try seeds an API and runs the commands): past this, the smallest counterexample so far is reported. */
const SHRINK_MS = 60_000;
/** The whole property, shrinking included (a run takes about 5 s): past it, fast-check stops and fails. */
const BUDGET_MS = NUM_RUNS * 10_000 + SHRINK_MS;

// ---- awkward values ---------------------------------------------------------------

/** Path parts AWS takes (letters, digits, `.`, `_`, `-`, a `{name}` or a last `{name+}`), the odd ones included. */
const STATIC_PARTS = ["pets", "v1.2", "a-b_c", "_", "-", "..x", "A9", "Z"] as const;
const PARAM_PARTS = ["{id}", "{petId}", "{item_id}", "{a.b-c}"] as const;
const GREEDY_PARTS = ["{proxy+}", "{rest+}"] as const;

/** Java regular expressions, Java-only syntax included (AWS-29): possessive, atomic, `\Q..\E`, class intersection, `\p{..}`, named groups, `(?x)`. */
const JAVA_PATTERNS = [
  "\\d{3}",
  '.*"code":\\s*4\\d{2}.*',
  "^\\[Internal\\].*",
  ".*(?i:not found).*",
  "a*+b",
  "(?>x|xy)z",
  "\\Qa.b*c\\E",
  "[a-z&&[^aeiou]]+",
  "\\p{Alpha}+\\p{IsLatin}*",
  "(?<code>4\\d\\d)\\k<code>",
  "a{1,2}{3}",
  "(?x) 5 \\d \\d  # a comment",
  "(?s).*Error.*",
  "\\x{1F600}|ü|✓",
  "\\\\ and \\$ and \\{",
  "'quoted'",
  "# hash",
  "- dash",
  " lead",
  "trail ",
  "null",
  "~",
] as const;
/** The shared pools' patterns, but `"-"`: AWS takes it, the spec grammar refuses it (AWS-17). */
const SHARED_PATTERNS = PATTERNS.filter((p) => p !== "-");

/** Characters of generated templates: quoting, YAML and JSON syntax, line breaks of every kind, bidi, emoji. */
const TEMPLATE_CHARS = ['"', "'", "\\", "\n", "\r", "\t", "#", ":", "-", " ", "$", "{", "}", "[", "]", ",", "&", "*", "!", "%", "@", "|", ">", "?", "é", "🐾", "\u202e", "\u2028", "\u0085", "\ufeff", "a", "0"];
const AWKWARD_TEMPLATES = [
  "",
  "$input.json('$')",
  `#set($q = "say \\"hi\\"")\n{"it's": "$q", "bs": "C:\\\\path\\\\", "body": $input.json('$'), "uni": "héllo ✓ 🐾 \u202e"}\n  trailing spaces   \n`,
  "- not: a list\n# not a comment\n? key\n",
  "null",
  "yes",
  "~",
  "\r\n",
  "--- \n...\n",
  "%YAML 1.2\n!!str &a *a",
  "<?xml version=\"1.0\"?><a b='c'>&amp;</a>",
  "\ufeffwith a BOM",
  '{"message": $context.error.messageString, "q": "\\"x\\""}',
] as const;
const templateArb = fc.oneof(fc.constantFrom(...TEMPLATES), fc.constantFrom(...AWKWARD_TEMPLATES), fc.string({ unit: fc.constantFrom(...TEMPLATE_CHARS), maxLength: 24 }));

/** A static mapping value `'...'` (AWS-28, AWS-40): no control character, no line separator. */
const STATIC_CHARS = ['"', "\\", " ", "$", "{", "}", "#", ":", ",", "*", "é", "🐾", "\u202e", "a", "Z", "0"];
const staticValueArb = fc.string({ unit: fc.constantFrom(...STATIC_CHARS), maxLength: 12 }).map((s) => `'${s}'`);

// ---- generated APIs ---------------------------------------------------------------

/** An integration response with every field; `"-"` left out of the patterns (see the header). */
const integrationResponseArb: fc.Arbitrary<NormalizedIntegrationResponse> = fc
  .record({
    selectionPattern: fc.oneof(fc.constantFrom(...SHARED_PATTERNS), fc.constantFrom(...JAVA_PATTERNS)),
    responseParameters: mapOf(HEADERS, fc.oneof(fc.constantFrom(...MAPPING_VALUES), staticValueArb)),
    responseTemplates: mapOf(CONTENT_TYPES, templateArb),
    contentHandling: fc.constantFrom(undefined, "CONVERT_TO_TEXT", "CONVERT_TO_BINARY"),
  })
  .map(({ contentHandling, ...rest }) => (contentHandling === undefined ? rest : { ...rest, contentHandling }));

/** The responses of one method: none, or up to 3 codes, as AWS can hold them (AWS-3..AWS-6). */
const methodResponsesArb: fc.Arbitrary<NormalizedResponses> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({}) },
  {
    weight: 5,
    arbitrary: fc
      .shuffledSubarray([...CODES], { minLength: 1, maxLength: 3 })
      .chain((codes) =>
        mapOf(
          codes,
          fc
            .record({ mr: fc.option(methodResponseArb, { nil: undefined }), ir: fc.option(integrationResponseArb, { nil: undefined }) })
            .filter((r) => r.mr !== undefined || r.ir !== undefined)
            .map(({ mr, ir }) => ({ ...(mr ? { methodResponse: mr } : {}), ...(ir ? { integrationResponse: ir } : {}) }) as NormalizedResponse),
        ),
      )
      .map(makeConsistent),
  },
);

type IntegrationKind = "MOCK" | "HTTP" | "AWS_PROXY" | "NONE";
const INTEGRATIONS: Record<Exclude<IntegrationKind, "NONE">, IntegrationInput> = {
  MOCK: MOCK_200,
  HTTP: { type: "HTTP", integrationHttpMethod: "GET", uri: "https://example.com/backend" },
  AWS_PROXY: {
    type: "AWS_PROXY",
    integrationHttpMethod: "POST",
    uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:proxy/invocations",
  },
};

/** A gateway response put (AWS-35: a field left out is the type's default), within the AWS-40 grammar. */
const GATEWAY_KEYS = [
  "gatewayresponse.header.Access-Control-Allow-Origin",
  "gatewayresponse.header.method.response.header.X",
  "gatewayresponse.header.x_odd.!#$%&'*+^`|~",
  "gatewayresponse.querystring.q",
  "gatewayresponse.path.id",
] as const;
const GATEWAY_VALUES = ["'*'", "'a.b.c'", "method.request.header.Origin", "method.request.querystring.q", "method.request.path.id"] as const;
const gatewayPutArb: fc.Arbitrary<GatewayResponseSpec> = fc
  .record({
    statusCode: fc.option(fc.constantFrom("200", "301", "400", "403", "404", "429", "500", "503", "504", "599"), { nil: undefined }),
    responseParameters: fc.option(mapOf(GATEWAY_KEYS, fc.oneof(fc.constantFrom(...GATEWAY_VALUES), staticValueArb)), { nil: undefined }),
    // Non-empty: an explicit `{}` is what a spec cannot ask for (AWS-35, noted by export); `""` is not known to be taken.
    responseTemplates: fc.option(
      mapOf(CONTENT_TYPES, templateArb.filter((t) => t !== "")).filter((m) => Object.keys(m).length > 0),
      { nil: undefined },
    ),
  })
  .map((g) => Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as GatewayResponseSpec);
const gatewayArb: fc.Arbitrary<Partial<Record<GatewayResponseType, GatewayResponseSpec>>> = fc
  .subarray([...GATEWAY_RESPONSE_TYPES], { maxLength: 4 })
  .chain((types) => fc.tuple(...types.map(() => gatewayPutArb)).map((puts) => Object.fromEntries(types.map((t, i) => [t, puts[i]!]))));

interface ResourceCase {
  readonly path: string;
  readonly part: string;
  /** Index of the parent in the list (the root is 0); -1 for the root itself. */
  readonly parent: number;
}
interface MethodCase {
  readonly resource: number;
  readonly httpMethod: string;
  readonly integration: IntegrationKind;
  /** Send empty maps and `""` patterns (true), or leave them out (false): the same to AWS (AWS-17, AWS-18). */
  readonly sendEmpty: boolean;
  readonly responses: NormalizedResponses;
}
interface ApiCase {
  readonly resources: readonly ResourceCase[];
  readonly methods: readonly MethodCase[];
  readonly gateway: Partial<Record<GatewayResponseType, GatewayResponseSpec>>;
}

/**
 * The resource tree of the drawn parts, as AWS lets it be built: no child under a greedy
 * part, sibling parts distinct, at most one variable part among siblings, a parameter
 * name used once on a path. A part that breaks one of these is left out.
 */
function buildTree(parts: readonly { parent: number; part: string }[]): ResourceCase[] {
  const nodes: (ResourceCase & { params: readonly string[] })[] = [{ path: "/", part: "", parent: -1, params: [] }];
  for (const { parent, part } of parts) {
    const open = nodes.map((_, i) => i).filter((i) => !nodes[i]!.part.endsWith("+}"));
    const p = open[parent % open.length]!;
    const name = part.startsWith("{") ? part.replace(/[{}+]/g, "") : undefined;
    const siblings = nodes.filter((n) => n.parent === p);
    if (siblings.some((s) => s.part === part || (name !== undefined && s.part.startsWith("{")))) continue;
    if (name !== undefined && nodes[p]!.params.includes(name)) continue;
    const parentPath = nodes[p]!.path;
    nodes.push({ path: parentPath === "/" ? `/${part}` : `${parentPath}/${part}`, part, parent: p, params: name === undefined ? nodes[p]!.params : [...nodes[p]!.params, name] });
  }
  return nodes.map(({ path, part, parent }) => ({ path, part, parent }));
}

const apiArb: fc.Arbitrary<ApiCase> = fc
  .record({
    parts: fc.array(
      fc.record({ parent: fc.nat(7), part: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...STATIC_PARTS) }, { weight: 2, arbitrary: fc.constantFrom(...PARAM_PARTS) }, { weight: 1, arbitrary: fc.constantFrom(...GREEDY_PARTS) }) }),
      { minLength: 1, maxLength: 6 },
    ),
    methods: fc.array(
      fc.record({
        resource: fc.nat(7),
        httpMethod: fc.constantFrom(...HTTP_METHODS),
        integration: fc.constantFrom<IntegrationKind>("MOCK", "MOCK", "HTTP", "AWS_PROXY", "NONE"),
        sendEmpty: fc.boolean(),
        responses: methodResponsesArb,
      }),
      { minLength: 2, maxLength: 8 },
    ),
    gateway: gatewayArb,
  })
  .map(({ parts, methods, gateway }) => {
    const resources = buildTree(parts);
    const seen = new Set<string>();
    const out: MethodCase[] = [];
    for (const m of methods) {
      const resource = m.resource % resources.length;
      if (seen.has(`${resource} ${m.httpMethod}`)) continue;
      seen.add(`${resource} ${m.httpMethod}`);
      // Without an integration there are no integration responses (AWS-8).
      out.push({ ...m, resource, responses: m.integration === "NONE" ? withoutIntegrationResponses(m.responses) : m.responses });
    }
    return { resources, methods: out, gateway };
  });

function withoutIntegrationResponses(responses: NormalizedResponses): NormalizedResponses {
  const out: Record<string, NormalizedResponse> = {};
  for (const [code, r] of Object.entries(responses)) if (r.methodResponse) out[code] = { methodResponse: r.methodResponse };
  return out;
}

// ---- seeding ----------------------------------------------------------------------

const nonEmpty = (m: Readonly<Record<string, unknown>>) => Object.keys(m).length > 0;

/** Create the API with the SDK, one call at a time (AWS-9); a refused call is a generator bug and says which. */
async function seed(sdk: APIGatewayClient, c: ApiCase, name: string): Promise<string> {
  const { restApiId, rootId } = await createRestApi(sdk, name);
  // methodResponseArb names the models Empty, Error and User: AWS has the first two in a new API.
  await sdk.send(new CreateModelCommand({ restApiId, name: "User", contentType: "application/json", schema: '{"type": "object"}' }));
  const ids: string[] = [rootId];
  for (const r of c.resources.slice(1)) ids.push(await createResource(sdk, restApiId, ids[r.parent]!, r.part));
  for (const m of c.methods) {
    const key = { restApiId, resourceId: ids[m.resource]!, httpMethod: m.httpMethod };
    const where = `${m.httpMethod} ${c.resources[m.resource]!.path}`;
    const step = async (what: string, call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (e) {
        throw new Error(`generator bug: the local API Gateway refused ${what} of ${where}: ${(e as Error).name}: ${(e as Error).message}`);
      }
    };
    await step("PutMethod/PutIntegration", () => putMethod(sdk, key, m.integration === "NONE" ? false : INTEGRATIONS[m.integration]));
    const map = <T>(v: Readonly<Record<string, T>>) => (m.sendEmpty || nonEmpty(v) ? { ...v } : undefined);
    for (const [statusCode, r] of Object.entries(m.responses)) {
      const mr: NormalizedMethodResponse | undefined = r.methodResponse;
      if (mr) {
        await step(`PutMethodResponse ${statusCode}`, () =>
          sdk.send(new PutMethodResponseCommand({ ...key, statusCode, responseParameters: map(mr.responseParameters), responseModels: map(mr.responseModels) })),
        );
      }
    }
    for (const [statusCode, r] of Object.entries(m.responses)) {
      const ir = r.integrationResponse;
      if (!ir) continue;
      await step(`PutIntegrationResponse ${statusCode}`, () =>
        sdk.send(
          new PutIntegrationResponseCommand({
            ...key,
            statusCode,
            selectionPattern: ir.selectionPattern !== "" || m.sendEmpty ? ir.selectionPattern : undefined,
            responseParameters: map(ir.responseParameters),
            responseTemplates: map(ir.responseTemplates),
            contentHandling: ir.contentHandling,
          }),
        ),
      );
    }
  }
  for (const [responseType, g] of Object.entries(c.gateway)) {
    await sdk.send(new PutGatewayResponseCommand({ restApiId, responseType: responseType as GatewayResponseType, ...g })).catch((e: Error) => {
      throw new Error(`generator bug: the local API Gateway refused PutGatewayResponse ${responseType} ${JSON.stringify(g)}: ${e.name}: ${e.message}`);
    });
  }
  return restApiId;
}

/** What the generated APIs held, over all runs: each must come up (see the end of the test). */
const reached = {
  "a path parameter": 0,
  "a greedy path part": 0,
  "a method without responses": 0,
  "an AWS_PROXY integration": 0,
  "no integration": 0,
  "a selection pattern of the Java pool": 0,
  'a "" template (AWS-16)': 0,
  "a template with a line break": 0,
  "contentHandling": 0,
  "a gateway response without statusCode": 0,
  "a gateway response with templates": 0,
};
function count(c: ApiCase): void {
  const add = (what: keyof typeof reached, yes: boolean) => (reached[what] += yes ? 1 : 0);
  add("a path parameter", c.resources.some((r) => /^\{[^+]*\}$/.test(r.part)));
  add("a greedy path part", c.resources.some((r) => r.part.endsWith("+}")));
  for (const m of c.methods) {
    add("a method without responses", Object.keys(m.responses).length === 0);
    add("an AWS_PROXY integration", m.integration === "AWS_PROXY");
    add("no integration", m.integration === "NONE");
    for (const r of Object.values(m.responses)) {
      const ir = r.integrationResponse;
      if (!ir) continue;
      add("a selection pattern of the Java pool", (JAVA_PATTERNS as readonly string[]).includes(ir.selectionPattern));
      add('a "" template (AWS-16)', Object.values(ir.responseTemplates).includes(""));
      add("a template with a line break", Object.values(ir.responseTemplates).some((t) => /[\r\n\u2028\u0085]/.test(t)));
      add("contentHandling", ir.contentHandling !== undefined);
    }
  }
  for (const g of Object.values(c.gateway)) {
    add("a gateway response without statusCode", g.statusCode === undefined);
    add("a gateway response with templates", g.responseTemplates !== undefined);
  }
}

/** One line per method and gateway response, for failure messages. */
function describeCase(c: ApiCase): string {
  const methods = c.methods.map((m) => `  ${m.httpMethod} ${c.resources[m.resource]!.path} (${m.integration}): ${JSON.stringify(m.responses)}`);
  const gateway = Object.entries(c.gateway).map(([t, g]) => `  gateway ${t}: ${JSON.stringify(g)}`);
  return [`resources: ${c.resources.map((r) => r.path).join(" ")}`, ...methods, ...gateway].join("\n");
}

describe("apigw-responses export: property against the local API Gateway", () => {
  const { endpoint, sdk, dir, ep } = cliSuite();

  it(`random APIs: export (yaml, json) then plan --spec exits 0, No changes., no write; a second export is byte-identical (${NUM_RUNS} APIs, seed ${SEED})`, async () => {
    const started = Date.now();
    let runs = 0;
    let failedAt: number | undefined;
    await fc.assert(
      fc.asyncProperty(apiArb, async (c) => {
        // Once a run failed, fast-check shrinks it; past SHRINK_MS the tries are skipped and the smallest failure so far is reported.
        if (failedAt !== undefined) fc.pre(Date.now() - failedAt < SHRINK_MS);
        try {
          await property(c, runs++);
        } catch (e) {
          failedAt ??= Date.now();
          throw e;
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS, { failOnInterrupt: true })] },
    );
    expect(runs, "every run was made").toBeGreaterThanOrEqual(NUM_RUNS);
    // The generated APIs must reach what the property is about (with the default seed and run count).
    if (process.env.EXPORT_PROPERTY_SEED === undefined && NUM_RUNS >= 15) {
      for (const [what, k] of Object.entries(reached)) expect(k, `generated APIs with ${what}`).toBeGreaterThan(0);
    }
    console.log(`export property: ${NUM_RUNS} random APIs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, BUDGET_MS + 60_000);

  /** One run: seed the API, export, export again, plan, count the writes, read the files back. */
  async function property(c: ApiCase, n: number): Promise<void> {
    for (const m of c.methods) {
      for (const r of Object.values(m.responses)) {
        const p = r.integrationResponse?.selectionPattern;
        expect(p === undefined || javaPatternSyntaxError(p) === undefined, `generator bug: Java refuses the pattern ${JSON.stringify(p)}`).toBe(true);
      }
    }
    count(c);
    const restApiId = await seed(sdk, c, `export-property-${n}`);
    const story = `REST API ${restApiId}:\n${describeCase(c)}`;
    const caseDir = path.join(dir, `case-${n}`);
    mkdirSync(caseDir);
    const file = (name: string) => path.join(caseDir, name);
    const before = await emulatorStats(endpoint);

    // Export each format, and one of them again (yaml and json in turn): reads only, so all at once.
    const again = n % 2 === 0 ? "yaml" : "json";
    const exports = await Promise.all(
      [["yaml", "a"], ["json", "a"], [again, "b"]].map(async ([format, copy]) => {
        const out = file(`${copy!}.${format!}`);
        const r = await cli(["export", "--rest-api-id", restApiId, "--format", format!, "--out", out, ...ep()]);
        expect(r.code, `export --format ${format!} exited ${r.code}\nstderr: ${r.stderr}\n${story}`).toBe(0);
        return { format: format as "yaml" | "json", copy: copy!, out, text: readFileSync(out, "utf8") };
      }),
    );
    const [first, second] = exports.filter((e) => e.format === again);
    expect(second!.text, `a second export --format ${again} differs from the first\n${story}`).toBe(first!.text);

    const firsts = exports.filter((e) => e.copy === "a");
    const plans = await Promise.all(firsts.map((e) => cli(["plan", "--spec", e.out, ...ep()]).then((r) => ({ ...e, r }))));
    for (const { format, out, text, r } of plans) {
      expect([r.code, r.stdout, r.stderr], `plan --spec of the ${format} export\n--- ${out}:\n${text}\n${story}`).toEqual([0, "No changes.\n", ""]);
    }
    const after = await emulatorStats(endpoint);
    const writes = Object.fromEntries(Object.entries(callsBetween(before, after)).filter(([op]) => /^(Put|Update|Delete|Create)/.test(op)));
    expect(writes, `write calls from the first export to the last plan\n${story}`).toEqual({});
    // The file asks for exactly what was put: every method by path, its responses normalized, the customized gateway
    // responses. This catches a value lost on both sides (by the normalizer, say), which plan alone would not see.
    for (const e of firsts) {
      const spec = parseSpecText(e.text, e.out) as SpecFile;
      const where = `the ${e.format} export\n--- ${e.out}:\n${e.text}\n${story}`;
      const asked = Object.fromEntries(spec.methods.map((m) => [`${m.httpMethod} ${m.path}`, normalizeDesiredResponses(m.responses)]));
      const put = Object.fromEntries(c.methods.map((m) => [`${m.httpMethod} ${c.resources[m.resource]!.path}`, m.responses]));
      expect(asked, `methods and responses of ${where}`).toEqual(put);
      const gateway = spec.gatewayResponses ?? {};
      expect(Object.keys(gateway).sort(), `customized gateway response types of ${where}`).toEqual(Object.keys(c.gateway).sort());
      for (const [type, g] of Object.entries(c.gateway) as [GatewayResponseType, GatewayResponseSpec][]) {
        expect(normalizeGatewayResponse(type, gateway[type]), `gateway response ${type} of ${where}`).toEqual(normalizeGatewayResponse(type, g));
      }
      expect(spec.gatewayResponsesExclusive, `gatewayResponsesExclusive of ${where}`).toBe(true);
    }
  }
});
