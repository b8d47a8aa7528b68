/**
 * The `GatewayResponse` kind: the customization of one response type of one REST API,
 * with the fields of `aws.apigateway.Response`. A type already customized is refused
 * at create unless `adoptExisting`.
 */
import { GATEWAY_RESPONSE_TYPES, isGatewayResponseType, type GatewayResponseSpec } from "../../gateway-responses";
import type { ValidationFailure } from "../../model";
import { validateGatewayResponse } from "../../validate";
import { GATEWAY_RESPONSE_FIELDS, givenFields, spelledLike, type GatewayAdapter } from "../gateway-adapter";
import { UNKNOWN, type GatewayResponseInputs } from "../inputs";
import { gatewayRevisionOf, type GatewayResponseOutputs } from "../state";

/** The customization fields of the inputs (those `PutGatewayResponse` takes). */
function bodyOf(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(GATEWAY_RESPONSE_FIELDS.filter((f) => inputs[f] !== undefined).map((f) => [f, inputs[f]]));
}

/** The adapter of the `GatewayResponse` kind. */
export const gatewayResponse: GatewayAdapter<GatewayResponseInputs, GatewayResponseOutputs> = {
  kind: "GatewayResponse",
  inputFields: ["responseType", "statusCode", "responseParameters", "responseTemplates", "adoptExisting"],
  replacingFields: ["responseType"],
  ownershipProperty: "responseType",
  adoptionAdvice: "set adoptExisting: true on the GatewayResponse to take over a customization that exists (it is converged to the inputs).",

  validate(news, known, hideValues) {
    const failures: ValidationFailure[] = [];
    if (news.responseType === undefined) {
      failures.push({ property: "responseType", reason: `responseType is required: one of ${GATEWAY_RESPONSE_TYPES.join(", ")} (AWS-31)` });
    } else if (news.responseType !== UNKNOWN && !isGatewayResponseType(known.responseType)) {
      const shown = hideValues ? "a secret value" : JSON.stringify(known.responseType);
      failures.push({ property: "responseType", reason: `${shown} is not a gateway response type: one of ${GATEWAY_RESPONSE_TYPES.join(", ")} (AWS-31, AWS-37)` });
    }
    return [...failures, ...validateGatewayResponse(bodyOf(known), "", { hideValues })];
  },
  claimedScope: (news) => (isGatewayResponseType(news.responseType) ? { wholeApi: false, types: [news.responseType] } : undefined),

  desiredOf: (inputs) => ({ responses: { [inputs.responseType]: bodyOf(inputs as unknown as Record<string, unknown>) as GatewayResponseSpec }, exclusive: false }),
  mustNotBeCustomized: (inputs) => (inputs.adoptExisting === true ? undefined : inputs.responseType),
  outputsOf(inputs, managed) {
    const live = managed[inputs.responseType];
    if (live === undefined) throw new Error(`the gateway response ${inputs.responseType} of rest api ${inputs.restApiId} is not customized after the apply`);
    return {
      restApiId: inputs.restApiId,
      responseType: inputs.responseType,
      ...live,
      ...(inputs.adoptExisting !== undefined ? { adoptExisting: inputs.adoptExisting } : {}),
      revision: gatewayRevisionOf(inputs.restApiId, managed),
      __given: givenFields(inputs),
    };
  },
  managedOf: (o) => ({
    [o.responseType]: {
      responseParameters: o.responseParameters ?? {},
      responseTemplates: o.responseTemplates ?? {},
      ...(o.statusCode !== undefined ? { statusCode: o.statusCode } : {}),
    },
  }),
  idOf: (state) => `${state.restApiId}/gatewayresponses/${state.responseType}`,
  modeChanged: () => false,
  scopeOf: (o) => ({ wholeApi: false, types: [o.responseType] }),

  readBack(props, managed) {
    const live = managed[props.responseType];
    if (live === undefined) return undefined;
    const { statusCode: _s, responseParameters: _p, responseTemplates: _t, ...rest } = props;
    return {
      props: { ...rest, ...live, revision: gatewayRevisionOf(props.restApiId, managed) },
      inputs: {
        restApiId: props.restApiId,
        responseType: props.responseType,
        ...spelledLike(props.responseType, live, props.__given),
        ...(props.adoptExisting !== undefined ? { adoptExisting: props.adoptExisting } : {}),
      },
    };
  },
};
