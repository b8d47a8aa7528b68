/**
 * The order between response writes and deployments inside one provider process
 * (one `pulumi up`): a deployment must freeze the API after the last response write of
 * the run (AWS-52), and the engine orders a `StageDeployment` after the response
 * resources only when its inputs depend on them (`triggers`). So the process keeps,
 * per REST API:
 * - the response operations running (create, update, delete of any response kind);
 * - the ones announced: every response resource the engine checks may be created or
 *   updated next, until its `diff` finds no change or its operation ends;
 * - the stages this process deployed, with how many response operations had finished then.
 *
 * A deployment waits until the API is settled (nothing running, nothing announced, and
 * for a short quiet time no response resource of the API checked, diffed, started or
 * finished), bounded by the call deadline; an announcement no operation followed is
 * forgotten after {@link ANNOUNCED_TTL_MS} (the engine stopped, or the resource waits for
 * the deployment itself through `dependsOn`). A response
 * operation that finishes on an API after this process deployed one of its stages (a
 * resource removed from the program is deleted after every update, and nothing orders
 * a resource that the deployment does not depend on) redeploys that stage before it
 * returns, once for every operation finishing in the same quiet time: a `pulumi up`
 * never ends with a stage behind the responses it wrote.
 *
 * The registry lives on `globalThis` (one per provider process, shared by every copy
 * of this module; docs/toolchain.md, "Dynamic providers").
 */

/** How long an API must be quiet before a deployment, in ms. */
export const QUIET_MS = 500;
/** How long an announced operation is waited for, in ms. */
export const ANNOUNCED_TTL_MS = 30_000;

interface ApiActivity {
  running: number;
  /** Owner (URN) → when its update was announced. */
  readonly announced: Map<string, number>;
  /** Response operations finished. */
  finished: number;
  /** When a response resource of the API was last checked, diffed, started or finished. */
  lastSeenAt: number;
  /** Stage → the number of finished operations its last deployment by this process included, and how to redeploy it. */
  readonly deployed: Map<string, { included: number; redeploy: () => Promise<unknown> }>;
  /** Stage → the redeploy waiting for the API to settle (joined by every operation finishing meanwhile). */
  readonly pending: Map<string, Promise<void>>;
}

const REGISTRY = Symbol.for("pulumi-apigw-responses/api-activity@1");

function activityOf(restApiId: string): ApiActivity {
  const g = globalThis as unknown as Record<symbol, Map<string, ApiActivity> | undefined>;
  const all = (g[REGISTRY] ??= new Map());
  let a = all.get(restApiId);
  if (!a) all.set(restApiId, (a = { running: 0, announced: new Map(), finished: 0, lastSeenAt: 0, deployed: new Map(), pending: new Map() }));
  return a;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A response resource `owner` of `restApiId` was checked: its create or update may follow. */
export function announceWrite(restApiId: string, owner: string | undefined): void {
  const a = activityOf(restApiId);
  a.lastSeenAt = Date.now();
  if (owner !== undefined) a.announced.set(owner, a.lastSeenAt);
}

/** `diff` found no change for `owner`: no operation follows. */
export function withdrawWrite(restApiId: string, owner: string | undefined): void {
  const a = activityOf(restApiId);
  a.lastSeenAt = Date.now();
  if (owner !== undefined) a.announced.delete(owner);
}

/** Is the API settled: nothing running or announced, and quiet for {@link QUIET_MS}? */
function settled(a: ApiActivity, now: number): boolean {
  for (const [owner, at] of a.announced) if (now - at > ANNOUNCED_TTL_MS) a.announced.delete(owner);
  return a.running === 0 && a.announced.size === 0 && now - a.lastSeenAt >= QUIET_MS;
}

/** Wait until the API is settled, at most `maxWaitMs`. */
async function untilSettled(a: ApiActivity, maxWaitMs: number): Promise<void> {
  const started = Date.now();
  while (!settled(a, Date.now()) && Date.now() - started < maxWaitMs) await sleep(50);
}

/**
 * Deploy a stage once the API is settled; `deploy` is also how a later response
 * operation of this process redeploys it.
 */
export async function deployWhenSettled<T>(restApiId: string, stageName: string, maxWaitMs: number, deploy: () => Promise<T>): Promise<T> {
  const a = activityOf(restApiId);
  await untilSettled(a, maxWaitMs);
  const included = a.finished;
  const result = await deploy();
  a.deployed.set(stageName, { included, redeploy: deploy });
  return result;
}

/**
 * Run one response operation (create, update or delete) on `restApiId`; afterwards,
 * redeploy the stages this process deployed before it finished (see the module comment).
 */
export async function duringWrite<T>(restApiId: string, owner: string | undefined, maxWaitMs: number, operation: () => Promise<T>): Promise<T> {
  const a = activityOf(restApiId);
  a.running++;
  a.lastSeenAt = Date.now();
  if (owner !== undefined) a.announced.delete(owner);
  let result: T;
  try {
    result = await operation();
  } finally {
    a.running--;
    a.finished++;
    a.lastSeenAt = Date.now();
  }
  const behind = [...a.deployed].filter(([, d]) => d.included < a.finished);
  await Promise.all(behind.map(([stage]) => redeploy(a, stage, maxWaitMs)));
  return result;
}

/** The redeploy of one stage, shared by every operation that finishes before it starts. */
function redeploy(a: ApiActivity, stageName: string, maxWaitMs: number): Promise<void> {
  let pending = a.pending.get(stageName);
  if (!pending) {
    pending = (async () => {
      try {
        await untilSettled(a, maxWaitMs);
      } finally {
        a.pending.delete(stageName);
      }
      const d = a.deployed.get(stageName);
      if (!d || d.included >= a.finished) return;
      const included = a.finished;
      await d.redeploy();
      d.included = Math.max(d.included, included);
    })();
    a.pending.set(stageName, pending);
  }
  return pending;
}
