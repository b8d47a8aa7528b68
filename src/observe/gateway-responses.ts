/**
 * Observe the gateway responses of a REST API: ONE `GetGatewayResponses` call lists all
 * 21 types, customized or not (AWS-32). Read only (architecture rule 1).
 */
import { send } from "../aws/call";
import type { CallCounters, Connection } from "../aws/connection";
import type { ObservedGatewayResponses } from "../gateway-responses";
import { normalizeLiveGatewayResponses, type LiveGatewayResponse } from "../normalize";
import { snapshotsOf } from "./snapshots";

/** `limit` of the read: AWS ignores it and lists all 21 (AWS-32); an emulator that pages gets one page. */
const PAGE_SIZE = 500;

/**
 * Read every gateway response of a REST API. Pages are followed when an answer has a
 * `position` (AWS never sends one, AWS-32).
 *
 * @throws {ApiGatewayError} `REST_API_NOT_FOUND` when the REST API does not exist (AWS-38), or whatever the read met
 */
export async function readGatewayResponses(connection: Connection, restApiId: string, counters?: CallCounters): Promise<ObservedGatewayResponses> {
  const items: LiveGatewayResponse[] = [];
  const seen = new Set<string>();
  let position: string | undefined;
  do {
    const out = await send(connection, "GetGatewayResponses", { restApiId, limit: PAGE_SIZE, ...(position ? { position } : {}) }, { restApiId, subject: `the gateway responses of rest api ${restApiId}`, counters });
    items.push(...((out.items ?? []) as LiveGatewayResponse[]));
    position = out.position ?? undefined;
    if (position !== undefined && seen.has(position)) break;
    if (position !== undefined) seen.add(position);
  } while (position !== undefined);
  return normalizeLiveGatewayResponses(restApiId, items);
}

/**
 * The gateway responses of a REST API for a converge or a refresh: with run snapshots
 * (the provider's runtime), what a read of this process holds, kept current by our writes'
 * answers, or one read shared by the callers that ask while it is in flight; otherwise
 * {@link readGatewayResponses}.
 */
export async function observeGatewayResponses(connection: Connection, restApiId: string, counters?: CallCounters): Promise<ObservedGatewayResponses> {
  const snapshots = snapshotsOf(connection);
  if (!snapshots) return readGatewayResponses(connection, restApiId, counters);
  const flight = `gateway responses of ${restApiId}`;
  const held = snapshots.gatewayLookup(restApiId);
  if (held) return held;
  const inflight = snapshots.whenRead(flight);
  if (inflight) {
    await inflight;
    const after = snapshots.gatewayLookup(restApiId);
    if (after) return after;
  }
  const mark = snapshots.mark();
  const observed = await snapshots.track(flight, readGatewayResponses(connection, restApiId, counters));
  snapshots.rememberGatewayRead(observed, mark);
  return observed;
}
