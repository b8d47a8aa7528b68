/**
 * What the kinds that manage one response of one status code share (`MethodResponse`,
 * `IntegrationResponse`): each kind's adapter is built from its own
 * {@link SingleResponseKind} description, never from a branch on the kind.
 */
import type { ResponseKind, ValidationFailure } from "../../model";
import { normalizeResponses } from "../../normalize";
import { validateMethodSpec } from "../../validate";
import type { ResourceAdapter } from "../adapter";
import { UNKNOWN, methodTargetOf, type IntegrationResponseInputs, type MethodResponseInputs, type ResourceKind } from "../inputs";
import { compactResponses, partsOf } from "../responses";
import { commonOutputsOf, resourceIdOf, type IntegrationResponseOutputs, type MethodResponseOutputs, type SingleReadInputs } from "../state";

/** The inputs of the single-response kinds. */
export type SingleResponseInputs = MethodResponseInputs | IntegrationResponseInputs;

/** The outputs of the single-response kinds. */
export type SingleResponseOutputs = MethodResponseOutputs | IntegrationResponseOutputs;

/** What sets one single-response kind apart. */
export interface SingleResponseKind {
  /** The resource kind. */
  readonly kind: ResourceKind;
  /** The response kind it manages on its status code. */
  readonly responseKind: ResponseKind;
  /** Its fields: the AWS fields of that response, as inputs and as outputs (its spec schema's: `fieldNamesOf`). */
  readonly fields: readonly string[];
  /** Its outputs' fields when the response is absent (normalized form). */
  readonly absent: Readonly<Record<string, unknown>>;
  /**
   * Whether moving it to another status code of the same method deletes the old one
   * first (an integration response: a new default one beside the old default one
   * would be refused, AWS-6).
   */
  readonly deletesFirstOnCodeChange: boolean;
}

/** Map a failure of the one-method spec back onto the resource's own property names. */
function ownProperty(k: SingleResponseKind, statusCode: string, property: string): string {
  const prefix = `responses.${statusCode}.${k.responseKind}.`;
  if (property.startsWith(prefix)) return property.slice(prefix.length);
  if (property === `responses.${statusCode}` || property.startsWith("responses.")) return "statusCode";
  return property;
}

/** The fields of `k` that `from` has. */
function fieldsOf(k: SingleResponseKind, from: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of k.fields) {
    const v = (from as Record<string, unknown>)[f];
    if (v !== undefined) out[f] = v;
  }
  return out;
}

/**
 * The adapter of a single-response kind. The one cast: its outputs are built from the
 * kind's own field list, which `O` spells out.
 */
export function singleResponseAdapter<I extends SingleResponseInputs, O extends SingleResponseOutputs>(k: SingleResponseKind): ResourceAdapter<I, O> {
  const adapter: ResourceAdapter<I, O> = {
    kind: k.kind,
    inputFields: ["statusCode", "adoptExisting", ...k.fields],
    replacingFields: ["statusCode"],
    ownershipProperty: "statusCode",
    adoptionAdvice: "set adoptExisting: true, and the resource takes over the existing response and converges it.",

    validate(news, known, hideValues) {
      const failures: ValidationFailure[] = [];
      if (news.adoptExisting !== undefined && typeof news.adoptExisting !== "boolean") {
        const shown = hideValues ? "(a secret value)" : JSON.stringify(news.adoptExisting);
        failures.push({ property: "adoptExisting", reason: `adoptExisting must be a boolean, got ${shown}` });
      }
      const statusCode = news.statusCode === UNKNOWN ? "200" : known.statusCode;
      const spec = adapter.specOf({ ...(known as unknown as I), statusCode: String(statusCode) });
      for (const f of validateMethodSpec(spec, { hideValues })) {
        failures.push({ property: ownProperty(k, String(statusCode), f.property), reason: f.reason });
      }
      if (statusCode === undefined) failures.push({ property: "statusCode", reason: "statusCode is required" });
      return failures;
    },
    claimedScope(news) {
      const statusCode = news.statusCode;
      if (typeof statusCode !== "string" || statusCode === UNKNOWN) return undefined;
      return { wholeMethod: false, parts: [{ statusCode, kind: k.responseKind }] };
    },
    keepsLeftAlone: () => false,

    specOf: (inputs) => ({
      ...methodTargetOf(inputs),
      responses: { [String(inputs.statusCode)]: { [k.responseKind]: fieldsOf(k, inputs) } },
      exclusive: false,
    }),
    mustNotExist: (inputs) => (inputs.adoptExisting ? undefined : { statusCode: inputs.statusCode, kind: k.responseKind }),

    outputsOf: (inputs, key, managed) =>
      ({
        ...commonOutputsOf(inputs, key, managed),
        statusCode: inputs.statusCode,
        ...(managed[inputs.statusCode]?.[k.responseKind] ?? k.absent),
        ...(inputs.adoptExisting !== undefined ? { adoptExisting: inputs.adoptExisting } : {}),
      }) as unknown as O,
    managedResponsesOf(outputs) {
      const fields = fieldsOf(k, outputs);
      // Outputs of a response that is gone carry no fields: the response is absent.
      if (outputs.revision !== undefined && Object.keys(fields).length === 0) return {};
      return normalizeResponses({ [outputs.statusCode]: { [k.responseKind]: fields } });
    },
    idOf: (key, state) => resourceIdOf(key, state.statusCode),

    deletesFirstOnSameMethod: (olds, news) => k.deletesFirstOnCodeChange || news.statusCode === olds.statusCode,
    modeChanged: () => false,
    previousParts: (olds) => partsOf(adapter.managedResponsesOf(olds)),

    readScope: (props) => ({ exclusive: false, scope: { [props.statusCode]: { [k.responseKind]: {} } } }),
    readBack(props, key, target, _live, managed) {
      const statusCode = props.statusCode;
      if (!managed[statusCode]) return undefined;
      const adopt = props.adoptExisting !== undefined ? { adoptExisting: props.adoptExisting } : {};
      const response = compactResponses(managed)[statusCode]![k.responseKind] ?? {};
      const inputs: SingleReadInputs = { ...target, statusCode, ...response, ...adopt };
      return { props: adapter.outputsOf({ ...target, statusCode, ...adopt } as I, key, managed), inputs };
    },
    deleteScope: (props) => ({ wholeMethod: false, parts: [{ statusCode: props.statusCode, kind: k.responseKind }] }),
  };
  return adapter;
}
