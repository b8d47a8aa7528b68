/** Before each test file: a clean local API Gateway (moto state, counters, faults). */
import { beforeAll, inject } from "vitest";

beforeAll(async () => {
  const res = await fetch(`${inject("endpoint")}/__emulator/reset`, { method: "POST" });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`emulator reset failed: HTTP ${res.status}`);
});
