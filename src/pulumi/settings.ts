/**
 * The connection settings of a provider process: from stack config, read once by
 * `configure`, kept on `globalThis` so that every resource of the process shares them
 * (and the runtime built from them: client, token bucket, write queues).
 */
import type { ValidationFailure } from "../model";
import { createRuntime, type Runtime } from "../reconcile";
import { RunSnapshots } from "../observe/snapshots";
import { parseDuration, parseRate, parseRegion } from "../settings";

/** Re-exported from `../settings` (the settings both front ends share). */
export { parseDuration, parseRate };

/**
 * Connection settings of a provider process, from stack config (`aws:region`,
 * `aws:profile`, `apigw-responses:endpoint`, `apigw-responses:rate`,
 * `apigw-responses:deadline`) or, when unset there, the environment.
 */
export interface ProviderSettings {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** `RPS:BURST` (default `10:40`, AWS-12) or `off`. */
  readonly rate?: string;
  /** Deadline of one call with its retries: seconds, or with a unit (`90s`, `2m`). Default 2 min. */
  readonly deadline?: string;
}

/** Read {@link ProviderSettings} from a dynamic provider's `configure` config. */
export function settingsFromConfig(config: { get(key: string): string | undefined }): ProviderSettings {
  const pick = (k: string) => {
    const v = config.get(k);
    return v === undefined || v === "" ? undefined : v;
  };
  return {
    region: pick("aws:region"),
    profile: pick("aws:profile"),
    endpoint: pick("apigw-responses:endpoint"),
    rate: pick("apigw-responses:rate"),
    deadline: pick("apigw-responses:deadline"),
  };
}

const SETTINGS = Symbol.for("pulumi-apigw-responses/provider-settings@1");
const SNAPSHOTS = Symbol.for("pulumi-apigw-responses/run-snapshots@1");

/**
 * Remember the stack's settings for this provider process (called by `configure`), and
 * start its run snapshots (`observe/snapshots.ts`) if they are not started yet. The engine
 * starts a provider process per operation, so the reads they hold are this operation's.
 * It configures each resource kind once, when the program registers the kind's first
 * resource, which may be in the middle of the run (a resource that waits for others):
 * the snapshots are kept then, since converges still running hold them and record their
 * writes there.
 */
export function configureProcess(config: { get(key: string): string | undefined }): void {
  const g = globalThis as Record<symbol, unknown>;
  g[SETTINGS] = settingsFromConfig(config);
  g[SNAPSHOTS] ??= new RunSnapshots();
}

/**
 * Forget the reads of this process, as a new engine operation starts with none. For
 * callers that play several operations in one process (tests); a provider process
 * serves one operation and never needs it.
 */
export function startNewOperation(): void {
  (globalThis as Record<symbol, unknown>)[SNAPSHOTS] = new RunSnapshots();
}

/** The run snapshots of this provider process; undefined before `configure` (a library or test caller). */
export function processSnapshots(): RunSnapshots | undefined {
  return (globalThis as Record<symbol, unknown>)[SNAPSHOTS] as RunSnapshots | undefined;
}

/** The settings `configure` stored; empty (environment only) before. */
export function processSettings(): ProviderSettings {
  return ((globalThis as Record<symbol, unknown>)[SETTINGS] as ProviderSettings | undefined) ?? {};
}

/** The runtime for a provider process: the shared client, token bucket, write queues and run snapshots. */
export function runtimeFor(settings: ProviderSettings): Runtime {
  const snapshots = processSnapshots();
  return createRuntime({
    ...(snapshots ? { snapshots } : {}),
    region: settings.region,
    profile: settings.profile,
    endpoint: settings.endpoint,
    rate: settings.rate ? parseRate(settings.rate) : undefined,
    deadlineMs: settings.deadline ? parseDuration(settings.deadline) : undefined,
  });
}

/**
 * Problems with the settings, as check failures named by their config key, so that
 * a bad `aws:region`, `apigw-responses:rate` or `:deadline` fails `pulumi preview`, not the first call.
 */
export function settingsFailures(settings: ProviderSettings): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  const tryParse = (key: string, value: string | undefined, parse: (v: string) => unknown) => {
    if (value === undefined) return;
    try {
      parse(value);
    } catch (err) {
      failures.push({ property: key, reason: `stack config ${key}: ${(err as Error).message}` });
    }
  };
  tryParse("aws:region", settings.region, parseRegion);
  tryParse("apigw-responses:rate", settings.rate, parseRate);
  tryParse("apigw-responses:deadline", settings.deadline, parseDuration);
  return failures;
}
