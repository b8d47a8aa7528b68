/**
 * Starts one local API Gateway emulator (moto) for the whole test run, hands its
 * endpoint to the tests (`inject("endpoint")`), and always stops it.
 */
import type { TestProject } from "vitest/node";
import { startMoto, type MotoServer } from "../../src/emulator/moto";

declare module "vitest" {
  export interface ProvidedContext {
    /** The emulator's base URL, e.g. `http://127.0.0.1:4567`. */
    endpoint: string;
    /** moto's own URL (behind the parity layer once there is one). */
    motoEndpoint: string;
  }
}

let moto: MotoServer | undefined;

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  moto = await startMoto();
  project.provide("endpoint", moto.endpoint);
  project.provide("motoEndpoint", moto.endpoint);
  const stop = async () => {
    await moto?.stop();
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void stop().then(() => process.exit(130)));
  return stop;
}
