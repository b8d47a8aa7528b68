/**
 * Which local API Gateway a test file talks to. The suite runs files in several workers
 * at once (vitest.config.ts); each worker has its own emulator, started by the global
 * setup and reset before each file, so that a file's counters and state are its own.
 */
import { inject } from "vitest";

/** The number of this file's worker, from 1 (`VITEST_POOL_ID`). */
export function workerId(): number {
  const id = Number(process.env.VITEST_POOL_ID ?? "1");
  if (!Number.isInteger(id) || id < 1) throw new Error(`VITEST_POOL_ID is "${process.env.VITEST_POOL_ID}", not a worker number`);
  return id;
}

function ofWorker(list: readonly string[], what: string): string {
  const url = list[workerId() - 1];
  if (url === undefined) throw new Error(`no ${what} for worker ${workerId()}: the global setup started ${list.length}`);
  return url;
}

/** The URL of this worker's local API Gateway (the parity-and-fault layer in front of moto). */
export function sharedEndpoint(): string {
  return ofWorker(inject("endpoints"), "local API Gateway");
}

/** The URL of the moto server behind this worker's local API Gateway. */
export function sharedMotoEndpoint(): string {
  return ofWorker(inject("motoEndpoints"), "moto server");
}
