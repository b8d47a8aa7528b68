/**
 * The `GatewayResponseSet` kind: the gateway responses of one REST API, authoritative by
 * default (`exclusive`: customizations of types it does not list are reset); a
 * non-exclusive set manages only the types it lists.
 */
import { isGatewayResponseType, type GatewayResponseType, type NormalizedGatewayResponse } from "../../gateway-responses";
import type { ValidationFailure } from "../../model";
import { validateGatewayResponses } from "../../validate";
import { givenFields, spelledLike, type GatewayAdapter } from "../gateway-adapter";
import { UNKNOWN, withoutUnknowns, type GatewayResponseSetInputs } from "../inputs";
import { gatewayRevisionOf, type GatewayResponseSetOutputs } from "../state";

/** The response types a value's keys name (the others are validation failures). */
const typesOf = (responses: unknown): GatewayResponseType[] =>
  responses && typeof responses === "object" ? Object.keys(responses).filter(isGatewayResponseType).sort() : [];

/** The adapter of the `GatewayResponseSet` kind. */
export const gatewayResponseSet: GatewayAdapter<GatewayResponseSetInputs, GatewayResponseSetOutputs> = {
  kind: "GatewayResponseSet",
  inputFields: ["responses", "exclusive"],
  replacingFields: [],
  ownershipProperty: "responses",
  adoptionAdvice: "a GatewayResponseSet adopts the customizations its REST API already has and converges them.",

  validate(news, known, hideValues) {
    const failures: ValidationFailure[] = [];
    if (news.responses === undefined) {
      failures.push({ property: "responses", reason: "responses is required: response type → { statusCode?, responseParameters?, responseTemplates? } ({} with exclusive true resets every customized type)" });
    } else if (news.responses !== UNKNOWN) {
      failures.push(...validateGatewayResponses(known.responses, "responses", { hideValues }));
    }
    if (known.exclusive !== undefined && typeof known.exclusive !== "boolean") {
      failures.push({ property: "exclusive", reason: `exclusive must be a boolean (true: customized types not in responses are reset; false: left alone), got ${hideValues ? "a secret value" : JSON.stringify(known.exclusive)}` });
    }
    return failures;
  },
  claimedScope: (news) => ({ wholeApi: news.exclusive !== false, types: typesOf(withoutUnknowns(news.responses)) }),

  desiredOf: (inputs) => ({ responses: inputs.responses ?? {}, exclusive: inputs.exclusive ?? true }),
  mustNotBeCustomized: () => undefined,
  outputsOf: (inputs, managed) => ({
    restApiId: inputs.restApiId,
    ...(inputs.exclusive !== undefined ? { exclusive: inputs.exclusive } : {}),
    responses: managed,
    revision: gatewayRevisionOf(inputs.restApiId, managed),
    __declared: Object.fromEntries(typesOf(inputs.responses).map((t) => [t, givenFields(inputs.responses?.[t])])),
  }),
  managedOf: (outputs) => outputs.responses ?? {},
  idOf: (state) => `${state.restApiId}/gatewayresponses`,
  modeChanged: (olds, news) => (news.exclusive ?? true) !== (olds.exclusive ?? true),
  scopeOf: (outputs) => ({ wholeApi: outputs.exclusive !== false, types: typesOf(outputs.__declared ?? outputs.responses) }),

  readBack(props, managed) {
    const responses: Record<string, unknown> = {};
    for (const [type, r] of Object.entries(managed) as [GatewayResponseType, NormalizedGatewayResponse][]) responses[type] = spelledLike(type, r, props.__declared?.[type]);
    return {
      props: { ...props, responses: managed, revision: gatewayRevisionOf(props.restApiId, managed) },
      // `exclusive` only as the user gave it, so that refreshed inputs show no spurious difference.
      inputs: { restApiId: props.restApiId, ...(props.exclusive !== undefined ? { exclusive: props.exclusive } : {}), responses },
    };
  },
};
