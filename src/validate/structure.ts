/**
 * The structural checks of a spec, derived from the zod schemas of the model
 * (`spec-model.ts`): which fields exist, their JSON types, enums, patterns and
 * required-ness, and unknown fields. A value is parsed with its schema; each issue
 * becomes a failure `{ property, reason }` worded by the role of the schema node it
 * is about ({@link specRoles}), so that a message names the field, the value and the
 * rule (with the catalogue id where there is one) as the hand-written rules of
 * `validate.ts` do. Every issue is reported, not only the first. Pure.
 */
import { z } from "zod";
import { GATEWAY_RESPONSE_TYPES, isGatewayResponseType } from "../gateway-responses";
import { REGION_RULE } from "../settings";
import { CONTENT_HANDLING_VALUES } from "../model";
import { gatewayResponseSchema, specRoles, type SpecRole, type SpecRule } from "../spec-model";
import { at, hasOwn, isObject, typeName, type Failures } from "./failures";
import { HTTP_METHODS, NO_SOURCE_VALUE_RE } from "./grammar";
import { DEFAULT_MARKER_REASON, javaRegexReason } from "./selection-pattern";

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** The schema node under `path` (optional wrappers removed), or undefined. */
function schemaAt(root: z.core.$ZodType, path: Path): z.core.$ZodType | undefined {
  let node: z.core.$ZodType | undefined = unwrap(root);
  for (const segment of path) {
    const def = node?._zod.def as { type?: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType } | undefined;
    if (def?.type === "object") node = def.shape?.[String(segment)];
    else if (def?.type === "record") node = def.valueType;
    else if (def?.type === "array") node = def.element;
    else return undefined;
    node = node && unwrap(node);
  }
  return node;
}

function unwrap(node: z.core.$ZodType): z.core.$ZodType {
  const def = node._zod.def as { type?: string; innerType?: z.core.$ZodType };
  return def.type === "optional" && def.innerType ? unwrap(def.innerType) : node;
}

const roleOf = (node: z.core.$ZodType | undefined): SpecRole | undefined => (node ? specRoles.get(node)?.role : undefined);

/** The value under `path` in `value`. */
function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
}

/** Whether the last key of `path` is a field of its parent (given, maybe as `undefined`). */
function isPresent(value: unknown, path: Path): boolean {
  const parent = valueAt(value, path.slice(0, -1));
  return path.length > 0 && isObject(parent) && hasOwn(parent, String(path[path.length - 1]));
}

/** The property path of `path` under `prefix`: `responses.200.methodResponse`, `methods[3].httpMethod`. */
function propertyOf(prefix: string, path: Path): string {
  return path.reduce<string>((p, k) => (typeof k === "number" ? `${p}[${k}]` : at(p, String(k))), prefix);
}

/** The last segment of a path, as text (a field name, a status code, a map key). */
const last = (path: Path, back = 1): string => String(path[path.length - back] ?? "");

/** A gateway response in messages: `the gateway response of DEFAULT_4XX`; `a gateway response` when one is validated alone (no type in its path). */
const gatewayResponseName = (path: Path): string => (path.length > 0 ? `the gateway response of ${last(path)}` : "a gateway response");

/** `${name} must be a string, got …` and the like: the type failure of a node. */
function typeReason(f: Failures, r: SpecRole | undefined, path: Path, input: unknown): string {
  const got = `got ${typeName(input)} ${f.show(input)}`;
  const key = last(path);
  switch (r) {
    case "specFile":
      return `a spec file must be an object { restApiId, region?, methods }, got ${typeName(input)}`;
    case "methods":
      return `methods must be an array of method specs, got ${typeName(input)}`;
    case "method":
      return `a method spec must be an object, ${got}`;
    case "response":
      return `the responses of status code ${key} must be an object { methodResponse?, integrationResponse? }, ${got}`;
    case "methodResponse":
    case "integrationResponse":
      return `${r} must be an object, ${got}`;
    case "responses":
    case "map":
      return `${key} must be an object (a map), ${got}`;
    case "exclusive":
      return `exclusive must be a boolean, ${got}`;
    case "requiredFlag":
      return `method response parameter ${key} must be a boolean (required or not), ${got} (AWS-24)`;
    case "modelName":
      return `model name for ${key} must be a string, ${got}`;
    case "mappingExpression":
      return `mapping expression for ${key} must be a string, ${got} (AWS-28)`;
    case "template":
      return `template for ${key} must be a string ("" passes the body through, AWS-16), ${got}`;
    case "gatewayResponses":
      return `gatewayResponses must be an object (a map: response type → { statusCode?, responseParameters?, responseTemplates? }), ${got}`;
    case "gatewayResponse":
      return `${gatewayResponseName(path)} must be an object { statusCode?, responseParameters?, responseTemplates? }, ${got}`;
    case "gatewayResponsesExclusive":
      return `gatewayResponsesExclusive must be a boolean, ${got}`;
    case "gatewayStatusCode": {
      const quoted = typeof input === "number" && !f.hideValues ? `; write it in quotes: ${f.show(String(input))}` : "";
      return `statusCode must be a string, ${got}${quoted} (AWS-39)`;
    }
    case "gatewayParameterValue":
      return `gateway response parameter value for ${key} must be a string, ${got} (AWS-40)`;
    case "gatewayTemplate":
      return `template for ${key} must be a string, ${got}`;
    default:
      return `${key} must be a string, ${got}`;
  }
}

/** The failure of a required field that is absent. */
function requiredReason(f: Failures, r: SpecRole | undefined, path: Path): string {
  if (r === "httpMethod") return `httpMethod is required (one of ${HTTP_METHODS.join(", ")})`;
  if (r === "responses") return "responses is required (status code → { methodResponse?, integrationResponse? })";
  if (r === "methods" || r === "method" || r === "specFile") return typeReason(f, r, path, undefined);
  return `${last(path)} is required`;
}

/** The name a string field has in messages: `restApiId`, `model name for application/json`. */
const nameOf = (r: SpecRole | undefined, path: Path): string => (r === "modelName" ? `model name for ${last(path)}` : last(path));

/** A failed refinement (a rule JSON Schema cannot say). */
function ruleReason(f: Failures, r: SpecRole | undefined, rule: SpecRule | undefined, path: Path, input: unknown): string {
  const key = last(path);
  switch (rule) {
    case "control":
      if (r === "mappingExpression") return `mapping expression ${f.show(input)} for ${key} must not contain control characters`;
      if (r === "gatewayParameterValue") return `gateway response parameter value ${f.show(input)} for ${key} must not contain control characters`;
      return `${nameOf(r, path)} ${f.show(input)} must not contain control characters`;
    case "template-control":
      return `template ${f.show(input)} for ${key} must not contain control characters other than tab, newline and carriage return`;
    case "default-marker":
      return DEFAULT_MARKER_REASON;
    case "java-regex":
      return javaRegexReason(f, String(input));
    default:
      return `${nameOf(r, path)} ${f.show(input)} is not valid`;
  }
}

/** A string that does not match its pattern. */
function formatReason(f: Failures, r: SpecRole | undefined, path: Path, input: unknown): string {
  const key = last(path);
  switch (r) {
    case "path":
      return `path ${f.show(input)} must start with "/"`;
    case "region":
      // Worded here, not taken from parseRegion's error: that one quotes the whole value, hidden or not.
      return `region ${f.show(input)} is not an AWS region name: ${REGION_RULE}`;
    case "mappingExpression":
      return (
        `mapping expression ${f.show(input)} for ${key} must be integration.response.header.{name}, integration.response.body, ` +
        `integration.response.body.{JSON-expression} (no "$"), or a static value in single quotes '...' (AWS-28)`
      );
    case "gatewayStatusCode":
      return `statusCode ${f.show(input)} must match [1-5]\\d\\d (AWS-39)`;
    case "gatewayParameterValue":
      return gatewayValueReason(f, key, String(input));
    default:
      return `${nameOf(r, path)} ${f.show(input)} does not match its pattern`;
  }
}

/** The forms of a gateway response parameter value (AWS-40). */
const GATEWAY_VALUE_FORMS = "a static value in single quotes '...' or method.request.{header|querystring|path}.{name}";

/** A gateway response parameter value that does not match its pattern (AWS-40). */
function gatewayValueReason(f: Failures, key: string, value: string): string {
  if (NO_SOURCE_VALUE_RE.test(value)) {
    return (
      `gateway response parameter value ${f.show(value)} for ${key} has no source: stage variables and context variables cannot be mapped ` +
      `into a gateway response parameter, only ${GATEWAY_VALUE_FORMS} (AWS-40); $stageVariables and $context can be used in responseTemplates (AWS-41)`
    );
  }
  const unquoted = !f.hideValues && !value.startsWith("'") && !value.startsWith("method.") ? `; a static value is written in single quotes: ${f.show(`'${value}'`)}` : "";
  return `gateway response parameter value ${f.show(value)} for ${key} must be ${GATEWAY_VALUE_FORMS}${unquoted} (AWS-40)`;
}

/** A map key that does not match the key pattern of its map (`path` ends with the key). */
function keyReason(f: Failures, keyRole: SpecRole | undefined, path: Path): string {
  const key = last(path);
  switch (keyRole) {
    case "statusCode":
      return `status code ${f.show(key)} must match [1-5]\\d\\d (AWS-7)`;
    case "responseParameterKey":
      return `response parameter key ${f.show(key)} must be method.response.header.{name} with {name} a valid HTTP header name (AWS-28)`;
    case "contentTypeKey":
      return `${last(path, 2)} key ${f.show(key)} must be a content type such as "application/json" (type/subtype)`;
    case "gatewayParameterKey": {
      const header = /^method\.response\.header\.(.+)$/.exec(key);
      const hint = header && !f.hideValues ? `; for a header write ${f.show(`gatewayresponse.header.${header[1]}`)}` : "";
      return (
        `gateway response parameter key ${f.show(key)} must be gatewayresponse.header.{name} ({name} a valid HTTP header name), ` +
        `gatewayresponse.path.{name} or gatewayresponse.querystring.{name}${hint} (AWS-40)`
      );
    }
    default:
      return `key ${f.show(key)} of ${last(path, 2)} is not valid`;
  }
}

/** Report one issue of `root` on `value` under `prefix` (a bad key's value is checked too: every problem is listed). */
function report(f: Failures, root: z.core.$ZodType, value: unknown, prefix: string, issue: Issue, base: Path = []): void {
  const path: Path = [...base, ...issue.path];
  const node = schemaAt(root, path);
  const r = roleOf(node);
  const input = valueAt(value, path);
  const property = propertyOf(prefix, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      if (r === "gatewayResponses") return unknownTypes(f, issue.keys, input, property);
      const shape = (node?._zod.def as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      const what =
        r === "method"
          ? "a method spec"
          : r === "specFile"
            ? "a spec file"
            : r === "response"
              ? `status code ${last(path)}`
              : r === "gatewayResponse"
                ? gatewayResponseName(path)
                : String(r);
      for (const k of issue.keys) f.add(at(property, k), `unknown field ${f.show(k)} in ${what} (allowed: ${Object.keys(shape).join(", ")})`);
      return;
    }
    case "invalid_key": {
      const map = schemaAt(root, path.slice(0, -1));
      const def = map?._zod.def as { keyType?: z.core.$ZodType; valueType?: z.core.$ZodType } | undefined;
      f.add(property, keyReason(f, roleOf(def?.keyType && unwrap(def.keyType)), path));
      // zod does not look at the value of a bad key: check it here, so that every problem is listed.
      if (def?.valueType) check(f, root, value, prefix, def.valueType, input, path);
      return;
    }
    case "invalid_type":
    case "invalid_value":
      if (input === undefined && !isPresent(value, path)) return f.add(property, requiredReason(f, r, path));
      if (r === "httpMethod") {
        const hint = !f.hideValues && typeof input === "string" && (HTTP_METHODS as readonly string[]).includes(input.toUpperCase()) ? `; API Gateway method names are upper case: "${input.toUpperCase()}"` : "";
        return f.add(property, `httpMethod ${f.show(input)} must be one of ${HTTP_METHODS.join(", ")}${hint}`);
      }
      if (r === "contentHandling") {
        return f.add(property, `contentHandling ${f.show(input)} must be one of ${CONTENT_HANDLING_VALUES.join(", ")}; omit it for pass-through (AWS-27)`);
      }
      return f.add(property, typeReason(f, r, path, input));
    case "too_small":
      return f.add(property, `${nameOf(r, path)} must be a non-empty string`);
    case "invalid_format":
      return f.add(property, formatReason(f, r, path, input));
    case "custom":
      return f.add(property, ruleReason(f, r, (issue.params as { rule?: SpecRule } | undefined)?.rule, path, input));
    default:
      return f.add(property, `${nameOf(r, path)}: ${issue.message}`);
  }
}

/**
 * Unknown response types in `gatewayResponses` (at `property`): each named with the 21
 * (AWS-31, AWS-37), and its value checked as a gateway response all the same, so that
 * every problem is listed.
 */
function unknownTypes(f: Failures, keys: readonly string[], map: unknown, property: string): void {
  for (const k of keys) {
    const upper = k.toUpperCase();
    const hint = isGatewayResponseType(upper) ? `; response types are upper case: "${upper}"` : "";
    f.add(at(property, k), `unknown gateway response type ${f.show(k)}: one of ${GATEWAY_RESPONSE_TYPES.join(", ")}${hint} (AWS-31, AWS-37)`);
    const one = { [k]: isObject(map) ? map[k] : undefined };
    const root = z.strictObject({ [k]: gatewayResponseSchema });
    check(f, root, one, property, root, one, []);
  }
}

/** Parse `input` (found at `base` under `root`) with `schema` and report every issue. */
function check(f: Failures, root: z.core.$ZodType, value: unknown, prefix: string, schema: z.core.$ZodType, input: unknown, base: Path): void {
  const result = (schema as z.ZodType).safeParse(input);
  if (result.success) return;
  for (const issue of result.error.issues) report(f, root, value, prefix, issue, base);
}

/**
 * Check `value` against `schema` (one of the schemas of `spec-model.ts`), adding a
 * failure for each issue, with properties under `prefix`.
 */
export function checkStructure(f: Failures, schema: z.core.$ZodType, value: unknown, prefix: string): void {
  check(f, schema, value, prefix, schema, value, []);
}
