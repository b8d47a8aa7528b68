/** Before each test file: a clean emulator. */
import { beforeAll, inject } from "vitest";

beforeAll(async () => {
  const res = await fetch(`${inject("motoEndpoint")}/moto-api/reset`, { method: "POST" });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`emulator reset failed: HTTP ${res.status}`);
});
