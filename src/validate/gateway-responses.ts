/**
 * The hand-written rules of a spec file's gateway responses and of what the file asks
 * for, beyond what the schema says (`spec-model.ts`, checked by `validate/structure.ts`):
 * the size of templates (AWS-65), a file that asks for something (a method or a
 * `gatewayResponses` map), `gatewayResponsesExclusive` only with `gatewayResponses`.
 * They read the raw input defensively, so that they are checked even when other fields
 * are invalid. Pure.
 */
import { at, hasOwn, isObject, type Failures } from "./failures";
import { checkTemplateSizes } from "./responses";

/** Check the rules of a spec file's `gatewayResponses` (under `prefix`) that its schema does not say. */
export function checkGatewayResponseRules(f: Failures, gatewayResponses: unknown, prefix: string, maxTemplateBytes: number): void {
  if (!isObject(gatewayResponses)) return;
  for (const [type, response] of Object.entries(gatewayResponses)) checkTemplateSizes(f, response, at(prefix, type), maxTemplateBytes);
}

/**
 * A spec file asks for something: at least one method or a `gatewayResponses` map (an
 * empty map asks for something: with `gatewayResponsesExclusive` true it resets every
 * customized type). `gatewayResponsesExclusive` says what to do with the types the map
 * does not list: without the map it says nothing and is refused.
 */
export function checkFileAsksForSomething(f: Failures, file: unknown): void {
  if (!isObject(file)) return;
  const hasGatewayResponses = hasOwn(file, "gatewayResponses");
  if (Array.isArray(file.methods) && file.methods.length === 0 && !hasGatewayResponses) {
    f.add(
      "methods",
      "the spec file asks for nothing: methods is empty and there is no gatewayResponses; give at least one method, " +
        "or gatewayResponses (response type → { statusCode?, responseParameters?, responseTemplates? })",
    );
  }
  if (typeof file.gatewayResponsesExclusive === "boolean" && !hasGatewayResponses) {
    f.add(
      "gatewayResponsesExclusive",
      "gatewayResponsesExclusive applies to gatewayResponses, which the spec file does not have: add gatewayResponses " +
        "(gatewayResponses: {} with gatewayResponsesExclusive: true resets every customized response type) or remove gatewayResponsesExclusive",
    );
  }
}
