/**
 * The plan for the gateway responses of one REST API (pure, architecture rule 1): which
 * response types to customize with `PutGatewayResponse` and which to reset with
 * `DeleteGatewayResponse`, from the desired customizations and one read of all 21 types.
 *
 * - A desired type is in sync when it is customized live (`defaultResponse: false`) with
 *   exactly the desired values. A type that is not customized is never in sync with a
 *   desire, even when its values look equal: it may be inheriting them from
 *   `DEFAULT_4XX` / `DEFAULT_5XX`, and would change with them (AWS-33).
 * - Any difference is ONE put of the whole customization: a put overwrites every field
 *   (AWS-35), costs one call like a patch, does not depend on the live state, and is
 *   the only way to take a status code back to the type's default (a patch cannot
 *   remove `/statusCode`, AWS-43).
 * - A customized type that is not desired is reset (`DeleteGatewayResponse`, AWS-44)
 *   when the desired state is exclusive or the reset is asked for explicitly, unless
 *   another resource keeps it.
 */
import {
  GATEWAY_RESPONSE_TYPES,
  type DesiredGatewayResponses,
  type GatewayResponseOperation,
  type GatewayResponsesPlan,
  type GatewayResponseType,
  type NormalizedGatewayResponse,
  type ObservedGatewayResponses,
} from "../gateway-responses";
import type { FieldChange } from "../model";
import { normalizedEqual, normalizeGatewayResponse } from "../normalize";
import { gatewayResponseChanges } from "./changes";

/** The row that says a put customizes a type (or a delete resets it): `defaultResponse` true → false. */
const customizing: FieldChange = { field: "defaultResponse", live: true, desired: false };
const resetting: FieldChange = { field: "defaultResponse", live: false, desired: true };

/** What a type answers with when it is not customized and inherits nothing (AWS-32). */
function defaultsOf(type: GatewayResponseType): NormalizedGatewayResponse {
  return normalizeGatewayResponse(type, undefined);
}

/**
 * Plan the gateway responses of one REST API: operations in response-type order, empty
 * when the live customizations are the desired ones.
 *
 * @param desired the desired customizations (normalized) of `observed.restApiId`
 * @param observed one read of the REST API's gateway responses
 */
export function planGatewayResponses(desired: DesiredGatewayResponses, observed: ObservedGatewayResponses): GatewayResponsesPlan {
  const restApiId = desired.restApiId;
  if (observed.restApiId !== restApiId) throw new TypeError(`planGatewayResponses: desired REST API ${restApiId}, observed ${observed.restApiId}`);
  const resets = new Set(desired.resets ?? []);
  const keep = new Set(desired.keep ?? []);
  const operations: GatewayResponseOperation[] = [];
  for (const responseType of GATEWAY_RESPONSE_TYPES) {
    const want = desired.responses[responseType];
    const live = observed.responses[responseType];
    if (want !== undefined) {
      if (live?.customized === true && normalizedEqual(live.response, want)) continue;
      const changes = gatewayResponseChanges(live?.response ?? defaultsOf(responseType), want);
      operations.push({
        kind: "PutGatewayResponse",
        restApiId,
        responseType,
        gatewayResponse: want,
        changes: live?.customized === true ? changes : [customizing, ...changes],
        overwrites: live?.customized === true,
      });
      continue;
    }
    if (live?.customized !== true || keep.has(responseType)) continue;
    if (desired.exclusive || resets.has(responseType)) {
      operations.push({ kind: "DeleteGatewayResponse", restApiId, responseType, changes: [resetting, ...gatewayResponseChanges(live.response, defaultsOf(responseType))] });
    }
  }
  return { restApiId, operations };
}
