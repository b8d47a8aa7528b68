/**
 * The registry of resource kinds: the one place that maps a kind's name to its adapter.
 * Adding a kind means writing its adapter and naming it here.
 */
import type { MethodSpec } from "../../model";
import type { ResourceAdapter } from "../adapter";
import type { GatewayAdapter } from "../gateway-adapter";
import { isGatewayKind, isStageKind, type AnyInputs, type GatewayResourceKind, type ProviderKind, type ResourceKind } from "../inputs";
import { gatewayResponse } from "./gateway-response";
import { gatewayResponseSet } from "./gateway-response-set";
import { integrationResponse } from "./integration-response";
import { methodResponse } from "./method-response";
import { responseSet } from "./response-set";

const ADAPTERS: { readonly [K in ResourceKind]: ResourceAdapter } = {
  ResponseSet: responseSet,
  MethodResponse: methodResponse,
  IntegrationResponse: integrationResponse,
};

const GATEWAY_ADAPTERS: { readonly [K in GatewayResourceKind]: GatewayAdapter } = {
  GatewayResponseSet: gatewayResponseSet,
  GatewayResponse: gatewayResponse,
};

/** The adapter of a gateway-response kind. */
export function gatewayAdapterOf(kind: GatewayResourceKind): GatewayAdapter {
  if (!Object.hasOwn(GATEWAY_ADAPTERS, kind)) throw new Error(`unknown resource kind ${JSON.stringify(kind)}; known: ${Object.keys(GATEWAY_ADAPTERS).join(", ")}`);
  return GATEWAY_ADAPTERS[kind];
}

/** The adapter of a resource kind; an unknown kind (a corrupt state) fails, naming it. */
export function adapterOf(kind: ResourceKind): ResourceAdapter {
  if (!Object.hasOwn(ADAPTERS, kind)) throw new Error(`unknown resource kind ${JSON.stringify(kind)}; known: ${Object.keys(ADAPTERS).join(", ")}`);
  return ADAPTERS[kind];
}

/** The one-method spec a resource's inputs stand for (single resources: one status code, not exclusive). */
export function specOf(kind: ResourceKind, inputs: AnyInputs): MethodSpec {
  return adapterOf(kind).specOf(inputs);
}

/**
 * What to do instead of importing a resource: Pulumi's import does not work for dynamic
 * providers (pulumi/pulumi #3550); creating the resource adopts what exists.
 */
export function importAdvice(kind: ProviderKind): string {
  return (
    `the import option does not work for dynamic resources (pulumi/pulumi #3550). Declare the resource without it and run pulumi up: ` +
    (isStageKind(kind)
      ? "it deploys the stage (creating it, or moving it in place) and manages it from then on."
      : (isGatewayKind(kind) ? gatewayAdapterOf(kind) : adapterOf(kind)).adoptionAdvice)
  );
}
