/**
 * The `ResponseSet` kind: every response of one method, authoritative by default
 * (`exclusive`); a non-exclusive set manages only the status codes and kinds it declares.
 */
import type { Removal } from "../../model";
import { normalizeResponses } from "../../normalize";
import { fieldNamesOf, methodSpecSchema } from "../../spec-model";
import { validateMethodSpec } from "../../validate";
import type { ManagedScope, ResourceAdapter } from "../adapter";
import { IDENTITY_FIELDS, LEFT_ALONE, UNKNOWN, methodTargetOf, withoutUnknowns, type ResponseSetInputs } from "../inputs";
import { compactResponses, partsOf, unmanagedPart } from "../responses";
import { commonOutputsOf, resourceIdOf, type ResponseSetOutputs, type ResponseSetReadInputs } from "../state";

/** What a non-exclusive set managed: its declarations, or (state written before them) its managed live part. */
function previousParts(olds: ResponseSetOutputs): Required<Removal>[] {
  const declared = olds.__declared;
  return Array.isArray(declared) ? [...declared] : partsOf(responseSet.managedResponsesOf(olds));
}

/** The adapter of the `ResponseSet` kind. */
export const responseSet: ResourceAdapter<ResponseSetInputs, ResponseSetOutputs> = {
  kind: "ResponseSet",
  // The fields of a method spec besides those naming the method: `responses`, `exclusive`.
  inputFields: fieldNamesOf(methodSpecSchema).filter((f) => !(IDENTITY_FIELDS as readonly string[]).includes(f)),
  replacingFields: [],
  ownershipProperty: "responses",
  adoptionAdvice: "a ResponseSet adopts the responses its method already has and converges them.",

  validate(news, known, hideValues) {
    const inputs = news.responses === UNKNOWN ? { ...known, responses: {} } : known;
    // An exclusive set owns every method response: a mapped header must be declared in the set itself (AWS-4, AWS-5).
    const requireMethodResponseForMappings = inputs.exclusive !== false;
    return validateMethodSpec(responseSet.specOf(inputs as unknown as ResponseSetInputs), { requireMethodResponseForMappings, hideValues });
  },
  claimedScope(news) {
    const responses = news.responses && typeof news.responses === "object" ? (withoutUnknowns(news.responses) as Record<string, object>) : {};
    const parts: Required<Removal>[] = [];
    for (const [code, r] of Object.entries(responses)) {
      for (const k of ["methodResponse", "integrationResponse"] as const) if (r && typeof r === "object" && k in r) parts.push({ statusCode: code, kind: k });
    }
    return { wholeMethod: news.exclusive !== false, parts };
  },
  keepsLeftAlone: (news) => news.exclusive === false,

  specOf: (inputs) => ({
    ...methodTargetOf(inputs),
    responses: inputs.responses ?? {},
    ...(inputs.exclusive !== undefined ? { exclusive: inputs.exclusive } : {}),
  }),
  mustNotExist: () => undefined,

  outputsOf: (inputs, key, managed, declared) => ({
    ...commonOutputsOf(inputs, key, managed),
    ...(inputs.exclusive !== undefined ? { exclusive: inputs.exclusive } : {}),
    responses: managed,
    ...(declared !== undefined ? { __declared: declared } : {}),
  }),
  managedResponsesOf: (outputs) => normalizeResponses(outputs.responses ?? {}),
  idOf: (key) => resourceIdOf(key),

  deletesFirstOnSameMethod: () => true,
  modeChanged: (olds, news) => (news.exclusive ?? true) !== (olds.exclusive ?? true),
  previousParts,

  readScope(props) {
    return { exclusive: props.exclusive !== false, scope: responseSet.managedResponsesOf(props) };
  },
  readBack(props, key, target, live, managed) {
    const given = props.exclusive;
    // `exclusive` only as the user gave it, so that refreshed inputs show no spurious difference.
    // A non-exclusive set also lists, as an input the program never sets, what it leaves alone:
    // `check` keeps it while the set stays non-exclusive, so that a preview of exclusive
    // false → true shows those responses going away.
    const leftAlone = given !== false ? {} : compactResponses(unmanagedPart(live, managed));
    const inputs: ResponseSetReadInputs = {
      ...target,
      ...(given !== undefined ? { exclusive: given } : {}),
      responses: compactResponses(managed),
      ...(Object.keys(leftAlone).length > 0 ? { [LEFT_ALONE]: leftAlone } : {}),
    };
    return { props: responseSet.outputsOf(inputs, key, managed, props.__declared), inputs };
  },
  deleteScope(props): ManagedScope {
    return props.exclusive !== false ? { wholeMethod: true, parts: [] } : { wholeMethod: false, parts: previousParts(props) };
  },
};
