/**
 * The hand-written rules over the responses of one method, beyond what the schema
 * says (`spec-model.ts`, checked by `validate/structure.ts`): header mappings declared
 * on the method response of the same status code (AWS-4, AWS-5), at most one default
 * integration response (AWS-6), and the size of templates (AWS-65). They read the raw
 * input defensively, so that they are checked even when other fields are invalid. Pure.
 */
import { at, hasOwn, isObject, type Failures } from "./failures";
import { PARAMETER_KEY_RE } from "./grammar";

/** Options of the cross-field rules (see `ValidateOptions`). */
export interface ResponseRuleOptions {
  readonly requireMethodResponseForMappings?: boolean;
  readonly maxTemplateBytes: number;
}

/** The map `field` of `value` when both are objects, else an empty one. */
function mapOf(value: unknown, field: string): Record<string, unknown> {
  const m = isObject(value) ? value[field] : undefined;
  return isObject(m) ? m : {};
}

/**
 * Templates over the size limit (AWS-65): the `responseTemplates` of `owner` (an
 * integration response or a gateway response, at `ownerPath`).
 */
export function checkTemplateSizes(f: Failures, owner: unknown, ownerPath: string, maxTemplateBytes: number): void {
  for (const [k, v] of Object.entries(mapOf(owner, "responseTemplates"))) {
    if (typeof v !== "string") continue;
    const bytes = new TextEncoder().encode(v).length;
    if (bytes > maxTemplateBytes) {
      f.add(
        at(at(ownerPath, "responseTemplates"), k),
        `template for ${k} is ${bytes} bytes; the limit is ${maxTemplateBytes} bytes (kept within API Gateway's mapping template size quota, "Quotas for configuring and running a REST API", AWS-65)`,
      );
    }
  }
}

/** Check the cross-field rules of the `responses` of one method (under `prefix`). */
export function checkResponseRules(f: Failures, responses: unknown, prefix: string, options: ResponseRuleOptions): void {
  if (!isObject(responses)) return;
  const defaults: string[] = [];
  for (const [code, r] of Object.entries(responses)) {
    if (!isObject(r) || !hasOwn(r, "integrationResponse")) continue;
    const rp = at(prefix, code);
    const irp = at(rp, "integrationResponse");
    const ir = r.integrationResponse;
    if (!isObject(ir)) continue;
    checkTemplateSizes(f, ir, irp, options.maxTemplateBytes);
    if (ir.selectionPattern === undefined || ir.selectionPattern === "") defaults.push(code);
    // AWS-4, AWS-5: a mapped header is declared by the method response of the same code.
    const enforce = hasOwn(r, "methodResponse") || options.requireMethodResponseForMappings === true;
    if (!enforce) continue;
    const declared = isObject(r.methodResponse) ? new Set(Object.keys(mapOf(r.methodResponse, "responseParameters"))) : undefined;
    for (const k of Object.keys(mapOf(ir, "responseParameters")).filter((k) => PARAMETER_KEY_RE.test(k))) {
      const kp = at(at(irp, "responseParameters"), k);
      if (!hasOwn(r, "methodResponse")) {
        f.add(kp, `maps ${k} but status code ${code} has no methodResponse to declare it (AWS-4)`);
      } else if (declared !== undefined && !declared.has(k)) {
        const sameButCase = [...declared].find((d) => d.toLowerCase() === k.toLowerCase());
        const hint = sameButCase === undefined ? "" : ` (it declares ${sameButCase}: names must match exactly)`;
        f.add(kp, `maps ${k} but responses.${code}.methodResponse.responseParameters does not declare it${hint} (AWS-5)`);
      }
    }
  }
  for (const code of defaults.slice(1)) {
    f.add(
      at(at(prefix, code), "integrationResponse.selectionPattern"),
      `status codes ${defaults[0]} and ${code} are both the default integration response (selectionPattern absent or ""); at most one per method (AWS-6)`,
    );
  }
}
