/** fast-check arbitraries of normalized responses, shared by the property tests. */
import fc from "fast-check";
import type {
  ContentHandling,
  NormalizedIntegrationResponse,
  NormalizedMethodResponse,
  NormalizedResponse,
  NormalizedResponses,
} from "../../src/model";

/**
 * The pools the generators draw from. They hold the awkward cases on purpose, within what a
 * spec may say (`src/validate/grammar.ts`: header names and both halves of a content type are
 * HTTP tokens, AWS-28), so that specs built from them stay valid: status codes at both ends
 * of AWS-7's range; parameter keys with `~1` and with every other token character (parameter
 * keys are NOT escaped in patch paths, AWS-21); content types with `~`, `+`, `*` and a
 * literal `~1` (escaped `~01`, AWS-21); Unicode in templates, patterns and mapping values;
 * `""` templates (AWS-16: `null` normalizes to `""`) and `""` patterns (AWS-17, the default,
 * twice so that AWS-6 comes up often). Keys outside the grammar (Unicode, a second `/`) are
 * added by the AWS model's differential test, which compares the model and the emulator on them.
 */
export const CODES = ["100", "200", "201", "204", "301", "400", "404", "500", "503", "599"] as const;
export const HEADERS = [
  "method.response.header.A",
  "method.response.header.B",
  "method.response.header.X-Trace",
  "method.response.header.X~1Y",
  "method.response.header.x_odd.!#$%&'*+^`|~",
] as const;
export const CONTENT_TYPES = ["application/json", "text/plain", "application/vnd.x~y+json", "application/vnd.a~1b+json", "*/*"] as const;
export const PATTERNS = ["", "", "4\\d\\d", "5\\d\\d", ".*error.*", "-", ".*ünï.*"] as const;
export const TEMPLATES = ["", "{}", "#set($a = 1)\n$a", " ", "{\"ü\": \"✓ 😀\"}", "$input.path('$.a~1b')"] as const;
export const MAPPING_VALUES = ["'*'", "integration.response.header.x", "integration.response.body.a", "'ü ✓ 😀'"] as const;

/** A map over a subset of `keys` with values from `value`, keys in canonical (sorted) order. */
export function mapOf<T>(keys: readonly string[], value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> {
  return fc.subarray([...keys]).chain((ks) =>
    fc.tuple(...ks.map(() => value)).map((vs) => {
      const out: Record<string, T> = {};
      [...ks].sort().forEach((k, i) => {
        out[k] = vs[i] as T;
      });
      return out;
    }),
  );
}

export const methodResponseArb: fc.Arbitrary<NormalizedMethodResponse> = fc.record({
  responseParameters: mapOf(HEADERS, fc.boolean()),
  responseModels: mapOf(CONTENT_TYPES, fc.constantFrom("Empty", "Error", "User")),
});

/** An integration response; `headers` limits the mapped headers (all by default). */
export function integrationResponseArb(headers: readonly string[] = HEADERS): fc.Arbitrary<NormalizedIntegrationResponse> {
  return fc
    .record({
      selectionPattern: fc.constantFrom(...PATTERNS),
      responseParameters: mapOf(headers, fc.constantFrom(...MAPPING_VALUES)),
      responseTemplates: mapOf(CONTENT_TYPES, fc.constantFrom(...TEMPLATES)),
      contentHandling: fc.constantFrom<ContentHandling | undefined>(undefined, "CONVERT_TO_TEXT", "CONVERT_TO_BINARY"),
    })
    .map(({ contentHandling, ...rest }) => (contentHandling === undefined ? rest : { ...rest, contentHandling }));
}

/** Any normalized responses (not necessarily satisfying AWS's rules). */
export const responsesArb: fc.Arbitrary<NormalizedResponses> = mapOf(
  CODES,
  fc
    .record({ mr: fc.option(methodResponseArb, { nil: undefined }), ir: fc.option(integrationResponseArb(), { nil: undefined }) })
    .filter((r) => r.mr !== undefined || r.ir !== undefined)
    .map(({ mr, ir }) => {
      const out: { methodResponse?: NormalizedMethodResponse; integrationResponse?: NormalizedIntegrationResponse } = {};
      if (mr !== undefined) out.methodResponse = mr;
      if (ir !== undefined) out.integrationResponse = ir;
      return out as NormalizedResponse;
    }),
);

/**
 * Responses that AWS could hold (AWS-4, AWS-5, AWS-6): an integration response maps
 * only headers its method response declares, and at most one is the default.
 */
export const consistentResponsesArb: fc.Arbitrary<NormalizedResponses> = responsesArb.map(makeConsistent);

/** Drop mappings of undeclared headers, and turn extra defaults into a pattern. */
export function makeConsistent(responses: NormalizedResponses): NormalizedResponses {
  const out: Record<string, NormalizedResponse> = {};
  let hasDefault = false;
  for (const [code, r] of Object.entries(responses)) {
    let ir = r.integrationResponse;
    if (ir !== undefined) {
      const declared = r.methodResponse?.responseParameters ?? {};
      const params = Object.fromEntries(Object.entries(ir.responseParameters).filter(([k]) => Object.hasOwn(declared, k)));
      let selectionPattern = ir.selectionPattern;
      if (selectionPattern === "") {
        if (hasDefault) selectionPattern = `${code}`;
        hasDefault = true;
      }
      ir = { ...ir, responseParameters: params, selectionPattern };
    }
    out[code] = { ...r, ...(ir === undefined ? {} : { integrationResponse: ir }) };
  }
  return out;
}
