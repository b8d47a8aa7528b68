/**
 * A resource kind is an adapter (docs: architecture rule 12). The provider lifecycle
 * (check, diff, create, read, update, delete: ./lifecycle.ts and ./check.ts) is written
 * once over this interface; each kind (./kinds/) supplies what differs: how its inputs
 * become a desired method spec, how live responses become its outputs, which responses
 * it manages, what identifies it. Adding a kind means adding one adapter to the registry
 * (./kinds/index.ts), never a branch in shared code.
 *
 * Every member is pure: no AWS call, no process state.
 */
import type { MethodKey, MethodSpec, NormalizedResponses, Removal, ValidationFailure } from "../model";
import type { AnyInputs, ResourceKind } from "./inputs";
import type { ResponseScope } from "./responses";
import type { AnyOutputs, ReadInputs, ReadTarget } from "./state";

/** What a resource manages on its method. */
export interface ManagedScope {
  /** Every response of the method (an exclusive `ResponseSet`). */
  readonly wholeMethod: boolean;
  /** The status codes and kinds it manages (empty when `wholeMethod` and none are named). */
  readonly parts: readonly Required<Removal>[];
}

/** Which live responses `read` reports as the resource's own. */
export interface ReadScope {
  /** All of the method's responses. */
  readonly exclusive: boolean;
  /** Otherwise: these status codes and kinds. */
  readonly scope: ResponseScope;
}

/** What `read` reports for a resource whose responses still exist. */
export interface ReadBack<O extends AnyOutputs = AnyOutputs> {
  readonly props: O;
  readonly inputs: ReadInputs;
}

/**
 * What one resource kind supplies to the shared provider lifecycle.
 *
 * Members are written as methods so that the adapter of one kind (typed with its own
 * inputs and outputs) serves where the lifecycle holds any kind's values.
 */
export interface ResourceAdapter<I extends AnyInputs = AnyInputs, O extends AnyOutputs = AnyOutputs> {
  /** The kind's name: the last part of the Pulumi type token, and the ownership claim's type. */
  readonly kind: ResourceKind;
  /** The input properties a program may set besides the method's identity fields. */
  readonly inputFields: readonly string[];
  /** Properties besides the method's identity fields whose change replaces the resource. */
  readonly replacingFields: readonly string[];
  /** The property a failure of ownership (two owners of a response) is reported on. */
  readonly ownershipProperty: string;
  /**
   * How a resource of this kind takes over what exists, told instead of `pulumi import`
   * (dynamic resources cannot be imported, pulumi/pulumi #3550).
   */
  readonly adoptionAdvice: string;

  // ---------------------------------------------------------------- check

  /**
   * The validation failures of this kind's inputs. `news` is what the program gave
   * (unknown values included); `known` the same with unknown values dropped, identity
   * placeholders filled and hidden (`__`) inputs and `adoptExisting` removed.
   */
  validate(news: Record<string, unknown>, known: Record<string, unknown>, hideValues: boolean): ValidationFailure[];
  /** What the inputs say the resource manages, or undefined while it cannot be told (preview). */
  claimedScope(news: Record<string, unknown>): ManagedScope | undefined;
  /** Whether `check` carries over the responses a refresh saw it leave alone (a non-exclusive set). */
  keepsLeftAlone(news: Record<string, unknown>): boolean;

  // ---------------------------------------------------------------- desired state

  /** The one-method spec the inputs stand for. */
  specOf(inputs: I): MethodSpec;
  /** The response a create refuses to take over (unless adopting), or undefined when it adopts. */
  mustNotExist(inputs: I): Required<Removal> | undefined;

  // ---------------------------------------------------------------- outputs

  /**
   * The outputs for the managed part of the live responses. `declared`: the status codes
   * and kinds the inputs declared, for a kind that keeps them in its outputs.
   */
  outputsOf(inputs: I, key: MethodKey, managed: NormalizedResponses, declared?: readonly Required<Removal>[]): O;
  /** The responses the outputs describe (the managed live part). */
  managedResponsesOf(outputs: O): NormalizedResponses;
  /** The resource id of inputs or outputs on `key`. */
  idOf(key: MethodKey, state: I | O): string;

  // ---------------------------------------------------------------- diff and update

  /** When the method stays the same, whether a replacement must delete the old resource first. */
  deletesFirstOnSameMethod(olds: O, news: I): boolean;
  /** A change of inputs that the responses do not show (a set's `exclusive`). */
  modeChanged(olds: O, news: I): boolean;
  /** What the resource managed before an update, whose removal the new inputs may imply. */
  previousParts(olds: O): Required<Removal>[];

  // ---------------------------------------------------------------- read and delete

  /** Which live responses `read` reports. */
  readScope(props: O): ReadScope;
  /**
   * The refreshed outputs and inputs, from the live responses and their managed part;
   * undefined when what the resource manages is gone.
   */
  readBack(props: O, key: MethodKey, target: ReadTarget, live: NormalizedResponses, managed: NormalizedResponses): ReadBack<O> | undefined;
  /** What a delete removes (`wholeMethod`: every response not kept by another resource). */
  deleteScope(props: O): ManagedScope;
}
