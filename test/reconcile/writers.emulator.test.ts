/**
 * Reconcile is level-based across writers (issue 15, defect 5): when another writer
 * moves the live state under a run, the run reads again and re-plans, a bounded
 * number of passes; when it gives up, it says that another writer is the probable
 * cause and lists what still differs. A write that fails on a state nobody moved
 * is not retried by another pass.
 */
import { DeleteMethodResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { ApplyError } from "../../src/apply";
import type { MethodKey, MethodSpec, Plan } from "../../src/model";
import { ConvergenceError, reconcile } from "../../src/reconcile";
import { readsAndWrites, seedResponses, useSeededApi } from "../support/local-api-gateway";

const suite = useSeededApi({ resources: 6, methods: 6 });

const H = (name: string) => `method.response.header.${name}`;
const keyOf = (i: number): MethodKey => suite.api.methods[i]!;
const specOf = (key: MethodKey): MethodSpec => ({
  ...key,
  responses: {
    "200": {
      methodResponse: { responseParameters: { [H("X-Trace")]: true } },
      integrationResponse: { responseParameters: { [H("X-Trace")]: "'t'" } },
    },
  },
});
const otherWriterAdds = (key: MethodKey, statusCode: string) => suite.client.send(new PutMethodResponseCommand({ ...key, statusCode }));

async function setFaults(rules: unknown[]): Promise<void> {
  const res = await fetch(`${suite.emulator.endpoint}/__emulator/faults`, { method: "POST", body: JSON.stringify(rules) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
}

describe("reconcile across writers", () => {
  it("another writer adds a response during the first pass: a second pass removes it, and the run converges", async () => {
    const key = keyOf(0);
    const passes: Plan[] = [];
    const result = await reconcile(suite.runtime, [specOf(key)], {
      events: {
        passStarted: async (pass, plan) => {
          passes.push(plan);
          if (pass === 1) await otherWriterAdds(key, "418");
        },
      },
    });
    expect(passes).toHaveLength(2);
    expect(passes[1]!.methods[0]!.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual(["DeleteMethodResponse 418"]);
    expect(result.report.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual(["PutMethodResponse 200", "PutIntegrationResponse 200", "DeleteMethodResponse 418"]);
    const again = await reconcile(suite.runtime, [specOf(key)]);
    expect(again.report.operations).toEqual([]);
  });

  it("a writer that keeps moving the state: gives up after 3 passes, names another writer as the probable cause and lists what differs", async () => {
    const key = keyOf(1);
    let pass = 0;
    const err = await reconcile(suite.runtime, [specOf(key)], {
      events: { passStarted: async (n) => void (pass = n, await otherWriterAdds(key, String(417 + n))) },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConvergenceError);
    const e = err as ConvergenceError;
    expect(pass).toBe(3);
    expect(e.passes).toBe(3);
    expect(e.why).toBe("moved");
    const [head, ...rest] = e.message.split("\n");
    expect(head).toBe(
      `NOT_CONVERGED: after 3 apply passes, the live state still differs from the desired state in 1 method(s); ` +
        `the live state changed between passes: another writer changing these methods at the same time is the probable cause.`,
    );
    expect(rest).toEqual([`  - GET ${key.resourceId} (rest api ${key.restApiId}, resource ${key.resourceId}):`, "      DeleteMethodResponse 420"]);
    // The report covers every pass: what was done is not lost.
    expect(e.report.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual([
      "PutMethodResponse 200",
      "PutIntegrationResponse 200",
      "DeleteMethodResponse 418",
      "DeleteMethodResponse 419",
    ]);
    await suite.client.send(new DeleteMethodResponseCommand({ ...key, statusCode: "420" }));
  });

  it("maxPasses: 1 makes one pass only", async () => {
    const key = keyOf(2);
    const err = await reconcile(suite.runtime, [specOf(key)], {
      maxPasses: 1,
      events: { passStarted: async () => void (await otherWriterAdds(key, "418")) },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConvergenceError);
    expect((err as ConvergenceError).why).toBe("single-pass");
    expect((err as ConvergenceError).message.split("\n")[0]).toMatch(/after 1 apply pass, .* in 1 method\(s\)\.$/);
  });

  it("a write that failed because another writer removed what it maps: the next pass re-plans from the live state and converges", async () => {
    const key = keyOf(3);
    // Live: the method response declares X-Trace; the integration response is still to be written.
    await seedResponses(suite.client, key, { "200": { methodResponse: { responseParameters: { [H("X-Trace")]: true } } } });
    const passes: number[] = [];
    const result = await reconcile(suite.runtime, [specOf(key)], {
      events: {
        passStarted: async (pass) => {
          passes.push(pass);
          // The other writer replaces the method response without the header: mapping it is now refused (AWS-5).
          if (pass === 1) {
            await suite.client.send(new DeleteMethodResponseCommand({ ...key, statusCode: "200" }));
            await suite.client.send(new PutMethodResponseCommand({ ...key, statusCode: "200" }));
          }
        },
      },
    });
    expect(passes).toEqual([1, 2]);
    expect(result.report.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual(["UpdateMethodResponse 200", "PutIntegrationResponse 200"]);
  });

  it("a write refused on a state nobody moved is not tried again by another pass", async () => {
    const key = keyOf(4);
    await setFaults([{ fault: "denied", operation: "PutIntegrationResponse" }]);
    const passes: number[] = [];
    const before = suite.emulator.stats();
    try {
      const err = await reconcile(suite.runtime, [specOf(key)], { events: { passStarted: (pass) => void passes.push(pass) } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplyError);
      expect((err as ApplyError).failures.map((f) => f.method.key)).toEqual([key]);
      expect((err as ApplyError).report.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual(["PutMethodResponse 200"]);
    } finally {
      await setFaults([]);
    }
    expect(passes).toEqual([1]);
    expect(readsAndWrites(before, suite.emulator.stats()).calls.PutIntegrationResponse).toBe(1);
  });
});
