/**
 * The order between response writes and deployments inside one provider process
 * (src/pulumi/api-activity.ts), with fake operations and real time: a deployment waits
 * for the operations running and announced (checked, not yet diffed without changes) on
 * its REST API and for a quiet time after; an operation finishing after a deployment of this process redeploys
 * its stage once, however many finish together; other REST APIs are not waited for.
 */
import { describe, expect, it } from "vitest";
import { announceWrite, deployWhenSettled, duringWrite, QUIET_MS, withdrawWrite } from "../../src/pulumi/api-activity";

let next = 0;
/** A REST API id no other test uses (the registry is process-wide). */
const freshApi = () => `api-activity-${process.pid}-${next++}`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A log of what happened, in order. */
function journal() {
  const events: string[] = [];
  return {
    events,
    op: (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await sleep(ms);
      events.push(`${name} end`);
      return name;
    },
  };
}

describe("deployWhenSettled", () => {
  it("waits for every running operation on its REST API, then deploys", async () => {
    const api = freshApi();
    const j = journal();
    const writes = [duringWrite(api, "a", 10_000, j.op("write a", 300)), duringWrite(api, "b", 10_000, j.op("write b", 600))];
    const deployed = deployWhenSettled(api, "prod", 10_000, j.op("deploy", 10));
    await Promise.all([...writes, deployed]);
    expect(j.events.indexOf("deploy start")).toBeGreaterThan(j.events.indexOf("write b end"));
    expect(j.events.indexOf("deploy start")).toBeGreaterThan(j.events.indexOf("write a end"));
  });

  it("waits for an announced operation (its resource was checked) that has not started yet", async () => {
    const api = freshApi();
    const j = journal();
    announceWrite(api, "urn:set");
    const deployed = deployWhenSettled(api, "prod", 10_000, j.op("deploy", 10));
    await sleep(200);
    expect(j.events).toEqual([]);
    await duringWrite(api, "urn:set", 10_000, j.op("update set", 50));
    await deployed;
    expect(j.events).toEqual(["update set start", "update set end", "deploy start", "deploy end"]);
  });

  it("an announced resource whose diff finds no change is not waited for, after a quiet time", async () => {
    const api = freshApi();
    announceWrite(api, "urn:same");
    const started = Date.now();
    const deployed = deployWhenSettled(api, "prod", 10_000, async () => Date.now());
    await sleep(300);
    withdrawWrite(api, "urn:same");
    const at = await deployed;
    expect(at - started).toBeGreaterThanOrEqual(300 + QUIET_MS - 20);
    expect(at - started).toBeLessThan(300 + QUIET_MS + 500);
  });

  it("does not wait for another REST API, and gives up waiting at maxWaitMs", async () => {
    const api = freshApi();
    const other = freshApi();
    const slow = duringWrite(other, "x", 10_000, () => sleep(2_000));
    let started = Date.now();
    await deployWhenSettled(api, "prod", 10_000, async () => undefined);
    expect(Date.now() - started).toBeLessThan(1_000);
    announceWrite(api, "never-comes");
    started = Date.now();
    await deployWhenSettled(api, "prod", 300, async () => undefined);
    expect(Date.now() - started).toBeLessThan(1_500);
    await slow;
  });
});

describe("duringWrite after a deployment of this process", () => {
  it("an operation finishing after the deployment redeploys the stage once for all that finish together; a failed one does not", async () => {
    const api = freshApi();
    let deployments = 0;
    await deployWhenSettled(api, "prod", 10_000, async () => ++deployments);
    expect(deployments).toBe(1);
    // Two deletes at the end of the run (resources removed from the program).
    await Promise.all([duringWrite(api, "d1", 10_000, () => sleep(50)), duringWrite(api, "d2", 10_000, () => sleep(150))]);
    expect(deployments).toBe(2);
    await expect(duringWrite(api, "d3", 10_000, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(deployments).toBe(2);
  });

  it("operations on an API whose stages this process did not deploy redeploy nothing", async () => {
    const api = freshApi();
    let deployments = 0;
    await deployWhenSettled(freshApi(), "prod", 10_000, async () => ++deployments);
    await duringWrite(api, "w", 10_000, () => sleep(10));
    expect(deployments).toBe(1);
  });
});
