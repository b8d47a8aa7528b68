/**
 * `check`: validation of a resource's inputs (zero AWS calls), of the stack config's
 * settings, and of ownership (one owner per response in a stack). Written once for
 * every kind; what a kind allows and claims is its adapter's.
 */
import type { ValidationFailure } from "../model";
import { IDENTITY_FIELDS, LEFT_ALONE, UNKNOWN, ownerOf, withoutUnknowns, type ResourceKind } from "./inputs";
import { adapterOf } from "./kinds";
import { claim, describeParts, type Claim } from "./ownership";
import { processSettings, settingsFailures } from "./settings";

/** Valid stand-ins for identity fields not known yet (preview): they are validated once known. */
const IDENTITY_PLACEHOLDERS: Record<(typeof IDENTITY_FIELDS)[number], string> = {
  restApiId: "unknown",
  resourceId: "unknown",
  path: "/",
  httpMethod: "GET",
};

/**
 * `check`: every validation failure, with zero AWS calls. Values not known yet
 * (preview) are skipped; the rest is checked. When the program marked the resource
 * as holding secrets (`__secretInputs`), no message quotes a value.
 */
export function checkInputs(kind: ResourceKind, news: Record<string, unknown>): ValidationFailure[] {
  const adapter = adapterOf(kind);
  const failures: ValidationFailure[] = [];
  const hideValues = news.__secretInputs === true;
  const known = withoutUnknowns(news) as Record<string, unknown>;
  const allowed = new Set<string>([...IDENTITY_FIELDS, ...adapter.inputFields]);
  for (const k of Object.keys(news)) {
    if (!k.startsWith("__") && !allowed.has(k) && news[k] !== undefined) {
      failures.push({ property: k, reason: `unknown property "${k}"; allowed: ${[...allowed].join(", ")}` });
    }
  }
  const inputs = { ...known } as Record<string, unknown>;
  for (const f of IDENTITY_FIELDS) if (news[f] === UNKNOWN) inputs[f] = IDENTITY_PLACEHOLDERS[f];
  for (const k of ["adoptExisting", ...Object.keys(inputs).filter((k) => k.startsWith("__"))]) delete inputs[k];
  return [...failures, ...adapter.validate(news, inputs, hideValues)];
}

/** What a resource's inputs say it manages, when its method is known. */
function claimOf(kind: ResourceKind, news: Record<string, unknown>): Claim | undefined {
  const owner = ownerOf(news);
  const known = (f: string) => (typeof news[f] === "string" && news[f] !== UNKNOWN ? (news[f] as string) : undefined);
  const restApiId = known("restApiId");
  const httpMethod = known("httpMethod");
  const resourceId = known("resourceId");
  const path = known("path");
  if (owner === undefined || restApiId === undefined || httpMethod === undefined || (resourceId === undefined && path === undefined)) return undefined;
  const scope = adapterOf(kind).claimedScope(news);
  if (scope === undefined) return undefined;
  return { owner, type: kind, restApiId, httpMethod, ...(resourceId !== undefined ? { resourceId } : {}), ...(path !== undefined ? { path } : {}), ...scope };
}

/**
 * `check` in the provider: the stack config's settings, the inputs ({@link checkInputs}),
 * and ownership: a response managed by two resources of the stack (an exclusive
 * `ResponseSet` manages all of its method's) is refused, naming the other one.
 */
export function checkResource(kind: ResourceKind, news: Record<string, unknown>): ValidationFailure[] {
  const failures = [...settingsFailures(processSettings()), ...checkInputs(kind, news)];
  const mine = claimOf(kind, news);
  if (mine === undefined) return failures;
  for (const { other, parts } of claim(mine)) {
    const where = `${mine.httpMethod} ${mine.path ?? mine.resourceId} (rest api ${mine.restApiId})`;
    const what = describeParts(parts, mine.wholeMethod || other.wholeMethod);
    const exclusiveNote = mine.wholeMethod || other.wholeMethod ? " (an exclusive ResponseSet manages every response of its method)" : "";
    failures.push({
      property: adapterOf(kind).ownershipProperty,
      reason:
        `${what} of ${where} is also managed by ${other.owner}${exclusiveNote}. ` +
        `Two owners would undo each other on every pulumi up --refresh: keep each response in one resource ` +
        `(or set exclusive: false on the ResponseSet and leave the other resource's status codes out of it).`,
    });
  }
  return failures;
}

/**
 * The inputs `check` returns: the program's, plus, for a `ResponseSet` that stays
 * non-exclusive, the responses it leaves alone as the last refresh saw them (see
 * {@link LEFT_ALONE}). Dropping them when the set becomes exclusive is what makes the
 * preview show that they will be deleted.
 */
export function inputsAfterCheck(kind: ResourceKind, olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  const leftAlone = olds?.[LEFT_ALONE];
  if (!adapterOf(kind).keepsLeftAlone(news) || leftAlone === undefined || news[LEFT_ALONE] !== undefined) return news;
  return { ...news, [LEFT_ALONE]: leftAlone };
}
