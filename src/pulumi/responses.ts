/**
 * Pure operations on normalized responses that every resource kind shares: the part of
 * a method's live responses a resource manages, what it leaves alone, the status codes
 * and kinds responses have, and the compact spec form `read` reports.
 */
import type {
  NormalizedIntegrationResponse,
  NormalizedMethodResponse,
  NormalizedResponses,
  Removal,
  ResponseKind,
  ResponseSpec,
} from "../model";
import { normalizeResponses } from "../normalize";

/** Status code → the response kinds wanted (only the presence of a kind counts). */
export type ResponseScope = Readonly<Record<string, Partial<Record<ResponseKind, unknown>>>>;

type MutableResponse = { methodResponse?: NormalizedMethodResponse; integrationResponse?: NormalizedIntegrationResponse };

/**
 * The part of the live responses a resource manages: all of them for an exclusive
 * set; otherwise the status codes and kinds named in `scope`.
 */
export function managedPart(live: NormalizedResponses, exclusive: boolean, scope: ResponseScope): NormalizedResponses {
  if (exclusive) return live;
  const out: Record<string, MutableResponse> = {};
  for (const [code, wanted] of Object.entries(scope)) {
    const have = live[code];
    if (!have) continue;
    const part: MutableResponse = {};
    if (wanted.methodResponse && have.methodResponse) part.methodResponse = have.methodResponse;
    if (wanted.integrationResponse && have.integrationResponse) part.integrationResponse = have.integrationResponse;
    if (part.methodResponse || part.integrationResponse) out[code] = part;
  }
  return normalizeResponses(out);
}

/** The live responses that a managed part does not hold (per status code and kind). */
export function unmanagedPart(live: NormalizedResponses, managed: NormalizedResponses): NormalizedResponses {
  const out: Record<string, MutableResponse> = {};
  for (const [code, r] of Object.entries(live)) {
    const part = {
      ...(r.methodResponse && !managed[code]?.methodResponse ? { methodResponse: r.methodResponse } : {}),
      ...(r.integrationResponse && !managed[code]?.integrationResponse ? { integrationResponse: r.integrationResponse } : {}),
    };
    if (part.methodResponse || part.integrationResponse) out[code] = part;
  }
  return out;
}

/** The status codes and kinds that responses have. */
export function partsOf(responses: NormalizedResponses): Required<Removal>[] {
  const out: Required<Removal>[] = [];
  for (const [code, r] of Object.entries(responses)) {
    if (r.methodResponse) out.push({ statusCode: code, kind: "methodResponse" });
    if (r.integrationResponse) out.push({ statusCode: code, kind: "integrationResponse" });
  }
  return out;
}

/** Compact spec form of normalized responses (no empty maps, no default selection pattern) for `read`'s inputs. */
export function compactResponses(responses: NormalizedResponses): Record<string, ResponseSpec> {
  const compact = (o: object) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (v === undefined) continue;
      if (k === "selectionPattern" && v === "") continue;
      if (v && typeof v === "object" && Object.keys(v).length === 0) continue;
      out[k] = v;
    }
    return out;
  };
  const out: Record<string, ResponseSpec> = {};
  for (const [code, r] of Object.entries(responses)) {
    out[code] = {
      ...(r.methodResponse ? { methodResponse: compact(r.methodResponse) } : {}),
      ...(r.integrationResponse ? { integrationResponse: compact(r.integrationResponse) } : {}),
    };
  }
  return out;
}

/** How a response kind reads in a message. */
export const RESPONSE_LABEL: Readonly<Record<ResponseKind, string>> = {
  methodResponse: "method response",
  integrationResponse: "integration response",
};
