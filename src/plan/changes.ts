/**
 * Field-level changes ({@link FieldChange}) of one response from its live value to its
 * desired one: the rows of a plan's tables (`status code | field | live | desired`).
 * Pure.
 */
import type { NormalizedGatewayResponse } from "../gateway-responses";
import type { FieldChange, NormalizedIntegrationResponse, NormalizedMethodResponse } from "../model";
import { compareKeys } from "../normalize";

/** Flatten a method response into `field → value` rows for {@link FieldChange}s. */
function flattenMethodResponse(mr: NormalizedMethodResponse | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (mr === undefined) return out;
  for (const [k, v] of Object.entries(mr.responseParameters)) out.set(`responseParameters.${k}`, v);
  for (const [k, v] of Object.entries(mr.responseModels)) out.set(`responseModels.${k}`, v);
  return out;
}

/** Flatten an integration response into `field → value` rows for {@link FieldChange}s. */
function flattenIntegrationResponse(ir: NormalizedIntegrationResponse | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (ir === undefined) return out;
  out.set("selectionPattern", ir.selectionPattern);
  if (ir.contentHandling !== undefined) out.set("contentHandling", ir.contentHandling);
  for (const [k, v] of Object.entries(ir.responseParameters)) out.set(`responseParameters.${k}`, v);
  for (const [k, v] of Object.entries(ir.responseTemplates)) out.set(`responseTemplates.${k}`, v);
  return out;
}

/** Field-level differences between two flattened values, sorted by field. */
function diffFields(live: Map<string, unknown>, desired: Map<string, unknown>): FieldChange[] {
  const fields = [...new Set([...live.keys(), ...desired.keys()])].sort(compareKeys);
  const out: FieldChange[] = [];
  for (const field of fields) {
    const l = live.get(field);
    const d = desired.get(field);
    if (l === d) continue;
    const c: { field: string; live?: unknown; desired?: unknown } = { field };
    if (l !== undefined) c.live = l;
    if (d !== undefined) c.desired = d;
    out.push(c);
  }
  return out;
}

/** Changes of a method response from `live` to `desired` (either may be absent). */
export function methodResponseChanges(
  live: NormalizedMethodResponse | undefined,
  desired: NormalizedMethodResponse | undefined,
): FieldChange[] {
  return diffFields(flattenMethodResponse(live), flattenMethodResponse(desired));
}

/** Changes of an integration response from `live` to `desired` (either may be absent). */
export function integrationResponseChanges(
  live: NormalizedIntegrationResponse | undefined,
  desired: NormalizedIntegrationResponse | undefined,
): FieldChange[] {
  return diffFields(flattenIntegrationResponse(live), flattenIntegrationResponse(desired));
}


/** Flatten a gateway response into `field → value` rows for {@link FieldChange}s. */
function flattenGatewayResponse(gr: NormalizedGatewayResponse | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (gr === undefined) return out;
  if (gr.statusCode !== undefined) out.set("statusCode", gr.statusCode);
  for (const [k, v] of Object.entries(gr.responseParameters)) out.set(`responseParameters.${k}`, v);
  for (const [k, v] of Object.entries(gr.responseTemplates)) out.set(`responseTemplates.${k}`, v);
  return out;
}

/** Changes of a gateway response from `live` to `desired` (either may be absent). */
export function gatewayResponseChanges(
  live: NormalizedGatewayResponse | undefined,
  desired: NormalizedGatewayResponse | undefined,
): FieldChange[] {
  return diffFields(flattenGatewayResponse(live), flattenGatewayResponse(desired));
}
