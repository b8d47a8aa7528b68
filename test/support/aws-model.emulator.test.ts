/**
 * The AWS model (`aws-model.ts`), the oracle the planner's property test trusts, against
 * the local API Gateway: random sequences of the five calls the planner emits, applied to
 * the model and, with the real SDK client, to a freshly seeded method, must give the same
 * state after every call (read raw with `GetMethod`, compared after normalization) and the
 * same refusals (HTTP status and AWS error name; the exact message where the model claims
 * AWS's text). Where they disagreed, `docs/aws-behaviors.md` decided which one was wrong
 * and that one was fixed; what the catalogue cannot decide is listed in {@link EXCLUSIONS}.
 *
 * Reproduce a run with `DIFF_SEED=<seed> npx vitest run test/support/aws-model.emulator.test.ts`
 * (the seed is printed on failure).
 */
import {
  DeleteIntegrationResponseCommand,
  DeleteMethodResponseCommand,
  GetMethodCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
  UpdateMethodResponseCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodKey, NormalizedResponses, Operation, PatchOperation } from "../../src/model";
import { normalizeIntegrationResponse, normalizeLiveMethod } from "../../src/normalize";
import { modelPatchPath, parameterPatchPath } from "../../src/patch";
import { CONTENT_TYPES, HEADERS, MAPPING_VALUES, PATTERNS, TEMPLATES, mapOf } from "./arbitraries";
import { applyOperation, AwsModelError, type AwsModelErrorName } from "./aws-model";
import { body, clientFor, createMethod, errorOf, key, rawCall } from "./emulator";
import { sharedEndpoint } from "./workers";

const SEED = process.env.DIFF_SEED !== undefined ? Number(process.env.DIFF_SEED) : 160_016;
const NUM_RUNS = 25;
const MAX_OPS = 8;

/**
 * The shared pools (`arbitraries.ts`, within the spec grammar) and keys outside it that the
 * validator refuses but the model and the emulator both take: a Unicode header name, a
 * Unicode content type, and one with a second `/` (escaped `~1` inside the segment, AWS-21).
 */
const UNICODE_HEADER = "method.response.header.Ünïcødé-✓";
const KEYS = {
  headers: [...HEADERS, UNICODE_HEADER],
  contentTypes: [...CONTENT_TYPES, "text/ünïcødé", "application/vnd.a~1b/c"],
} as const;

/** A small pool of codes, so that sequences meet the same code again (AWS-1, AWS-6, AWS-14). */
const CODES = ["200", "404", "599"] as const;

/** The HTTP status of each error name the model throws. */
const STATUS: Record<AwsModelErrorName, number> = {
  ConflictException: 409,
  BadRequestException: 400,
  NotFoundException: 404,
  ValidationException: 400,
};

/** The rules whose message the model gives as AWS's exact text (see the catalogue entries). */
const EXACT_MESSAGES = new Set(["AWS-1", "AWS-4", "AWS-5", "AWS-6", "AWS-7", "AWS-13", "AWS-14", "AWS-22"]);

/**
 * Named, documented places where the model and the emulator may disagree and the
 * catalogue cannot say who is right. A call the model refuses under one of these rules is
 * not sent to the emulator (the two states would otherwise part for good); each use is counted.
 */
const EXCLUSIONS = {
  /**
   * `model`: the model refuses to remove a method response header, or to delete a method
   * response, while the integration response of the same code maps that header. It is
   * deliberately stricter than anything recorded (aws-model.ts, module TSDoc), so that a
   * planner passing there passes on a more lenient AWS; the catalogue has no entry and the
   * emulator accepts the call.
   */
  STRICTER_THAN_RECORDED: "model",
} as const;

/** An integration response as a caller may send it: `selectionPattern` possibly left out (AWS-17), `null` templates (AWS-16). */
interface RawIntegrationResponse {
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string | null>;
  contentHandling?: "CONVERT_TO_TEXT" | "CONVERT_TO_BINARY";
}

/** One generated call: the model's operation, and for PutIntegrationResponse the raw body sent to the emulator. */
type Step =
  | { readonly op: Operation; readonly raw?: undefined }
  | { readonly op: Operation & { kind: "PutIntegrationResponse" }; readonly raw: RawIntegrationResponse };

/** `200` most often, so that calls meet what earlier calls wrote (AWS-1, AWS-22); `600` rarely (AWS-7). */
const codeArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant(CODES[0]) },
  { weight: 4, arbitrary: fc.constant(CODES[1]) },
  { weight: 3, arbitrary: fc.constant(CODES[2]) },
  { weight: 1, arbitrary: fc.constant("600") },
);
const placeholderKey: MethodKey = { restApiId: "-", resourceId: "-", httpMethod: "GET" };

const methodResponseArb = fc.record({
  responseParameters: mapOf(KEYS.headers, fc.boolean()),
  responseModels: mapOf(KEYS.contentTypes, fc.constantFrom("Empty", "Error")),
});

const rawIntegrationResponseArb: fc.Arbitrary<RawIntegrationResponse> = fc
  .record({
    selectionPattern: fc.option(fc.constantFrom(...PATTERNS), { nil: undefined }),
    // Mostly no mappings (AWS-3) or mappings of two headers, so that puts often succeed
    // and later calls meet them (AWS-6, AWS-22); sometimes any header (AWS-4, AWS-5).
    responseParameters: fc.oneof(
      { weight: 2, arbitrary: fc.constant({}) },
      { weight: 2, arbitrary: mapOf([HEADERS[0], UNICODE_HEADER], fc.constantFrom(...MAPPING_VALUES)) },
      { weight: 1, arbitrary: mapOf(KEYS.headers, fc.constantFrom(...MAPPING_VALUES)) },
    ),
    responseTemplates: mapOf(KEYS.contentTypes, fc.constantFrom<string | null>(null, ...TEMPLATES)),
    contentHandling: fc.constantFrom<RawIntegrationResponse["contentHandling"]>(undefined, "CONVERT_TO_TEXT", "CONVERT_TO_BINARY"),
  })
  .map(({ selectionPattern, contentHandling, ...rest }) => ({
    ...rest,
    ...(selectionPattern === undefined ? {} : { selectionPattern }),
    ...(contentHandling === undefined ? {} : { contentHandling }),
  }));

/** Patch operations on parameters and models, present or absent keys alike (AWS-21, AWS-22), with a rare bad value (AWS-24) or path (AWS-23). */
const patchOpArb: fc.Arbitrary<PatchOperation> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ op: fc.constantFrom("add", "replace", "remove"), path: fc.constantFrom(...KEYS.headers).map(parameterPatchPath), value: fc.constantFrom("true", "false") }) },
  { weight: 10, arbitrary: fc.record({ op: fc.constantFrom("add", "replace", "remove"), path: fc.constantFrom(...KEYS.contentTypes).map(modelPatchPath), value: fc.constantFrom("Empty", "Error") }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("add"), path: fc.constantFrom(...KEYS.headers).map(parameterPatchPath), value: fc.constant("yes") }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("add"), path: fc.constant("/wrong/x"), value: fc.constant("1") }) },
).map((p) => (p.op === "remove" ? { op: p.op, path: p.path } : p)) as fc.Arbitrary<PatchOperation>;

/** Puts weigh more than updates and deletes, so that sequences build state to conflict with (starting from none). */
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: codeArb.chain((statusCode) =>
    methodResponseArb.map((methodResponse): Step => ({ op: { kind: "PutMethodResponse", key: placeholderKey, statusCode, methodResponse, changes: [] } })),
  ) },
  { weight: 3, arbitrary: codeArb.chain((statusCode) =>
    fc.array(patchOpArb, { maxLength: 3 }).map((patch): Step => ({ op: { kind: "UpdateMethodResponse", key: placeholderKey, statusCode, patch, changes: [] } })),
  ) },
  { weight: 1, arbitrary: codeArb.map((statusCode): Step => ({ op: { kind: "DeleteMethodResponse", key: placeholderKey, statusCode, changes: [] } })) },
  { weight: 4, arbitrary: codeArb.chain((statusCode) =>
    rawIntegrationResponseArb.map(
      (raw): Step => ({
        // The model takes the normalized value: `null` → `""` (AWS-16), no pattern → `""` (AWS-17).
        op: { kind: "PutIntegrationResponse", key: placeholderKey, statusCode, integrationResponse: normalizeIntegrationResponse(raw), changes: [] },
        raw,
      }),
    ),
  ) },
  { weight: 1, arbitrary: codeArb.map((statusCode): Step => ({ op: { kind: "DeleteIntegrationResponse", key: placeholderKey, statusCode, changes: [] } })) },
);

/** Hand-written steps, for the sequences every run must contain. */
const put = (statusCode: string, mr: { responseParameters?: Record<string, boolean>; responseModels?: Record<string, string> }): Step => ({
  op: { kind: "PutMethodResponse", key: placeholderKey, statusCode, methodResponse: { responseParameters: {}, responseModels: {}, ...mr }, changes: [] },
});
const update = (statusCode: string, ...patch: PatchOperation[]): Step => ({ op: { kind: "UpdateMethodResponse", key: placeholderKey, statusCode, patch, changes: [] } });
const deleteMr = (statusCode: string): Step => ({ op: { kind: "DeleteMethodResponse", key: placeholderKey, statusCode, changes: [] } });
const putIr = (statusCode: string, raw: RawIntegrationResponse): Step => ({
  op: { kind: "PutIntegrationResponse", key: placeholderKey, statusCode, integrationResponse: normalizeIntegrationResponse(raw), changes: [] },
  raw,
});
const deleteIr = (statusCode: string): Step => ({ op: { kind: "DeleteIntegrationResponse", key: placeholderKey, statusCode, changes: [] } });
const [A, B, , TILDE] = HEADERS;
const UNICODE = UNICODE_HEADER;

/**
 * Sequences run before the random ones (fast-check `examples`), so that every run meets
 * each awkward case whatever the seed: a second default (AWS-6) after a `null` template
 * (AWS-16) and an absent pattern (AWS-17); escaped content types, a missing key (AWS-21,
 * AWS-22) and a put over an existing method response (AWS-1); an undeclared header (AWS-5),
 * the model's stricter refusals ({@link EXCLUSIONS}) and deletes of missing responses (AWS-14).
 */
const EXAMPLES: Step[][] = [
  [
    putIr("200", { responseTemplates: { "application/vnd.x~y+json": null, "text/ünïcødé": "{\"ü\": \"😀\"}" } }),
    // A second default, written both ways (AWS-17: "" and no pattern are the same default).
    putIr("404", { selectionPattern: "", responseTemplates: { "application/json": "" } }),
    putIr("404", { responseTemplates: { "application/json": null } }),
    putIr("200", { selectionPattern: "", responseTemplates: {} }),
    putIr("404", { selectionPattern: "" }),
    putIr("404", { selectionPattern: "4\\d{2}" }),
    deleteIr("599"),
  ],
  [
    put("200", { responseModels: { "application/vnd.a~1b/c": "Empty" }, responseParameters: { [TILDE!]: false, [UNICODE!]: true } }),
    update("200", { op: "replace", path: "/responseModels/application~1vnd.a~01b~1c", value: "Error" }, { op: "add", path: "/responseModels/application~1vnd.x~0y+json", value: "Empty" }),
    update("200", { op: "remove", path: "/responseModels/text~1ünïcødé" }),
    update("200", { op: "replace", path: `/responseParameters/${A!}`, value: "true" }),
    update("200", { op: "remove", path: `/responseParameters/${TILDE!}` }, { op: "replace", path: `/responseParameters/${UNICODE!}`, value: "false" }),
    put("200", {}),
  ],
  [
    put("200", { responseParameters: { [A!]: true } }),
    putIr("200", { selectionPattern: "2\\d\\d", responseParameters: { [A!]: "'*'" } }),
    putIr("200", { responseParameters: { [B!]: "'b'" } }),
    putIr("404", { responseParameters: { [A!]: "'a'" } }),
    update("200", { op: "remove", path: `/responseParameters/${A!}` }),
    deleteMr("200"),
    deleteIr("200"),
    deleteMr("200"),
    deleteMr("200"),
  ],
];

/** What one call did: `ok`, or the AWS error as status, name and message. */
type Outcome = { readonly ok: true } | { readonly ok: false; readonly status: number; readonly name: string; readonly message: string; readonly rule?: string };

/**
 * An integration response with a `null` template, sent over raw HTTP: the SDK v3 drops
 * `null` map values when it serializes a request (checked: `{"a": null, "b": ""}` goes out
 * as `{"b": ""}`), so AWS-16's `null` can only be sent without it. Errors are thrown in
 * the SDK's shape (`name`, `message`, `$metadata.httpStatusCode`).
 */
async function putRawIntegrationResponse(k: MethodKey, statusCode: string, raw: RawIntegrationResponse): Promise<void> {
  const path = `/restapis/${k.restApiId}/resources/${k.resourceId}/methods/${k.httpMethod}/integration/responses/${statusCode}`;
  const res = await rawCall(sharedEndpoint(), "PUT", path, raw);
  if (res.status < 400) return;
  const json = (res.json ?? {}) as { message?: string };
  const name = (res.headers.get("x-amzn-errortype") ?? "").split(":")[0];
  throw Object.assign(new Error(json.message ?? ""), { name, $metadata: { httpStatusCode: res.status } });
}

const hasNullTemplate = (raw: RawIntegrationResponse): boolean => Object.values(raw.responseTemplates ?? {}).some((v) => v === null);

/** Send one step with the SDK, as `src/apply.ts` would (the raw body for integration responses; raw HTTP when it holds a `null`). */
function send(client: APIGatewayClient, k: MethodKey, step: Step): Promise<unknown> {
  const base = { ...k, statusCode: step.op.statusCode };
  switch (step.op.kind) {
    case "PutMethodResponse":
      return client.send(new PutMethodResponseCommand({ ...base, ...step.op.methodResponse }));
    case "UpdateMethodResponse":
      return client.send(new UpdateMethodResponseCommand({ ...base, patchOperations: step.op.patch.map((p) => ({ ...p })) }));
    case "DeleteMethodResponse":
      return client.send(new DeleteMethodResponseCommand(base));
    case "PutIntegrationResponse":
      if (step.raw !== undefined && hasNullTemplate(step.raw)) return putRawIntegrationResponse(k, step.op.statusCode, step.raw);
      return client.send(new PutIntegrationResponseCommand({ ...base, ...(step.raw as unknown as Record<string, string>) }));
    case "DeleteIntegrationResponse":
      return client.send(new DeleteIntegrationResponseCommand(base));
  }
}

/** A readable one-line description of a step, for failure messages. */
function describeStep(step: Step): string {
  const { key: _k, changes: _c, ...rest } = step.op as Operation & Record<string, unknown>;
  return JSON.stringify(step.raw === undefined ? rest : { kind: step.op.kind, statusCode: step.op.statusCode, raw: step.raw });
}

let client: APIGatewayClient;
beforeAll(() => {
  client = clientFor(sharedEndpoint());
});
afterAll(() => client?.destroy());

async function liveResponses(k: MethodKey): Promise<NormalizedResponses> {
  return normalizeLiveMethod(await client.send(new GetMethodCommand(k))).responses;
}

/** Run one sequence on a fresh method; returns how many calls each exclusion skipped and how many errors were compared. */
async function runSequence(steps: readonly Step[]): Promise<{ excluded: number; errors: number; rules: string[] }> {
  const m = await createMethod(client, { name: "model-differential" });
  const k = key(m);
  let model: NormalizedResponses = {};
  let excluded = 0;
  let errors = 0;
  const rules: string[] = [];
  const trail: string[] = [];
  for (const [i, step] of steps.entries()) {
    trail.push(`${i + 1}. ${describeStep(step)}`);
    const where = `after call ${i + 1} of\n${trail.join("\n")}\n`;
    let expected: Outcome = { ok: true };
    let next = model;
    try {
      next = applyOperation(model, step.op);
    } catch (e) {
      if (!(e instanceof AwsModelError)) throw e;
      expected = { ok: false, status: STATUS[e.code], name: e.code, message: e.awsMessage, rule: e.rule };
    }
    if (!expected.ok && expected.rule === EXCLUSIONS.STRICTER_THAN_RECORDED) {
      excluded += 1;
      trail[trail.length - 1] += "  [excluded: STRICTER_THAN_RECORDED]";
      continue;
    }
    const err = await errorOf(send(client, k, step));
    const actual: Outcome = err === undefined ? { ok: true } : { ok: false, status: err.status ?? 0, name: err.name, message: err.message };
    if (!expected.ok) {
      errors += 1;
      rules.push(expected.rule!);
      const { rule, message, ...shape } = expected;
      const claimed = EXACT_MESSAGES.has(rule!) ? { ...shape, message } : shape;
      const got = actual.ok ? actual : EXACT_MESSAGES.has(rule!) ? actual : { ok: actual.ok, status: actual.status, name: actual.name };
      expect(got, `model refused (${rule}) ${where}`).toEqual(claimed);
    } else {
      expect(actual, `model accepted ${where}`).toEqual({ ok: true });
    }
    model = next;
    expect(await liveResponses(k), `state ${where}`).toEqual(model);
  }
  return { excluded, errors, rules };
}

describe("aws-model against the local API Gateway", () => {
  it(
    `random call sequences give the same state and the same errors (${EXAMPLES.length} written + ${NUM_RUNS} random sequences of up to ${MAX_OPS} calls, seed ${SEED})`,
    async () => {
      let excluded = 0;
      let errors = 0;
      let calls = 0;
      let sequences = 0;
      const rules = new Set<string>();
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: MAX_OPS }), async (steps) => {
            const r = await runSequence(steps);
            excluded += r.excluded;
            errors += r.errors;
            calls += steps.length;
            sequences += 1;
            for (const rule of r.rules) rules.add(rule);
          }),
          { numRuns: EXAMPLES.length + NUM_RUNS, seed: SEED, examples: EXAMPLES.map((steps) => [steps] as [Step[]]) },
        );
      } catch (e) {
        console.error(`aws-model differential failed; reproduce with DIFF_SEED=${SEED}`);
        throw e;
      }
      console.log(`aws-model differential: ${sequences} sequences, ${calls} calls, ${errors} refusals compared (${[...rules].sort().join(", ")}), ${excluded} excluded (STRICTER_THAN_RECORDED)`);
      // The sequences must reach the refusals they are about.
      expect(sequences).toBe(EXAMPLES.length + NUM_RUNS);
      expect(errors).toBeGreaterThan(NUM_RUNS / 2);
      for (const rule of ["AWS-1", "AWS-4", "AWS-5", "AWS-6", "AWS-13", "AWS-14", "AWS-22"]) expect(rules, rule).toContain(rule);
      expect(excluded, "the model's stricter refusals were met and skipped").toBeGreaterThan(0);
    },
    120_000,
  );

  it("one sequence read back raw, compared with literal values (AWS-16, AWS-17, AWS-18, AWS-21)", async () => {
    const m = await createMethod(client, { name: "model-differential-literal" });
    const k = key(m);
    const steps: Step[] = [
      {
        op: {
          kind: "PutMethodResponse",
          key: k,
          statusCode: "200",
          methodResponse: { responseParameters: { "method.response.header.X~1Y": true }, responseModels: { "application/vnd.x~y+json": "Empty" } },
          changes: [],
        },
      },
      {
        op: {
          kind: "UpdateMethodResponse",
          key: k,
          statusCode: "200",
          patch: [
            // AWS-21: the content type `application/vnd.a~1b/c` escaped by hand; the parameter key as written.
            { op: "add", path: "/responseModels/application~1vnd.a~01b~1c", value: "Error" },
            { op: "replace", path: "/responseParameters/method.response.header.X~1Y", value: "false" },
          ],
          changes: [],
        },
      },
    ];
    const raw200: RawIntegrationResponse = {
      selectionPattern: "",
      responseParameters: { "method.response.header.X~1Y": "'ü ✓'" },
      responseTemplates: { "application/json": null, "text/ünïcødé": "" },
    };
    const raw404: RawIntegrationResponse = { selectionPattern: "4\\d\\d", responseTemplates: { "application/json": '{"ü": "😀"}' } };
    steps.push({ op: { kind: "PutIntegrationResponse", key: k, statusCode: "200", integrationResponse: normalizeIntegrationResponse(raw200), changes: [] }, raw: raw200 });
    steps.push({ op: { kind: "PutIntegrationResponse", key: k, statusCode: "404", integrationResponse: normalizeIntegrationResponse(raw404), changes: [] }, raw: raw404 });
    let model: NormalizedResponses = {};
    for (const step of steps) {
      model = applyOperation(model, step.op);
      await send(client, k, step);
    }
    const got = body(await client.send(new GetMethodCommand(k)));
    expect({ methodResponses: got.methodResponses, integrationResponses: got.methodIntegration?.integrationResponses }).toEqual({
      methodResponses: {
        "200": {
          statusCode: "200",
          responseParameters: { "method.response.header.X~1Y": false },
          responseModels: { "application/vnd.a~1b/c": "Error", "application/vnd.x~y+json": "Empty" },
        },
      },
      integrationResponses: {
        // AWS-16: "" and null templates both come back null; AWS-17: "" is echoed.
        "200": {
          statusCode: "200",
          selectionPattern: "",
          responseParameters: { "method.response.header.X~1Y": "'ü ✓'" },
          responseTemplates: { "application/json": null, "text/ünïcødé": null },
        },
        // AWS-18: parameters never sent are absent.
        "404": { statusCode: "404", selectionPattern: "4\\d\\d", responseTemplates: { "application/json": '{"ü": "😀"}' } },
      },
    });
    // And the model, written by hand too.
    expect(model).toEqual({
      "200": {
        methodResponse: {
          responseModels: { "application/vnd.a~1b/c": "Error", "application/vnd.x~y+json": "Empty" },
          responseParameters: { "method.response.header.X~1Y": false },
        },
        integrationResponse: {
          selectionPattern: "",
          responseParameters: { "method.response.header.X~1Y": "'ü ✓'" },
          responseTemplates: { "application/json": "", "text/ünïcødé": "" },
        },
      },
      "404": { integrationResponse: { selectionPattern: "4\\d\\d", responseParameters: {}, responseTemplates: { "application/json": '{"ü": "😀"}' } } },
    });
  });
});
