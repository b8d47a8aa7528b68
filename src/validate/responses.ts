/**
 * Validation of the two kinds of response of one status code: a method response
 * (parameter keys AWS-28, required flags AWS-24, models) and an integration response
 * (selection pattern, content handling AWS-27, mapping expressions AWS-28, templates and
 * their size). Each returns the facts the cross-field checks of the method need. Pure.
 */
import { CONTENT_HANDLING_VALUES } from "../model";
import { at, checkString, checkUnknown, forEachEntry, hasOwn, isObject, typeName, type Failures } from "./failures";
import { CONTENT_TYPE_RE, CONTROL_RE, INTEGRATION_RESPONSE_FIELDS, MAPPING_VALUE_RE, METHOD_RESPONSE_FIELDS, PARAMETER_KEY_RE, TEMPLATE_CONTROL_RE } from "./grammar";
import { checkSelectionPattern } from "./selection-pattern";

/** Check a response parameter key (AWS-28). */
function checkParameterKey(f: Failures, key: string, property: string): boolean {
  if (!PARAMETER_KEY_RE.test(key)) {
    f.add(
      property,
      `response parameter key ${f.show(key)} must be method.response.header.{name} with {name} a valid HTTP header name (AWS-28)`,
    );
    return false;
  }
  return true;
}

/** Check a content type key. */
function checkContentType(f: Failures, key: string, property: string, field: string): void {
  if (!CONTENT_TYPE_RE.test(key)) {
    f.add(property, `${field} key ${f.show(key)} must be a content type such as "application/json" (type/subtype)`);
  }
}

/** Validate a method response spec; returns the declared parameter keys when it is an object. */
export function checkMethodResponse(f: Failures, value: unknown, prefix: string): Set<string> | undefined {
  if (!isObject(value)) {
    f.add(prefix, `methodResponse must be an object, got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  checkUnknown(f, value, METHOD_RESPONSE_FIELDS, prefix, "methodResponse");
  const declared = new Set<string>();
  forEachEntry(f, value, "responseParameters", prefix, (k, v, kp) => {
    checkParameterKey(f, k, kp);
    declared.add(k);
    if (typeof v !== "boolean") {
      f.add(kp, `method response parameter ${k} must be a boolean (required or not), got ${typeName(v)} ${f.show(v)} (AWS-24)`);
    }
  });
  forEachEntry(f, value, "responseModels", prefix, (k, v, kp) => {
    checkContentType(f, k, kp, "responseModels");
    checkString(f, v, kp, `model name for ${k}`, true);
  });
  return declared;
}

/** Facts about one integration response needed by the cross-field checks. */
export interface IntegrationFacts {
  readonly isDefault: boolean;
  readonly mappedKeys: readonly string[];
}

/** Validate an integration response spec. */
export function checkIntegrationResponse(f: Failures, value: unknown, prefix: string, maxTemplateBytes: number): IntegrationFacts | undefined {
  if (!isObject(value)) {
    f.add(prefix, `integrationResponse must be an object, got ${typeName(value)} ${f.show(value)}`);
    return undefined;
  }
  checkUnknown(f, value, INTEGRATION_RESPONSE_FIELDS, prefix, "integrationResponse");
  if (hasOwn(value, "selectionPattern")) checkSelectionPattern(f, value.selectionPattern, at(prefix, "selectionPattern"));
  if (hasOwn(value, "contentHandling")) {
    const v = value.contentHandling;
    if (typeof v !== "string" || !(CONTENT_HANDLING_VALUES as readonly string[]).includes(v)) {
      f.add(
        at(prefix, "contentHandling"),
        `contentHandling ${f.show(v)} must be one of ${CONTENT_HANDLING_VALUES.join(", ")}; omit it for pass-through (AWS-27)`,
      );
    }
  }
  const mappedKeys: string[] = [];
  forEachEntry(f, value, "responseParameters", prefix, (k, v, kp) => {
    if (checkParameterKey(f, k, kp)) mappedKeys.push(k);
    if (typeof v !== "string") {
      f.add(kp, `mapping expression for ${k} must be a string, got ${typeName(v)} ${f.show(v)} (AWS-28)`);
    } else if (CONTROL_RE.test(v)) {
      f.add(kp, `mapping expression ${f.show(v)} for ${k} must not contain control characters`);
    } else if (!MAPPING_VALUE_RE.test(v)) {
      f.add(
        kp,
        `mapping expression ${f.show(v)} for ${k} must be integration.response.header.{name}, integration.response.body, integration.response.body.{JSON-expression} (no "$"), or a static value in single quotes '...' (AWS-28)`,
      );
    }
  });
  forEachEntry(f, value, "responseTemplates", prefix, (k, v, kp) => {
    checkContentType(f, k, kp, "responseTemplates");
    if (typeof v !== "string") {
      f.add(kp, `template for ${k} must be a string ("" passes the body through, AWS-16), got ${typeName(v)} ${f.show(v)}`);
      return;
    }
    if (TEMPLATE_CONTROL_RE.test(v)) {
      f.add(kp, `template ${f.show(v)} for ${k} must not contain control characters other than tab, newline and carriage return`);
    }
    const bytes = new TextEncoder().encode(v).length;
    if (bytes > maxTemplateBytes) {
      f.add(
        kp,
        `template for ${k} is ${bytes} bytes; the limit is ${maxTemplateBytes} bytes (kept within API Gateway's mapping template size quota, "Quotas for configuring and running a REST API")`,
      );
    }
  });
  const sp = value.selectionPattern;
  return { isDefault: sp === undefined || sp === "", mappedKeys };
}
