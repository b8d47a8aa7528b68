/**
 * Secrets and credentials never appear in clear text: AWS credentials and a
 * session token in the environment of every run, and a template value marked
 * secret in the program (`config.requireSecret` + `pulumi.secret`), are searched
 * for in the output of `pulumi up` / `preview --diff` / `preview --json` /
 * `refresh` / a failing `up`, in the state file (`pulumi stack export`), in the
 * stack's config file, and in the command line's plan output and errors.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../tools/pulumi-env";
import { createStack, programDir, type TestStack } from "../support/pulumi";
import { seedApi, type SeededApi } from "../support/sets";
import { sharedEndpoint, sharedMotoEndpoint } from "../support/workers";

const endpoint = sharedEndpoint();
const PROGRAM = programDir("sets");
const SECRET_TEMPLATE = '{"token": "TOPSECRET-TEMPLATE-5f1e9c"}';
const FAKE_ENV = {
  AWS_ACCESS_KEY_ID: "AKIAFAKELEAKCHECK777",
  AWS_SECRET_ACCESS_KEY: "fakeSecretKeyLEAKCHECK/0123456789abcdefXYZ",
  AWS_SESSION_TOKEN: "FakeSessionTokenLEAKCHECK-9a8b7c6d5e4f",
};
/** What must never appear in clear text (the template, its distinctive part, the credentials). */
const NEEDLES = ["TOPSECRET-TEMPLATE-5f1e9c", FAKE_ENV.AWS_ACCESS_KEY_ID, FAKE_ENV.AWS_SECRET_ACCESS_KEY, FAKE_ENV.AWS_SESSION_TOKEN, "fakeSecretKeyLEAKCHECK", "FakeSessionTokenLEAKCHECK"];

let api: SeededApi;
let stack: TestStack;
let tmp: string;
/** Every text collected, by where it came from. */
const texts: Record<string, string> = {};

function leaks(text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n));
}

beforeAll(async () => {
  api = await seedApi(sharedMotoEndpoint(), 3, "secrets");
  tmp = mkdtempSync(path.join(tmpdir(), "apigw-secrets-"));
  stack = await createStack(PROGRAM, endpoint, {
    "reliability-sets:restApiId": api.restApiId,
    "reliability-sets:resources": JSON.stringify(api.methods.slice(0, 2).map((m) => m.resourceId)),
    // Single resources and a gateway response with the secret template, on the third method and the API.
    "reliability-sets:singleResource": api.methods[2]!.resourceId,
  });
  const set = await stack.run(["config", "set", "--secret", "reliability-sets:secretTemplate", SECRET_TEMPLATE]);
  expect(set.code, set.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const run = async (name: string, args: string[]) => {
  const r = await stack.run(args, { env: FAKE_ENV });
  texts[name] = `${r.stdout}\n${r.stderr}`;
  return r;
};

describe("secrets and credentials never appear in clear text", () => {
  it("pulumi up, preview --diff, preview --json, refresh: the secret template was applied, and no output shows it or the credentials", async () => {
    const up = await run("pulumi up", ["up", "--yes", "--skip-preview", "--diff"]);
    expect(up.code, texts["pulumi up"]).toBe(0);
    // The template really is live (so the search below is meaningful).
    const { GetIntegrationResponseCommand } = await import("@aws-sdk/client-api-gateway");
    const { localClient } = await import("../../tools/seed");
    const c = localClient(endpoint);
    const live = await c.send(new GetIntegrationResponseCommand({ ...api.methods[0]!, statusCode: "200" }));
    const single = await c.send(new GetIntegrationResponseCommand({ ...api.methods[2]!, statusCode: "200" }));
    const { GetGatewayResponseCommand } = await import("@aws-sdk/client-api-gateway");
    const gateway = await c.send(new GetGatewayResponseCommand({ restApiId: api.restApiId, responseType: "DEFAULT_5XX" }));
    c.destroy();
    expect(live.responseTemplates?.["application/json"]).toBe(SECRET_TEMPLATE);
    expect(single.responseTemplates?.["application/json"]).toBe(SECRET_TEMPLATE);
    expect(gateway.responseTemplates?.["application/json"]).toBe(SECRET_TEMPLATE);

    // Drift on the secret-carrying method, so that previews have something to show.
    const { PutIntegrationResponseCommand } = await import("@aws-sdk/client-api-gateway");
    const m = localClient(sharedMotoEndpoint());
    await m.send(new PutIntegrationResponseCommand({ ...api.methods[0]!, statusCode: "200", responseTemplates: { "application/json": '{"drifted": true}' }, responseParameters: { "method.response.header.X-Method": "'m0'" } }));
    m.destroy();

    const diff = await run("pulumi preview --refresh --diff", ["preview", "--refresh", "--diff"]);
    expect(diff.code, texts["pulumi preview --refresh --diff"]).toBe(0);
    const json = await run("pulumi preview --json", ["preview", "--refresh", "--json"]);
    expect(json.code, texts["pulumi preview --json"]).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    const refresh = await run("pulumi refresh", ["refresh", "--yes", "--skip-preview", "--diff"]);
    expect(refresh.code, texts["pulumi refresh"]).toBe(0);
    const up2 = await run("pulumi up (restores)", ["up", "--yes", "--skip-preview", "--diff"]);
    expect(up2.code, texts["pulumi up (restores)"]).toBe(0);

    for (const [name, text] of Object.entries(texts)) expect(leaks(text), `${name} shows a secret:\n${text}`).toEqual([]);
  });

  it("the state file (pulumi stack export) and the stack config file hold them only encrypted", async () => {
    const exp = await run("pulumi stack export", ["stack", "export"]);
    expect(exp.code).toBe(0);
    const state = exp.stdout;
    expect(state).toContain("4dabf18193072939515e22adb298388d"); // Pulumi's secret signature: secrets are there, encrypted
    expect(leaks(state), `the state holds a secret in clear text`).toEqual([]);
    // Nor a function of one: the revision of the set whose template is secret is itself secret.
    const revisions = (await stack.outputs()).revisions as string[];
    const secretRevision = revisions[0]!.replace(/^sha256:/, "");
    expect(secretRevision).toMatch(/^[0-9a-f]{64}$/);
    const outputs = await run("pulumi stack output --json", ["stack", "output", "--json"]);
    for (const [name, text] of Object.entries({ state, outputs: outputs.stdout, ...texts })) {
      expect(text.includes(secretRevision), `${name} shows the revision of a secret`).toBe(false);
    }
    // The single resources' and the gateway response's revisions are secret too.
    const singles = (await stack.outputs()).singleRevisions as string[];
    expect(singles).toHaveLength(2);
    for (const r of singles) {
      expect(r).toMatch(/^sha256:[0-9a-f]{64}$/);
      for (const [name, text] of Object.entries({ state, outputs: outputs.stdout, ...texts })) expect(text.includes(r.slice(7)), `${name} shows the revision of a secret`).toBe(false);
    }
    // The other sets hold no secret: their revisions stay readable.
    expect(state).toContain(revisions[1]!);
    const config = readFileSync(path.join(PROGRAM, `Pulumi.${stack.name}.yaml`), "utf8");
    expect(config).toContain("secure:");
    expect(leaks(config)).toEqual([]);
  });

  it("a failing pulumi up (access denied while writing the secret template) does not show them in its error", async () => {
    // Change the secret so that an update is needed, and deny the write.
    const set = await stack.run(["config", "set", "--secret", "reliability-sets:secretTemplate", SECRET_TEMPLATE.replace("5f1e9c", "5f1e9c-v2")]);
    expect(set.code).toBe(0);
    await fetch(`${endpoint}/__emulator/faults`, { method: "POST", body: JSON.stringify([{ fault: "denied", operation: "PutIntegrationResponse" }]) }).then((r) => r.arrayBuffer());
    try {
      const up = await run("pulumi up (denied)", ["up", "--yes", "--skip-preview"]);
      expect(up.code).not.toBe(0);
      expect(texts["pulumi up (denied)"]).toContain("AccessDeniedException");
      expect(texts["pulumi up (denied)"]).toMatch(/request id [0-9a-f-]{36}/);
    } finally {
      await fetch(`${endpoint}/__emulator/faults`, { method: "POST", body: "[]" }).then((r) => r.arrayBuffer());
    }
    expect(leaks(texts["pulumi up (denied)"]!)).toEqual([]);
  });

  it("the command line: plan output and errors with the credentials in the environment", () => {
    const CLI = path.join(PACKAGE_ROOT, "dist", "cli", "main.js");
    const spec = path.join(tmp, "spec.json");
    writeFileSync(spec, JSON.stringify({ restApiId: api.restApiId, methods: [{ resourceId: api.methods[1]!.resourceId, httpMethod: "GET", responses: { "200": { methodResponse: {} } } }] }));
    const env = { ...process.env, ...FAKE_ENV };
    const plan = spawnSync(process.execPath, [CLI, "plan", "--spec", spec, "--endpoint", endpoint, "--rate", "off", "--verbose"], { encoding: "utf8", env, timeout: 30_000 });
    expect([0, 2]).toContain(plan.status);
    const missing = path.join(tmp, "missing.json");
    writeFileSync(missing, JSON.stringify({ restApiId: "nosuchapi9", methods: [{ resourceId: "nosuchres", httpMethod: "GET", responses: { "200": { methodResponse: {} } } }] }));
    const failed = spawnSync(process.execPath, [CLI, "apply", "--spec", missing, "--endpoint", endpoint, "--rate", "off", "--verbose"], { encoding: "utf8", env, timeout: 30_000 });
    expect(failed.status).toBe(1);
    for (const r of [plan, failed]) expect(leaks(`${r.stdout}\n${r.stderr}`), `${r.stdout}\n${r.stderr}`).toEqual([]);
  });
});
