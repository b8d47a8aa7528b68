/** The `MethodResponse` kind: one method response of one status code. */
import { fieldNamesOf, methodResponseSchema } from "../../spec-model";
import type { MethodResponseInputs } from "../inputs";
import type { MethodResponseOutputs } from "../state";
import { singleResponseAdapter } from "./single-response";

/** The adapter of the `MethodResponse` kind. */
export const methodResponse = singleResponseAdapter<MethodResponseInputs, MethodResponseOutputs>({
  kind: "MethodResponse",
  responseKind: "methodResponse",
  fields: fieldNamesOf(methodResponseSchema),
  absent: { responseParameters: {}, responseModels: {} },
  // Another code of the same method can be created before the old one is deleted.
  deletesFirstOnCodeChange: false,
});
