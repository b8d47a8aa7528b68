/** The bad-input corpus, shared by test/validate/bad-input.emulator.test.ts and the JSON Schema agreement test (test/schema-agreement.test.ts). */

const H = (name: string) => `method.response.header.${name}`;

/** The REST API and resource a corpus spec names. */
export interface MethodIds {
  readonly restApiId: string;
  readonly resourceId: string;
}

export type Spec = Record<string, unknown>;
/** A valid spec of the method `ids()` names with `edit` applied to a copy of it. */
function variantOf(ids: () => MethodIds, edit: (s: Spec & { responses: Record<string, Record<string, Record<string, unknown>>> }) => void): Spec {
  const s = {
    restApiId: ids().restApiId,
    resourceId: ids().resourceId,
    httpMethod: "GET",
    responses: {
      "200": {
        methodResponse: { responseParameters: { [H("X-A")]: true }, responseModels: { "application/json": "Empty" } },
        integrationResponse: { responseParameters: { [H("X-A")]: "'a'" }, responseTemplates: { "application/json": "{}" } },
      },
      "404": { methodResponse: {}, integrationResponse: { selectionPattern: ".*Not Found.*" } },
    },
  };
  edit(s as never);
  return s;
}

/** The valid spec every case of the corpus edits, unedited: the control that passes validation. */
export function baseSpec(ids: () => MethodIds): Spec {
  return variantOf(ids, () => undefined);
}

const ok200 = (s: { responses: Record<string, Record<string, Record<string, unknown>>> }) => s.responses["200"]!;
const mr = (s: Parameters<typeof ok200>[0]) => ok200(s).methodResponse!;
const ir = (s: Parameters<typeof ok200>[0]) => ok200(s).integrationResponse!;
const IRP = "responses.200.integrationResponse";
const MRP = "responses.200.methodResponse";

/** Selection patterns that JavaScript's RegExp accepts and Java's Pattern.compile refuses (AWS-29; verdicts in test/java-regex.test.ts). */
export const JAVA_ONLY_REGEX_ERRORS = ["{abc}", "x{,3}", "\\k", "a{", "(?<my_name>x)", "\\u{1F600}", "\\y", "\\k<nope>", "(?<=(?:ab)+)c"];

/**
 * The bad-input corpus of test/validate/bad-input.emulator.test.ts: [name, spec, the property the failure must name],
 * each spec of the method `ids()` names (read when the spec is made).
 */
export function badInputCorpus(ids: () => MethodIds): [string, () => Spec, string][] {
  const variant = (edit: Parameters<typeof variantOf>[1]) => variantOf(ids, edit);
  return [
    // wrong types
    ["restApiId is a number", () => variant((s) => (s.restApiId = 42)), "restApiId"],
    ["resourceId is a list", () => variant((s) => (s.resourceId = ["r1"])), "resourceId"],
    ["httpMethod in lower case", () => variant((s) => (s.httpMethod = "get")), "httpMethod"],
    ["httpMethod unknown", () => variant((s) => (s.httpMethod = "FETCH")), "httpMethod"],
    ["exclusive is a string", () => variant((s) => (s.exclusive = "yes")), "exclusive"],
    ["responses is a list", () => variant((s) => (s.responses = [] as never)), "responses"],
    ["responses is a string", () => variant((s) => (s.responses = "200" as never)), "responses"],
    ["a status code's value is a string", () => variant((s) => (s.responses["200"] = "ok" as never)), "responses.200"],
    ["methodResponse is a list", () => variant((s) => (ok200(s).methodResponse = [] as never)), MRP],
    ["method response parameter is the string \"true\"", () => variant((s) => (mr(s).responseParameters = { [H("X-A")]: "true" })), `${MRP}.responseParameters.${H("X-A")}`],
    ["model name is a number", () => variant((s) => (mr(s).responseModels = { "application/json": 5 })), `${MRP}.responseModels.application/json`],
    ["selectionPattern is a number", () => variant((s) => (ir(s).selectionPattern = 404)), `${IRP}.selectionPattern`],
    ["template is an object", () => variant((s) => (ir(s).responseTemplates = { "application/json": { a: 1 } })), `${IRP}.responseTemplates.application/json`],
    ["contentHandling unknown", () => variant((s) => (ir(s).contentHandling = "CONVERT_TO_JSON")), `${IRP}.contentHandling`],
    // bad status codes (AWS-7)
    ["status code 600", () => variant((s) => (s.responses["600"] = { methodResponse: {} })), "responses.600"],
    ["status code 20", () => variant((s) => (s.responses["20"] = { methodResponse: {} })), "responses.20"],
    ["status code abc", () => variant((s) => (s.responses["abc"] = { methodResponse: {} })), "responses.abc"],
    ["status code 2000", () => variant((s) => (s.responses["2000"] = { methodResponse: {} })), "responses.2000"],
    ["status code 099", () => variant((s) => (s.responses["099"] = { methodResponse: {} })), "responses.099"],
    // bad mapping expressions (AWS-28)
    ["mapping value with a $ prefix", () => variant((s) => (ir(s).responseParameters = { [H("X-A")]: "$integration.response.header.Y" })), `${IRP}.responseParameters.${H("X-A")}`],
    ["mapping from the request", () => variant((s) => (ir(s).responseParameters = { [H("X-A")]: "method.request.header.Y" })), `${IRP}.responseParameters.${H("X-A")}`],
    ["static value not closed", () => variant((s) => (ir(s).responseParameters = { [H("X-A")]: "'unterminated" })), `${IRP}.responseParameters.${H("X-A")}`],
    ["mapping key of the request", () => variant((s) => (ir(s).responseParameters = { "method.request.header.X-A": "'a'" })), `${IRP}.responseParameters.method.request.header.X-A`],
    ["header name empty", () => variant((s) => (mr(s).responseParameters = { "method.response.header.": true })), `${MRP}.responseParameters.method.response.header.`],
    ["header name with a space", () => variant((s) => (mr(s).responseParameters = { "method.response.header.Bad Header": true })), `${MRP}.responseParameters.method.response.header.Bad Header`],
    // undeclared headers (AWS-4, AWS-5)
    ["mapping a header the method response does not declare", () => variant((s) => (ir(s).responseParameters = { [H("X-B")]: "'b'" })), `${IRP}.responseParameters.${H("X-B")}`],
    ["mapping a header declared with other letter case", () => variant((s) => (ir(s).responseParameters = { [H("x-a")]: "'a'" })), `${IRP}.responseParameters.${H("x-a")}`],
    // duplicate defaults (AWS-6)
    ["two default integration responses", () => variant((s) => (s.responses["500"] = { methodResponse: {}, integrationResponse: {} })), "responses.500.integrationResponse.selectionPattern"],
    ["default as \"\" and as absent", () => variant((s) => (s.responses["404"]!.integrationResponse = { selectionPattern: "" })), "responses.404.integrationResponse.selectionPattern"],
    // invalid regular expressions (AWS-17, AWS-29)
    ["selectionPattern does not compile", () => variant((s) => (s.responses["404"]!.integrationResponse = { selectionPattern: "([" })), "responses.404.integrationResponse.selectionPattern"],
    ["selectionPattern \"-\"", () => variant((s) => (s.responses["404"]!.integrationResponse = { selectionPattern: "-" })), "responses.404.integrationResponse.selectionPattern"],
    ["selectionPattern starting with *", () => variant((s) => (s.responses["404"]!.integrationResponse = { selectionPattern: "*Not Found" })), "responses.404.integrationResponse.selectionPattern"],
    // selection patterns JavaScript's RegExp accepts but Java's Pattern.compile refuses (AWS-29)
    ...JAVA_ONLY_REGEX_ERRORS.map((pattern): [string, () => Spec, string] => [
      `selectionPattern ${JSON.stringify(pattern)} (Java refuses it)`,
      () => variant((s) => (s.responses["404"]!.integrationResponse = { selectionPattern: pattern })),
      "responses.404.integrationResponse.selectionPattern",
    ]),
    // huge templates
    ["template over 300 KB", () => variant((s) => (ir(s).responseTemplates = { "application/json": "x".repeat(300_001) })), `${IRP}.responseTemplates.application/json`],
    ["multi-byte template over 300 KB in UTF-8", () => variant((s) => (ir(s).responseTemplates = { "application/json": "€".repeat(100_001) })), `${IRP}.responseTemplates.application/json`],
    // unknown fields
    ["unknown top-level field", () => variant((s) => (s.resourcePath = "/x")), "resourcePath"],
    ["methodResponses (typo)", () => variant((s) => (ok200(s).methodResponses = {})), "responses.200.methodResponses"],
    ["statusCode inside integrationResponse", () => variant((s) => (ir(s).statusCode = "200")), `${IRP}.statusCode`],
    ["headers inside methodResponse", () => variant((s) => (mr(s).headers = {})), `${MRP}.headers`],
    // content types
    ["template key is not a content type", () => variant((s) => (ir(s).responseTemplates = { json: "{}" })), `${IRP}.responseTemplates.json`],
    ["model key with a space", () => variant((s) => (mr(s).responseModels = { "application json": "Empty" })), `${MRP}.responseModels.application json`],
    // control characters and text that is not valid Unicode (cannot be sent as UTF-8)
    ["NUL in resourceId", () => variant((s) => (s.resourceId = "r1\u0000")), "resourceId"],
    ["newline in a model name", () => variant((s) => (mr(s).responseModels = { "application/json": "Empty\n" })), `${MRP}.responseModels.application/json`],
    ["BEL in a template", () => variant((s) => (ir(s).responseTemplates = { "application/json": "{\u0007}" })), `${IRP}.responseTemplates.application/json`],
    ["control character in a static value", () => variant((s) => (ir(s).responseParameters = { [H("X-A")]: "'a\u0001b'" })), `${IRP}.responseParameters.${H("X-A")}`],
    ["lone surrogate in a template", () => variant((s) => (ir(s).responseTemplates = { "application/json": '{"a": "\ud800"}' })), `${IRP}.responseTemplates.application/json`],
    ["lone surrogate in a selectionPattern", () => variant((s) => (s.responses["404"]!.integrationResponse = { selectionPattern: ".*\udc00.*" })), "responses.404.integrationResponse.selectionPattern"],
    ["lone surrogate in restApiId", () => variant((s) => (s.restApiId = "\udc00abc")), "restApiId"],
    // missing or conflicting
    ["no httpMethod", () => variant((s) => delete (s as Spec).httpMethod), "httpMethod"],
    ["no responses", () => variant((s) => delete (s as Spec).responses), "responses"],
    ["both resourceId and path", () => variant((s) => (s.path = "/users")), "path"],
    ["path without a leading slash", () => variant((s) => ((s as Spec).resourceId = undefined, (s.path = "users"))), "path"],
  ];
}
