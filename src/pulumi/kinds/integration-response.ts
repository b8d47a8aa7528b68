/** The `IntegrationResponse` kind: one integration response of one status code. */
import { fieldNamesOf, integrationResponseSchema } from "../../spec-model";
import type { IntegrationResponseInputs } from "../inputs";
import type { IntegrationResponseOutputs } from "../state";
import { singleResponseAdapter } from "./single-response";

/** The adapter of the `IntegrationResponse` kind. */
export const integrationResponse = singleResponseAdapter<IntegrationResponseInputs, IntegrationResponseOutputs>({
  kind: "IntegrationResponse",
  responseKind: "integrationResponse",
  fields: fieldNamesOf(integrationResponseSchema),
  absent: { selectionPattern: "", responseParameters: {}, responseTemplates: {} },
  // A new default integration response beside the old default one would be refused (AWS-6).
  deletesFirstOnCodeChange: true,
});
