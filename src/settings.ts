/**
 * The connection settings both front ends share (the command line's options, the
 * Pulumi stack config): their parsers and rules, in one place. Each parser throws
 * an `Error` whose message names the value and the rule; the front end adds the
 * option or config key.
 */
import type { RateLimit } from "./rate";
import { escapeUnsafe } from "./text";

/** Parse `RPS:BURST` or `off` (the client's `--rate`, the stack config's `apigw-responses:rate`, the local API Gateway's `--quota`). */
export function parseRate(text: string): RateLimit | "off" {
  if (text.trim().toLowerCase() === "off") return "off";
  const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+)\s*$/.exec(text);
  if (!m || Number(m[1]) <= 0 || Number(m[2]) < 1) {
    throw new Error(`rate "${escapeUnsafe(text)}" must be RPS:BURST with RPS > 0 and BURST >= 1 (e.g. 10:40), or off`);
  }
  return { rps: Number(m[1]), burst: Number(m[2]) };
}

/** Parse a duration: plain seconds, or a number with `ms`, `s`, `m` or `h`. Returns milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new Error(`duration "${escapeUnsafe(text)}" must be a number of seconds or have a unit: 500ms, 90s, 2m, 1h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"]!;
  return Number(m[1]) * unit;
}

/** AWS region names (`eu-west-1`, `us-gov-west-1`, `cn-northwest-1`, `us-isob-east-1`), as a JSON Schema pattern. */
export const REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-\\d{1,2}$";
const REGION = new RegExp(REGION_PATTERN);
/** What an AWS region name looks like, for the messages that refuse one. */
export const REGION_RULE = 'lower-case words and a number joined by "-", e.g. eu-west-1 or us-gov-west-1';

/**
 * Check an AWS region name before the SDK builds an endpoint from it (a region such
 * as `eu west 1` or `EU-WEST-1` would otherwise fail at the first call, far from its cause).
 *
 * @returns the region
 */
export function parseRegion(text: string): string {
  if (!REGION.test(text)) throw new Error(`region "${escapeUnsafe(text)}" is not an AWS region name: ${REGION_RULE}`);
  return text;
}
