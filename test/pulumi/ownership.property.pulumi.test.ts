/**
 * A property over the resource graph, with the real `pulumi` CLI: random sequences of
 * user edits (rename with and without aliases, move between methods, swap, change from
 * resource id to path, toggle exclusive, add and drop codes) and out-of-band edits (a
 * foreign response added, a managed one deleted), each followed by `pulumi up --refresh`.
 * After every step the live responses equal what an independent model of the rules
 * expects: exactly what the program declares, and nothing a resource does not declare is
 * deleted unless an exclusive set owns that method or an exclusive set that owned it left.
 *
 * Bounded: a fixed seed and a few steps in `npm test`; `OWNERSHIP_STEPS` and
 * `OWNERSHIP_SEED` make it longer (`npm run test:ownership-long`).
 */
import { DeleteIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedResponses } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";
import { createStack, liveResponses, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const STEPS = Number(process.env.OWNERSHIP_STEPS ?? 10);
const SEED = Number(process.env.OWNERSHIP_SEED ?? 20261201);
const METHODS = 4;

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

interface SetModel {
  name: string;
  method: number;
  exclusive: boolean;
  codes: string[];
  flavor: number;
  byPath: boolean;
  aliases?: string[];
}

/** The responses a set declares: 200 is the default integration response, others match a pattern. */
function declared(s: SetModel): Record<string, object> {
  const out: Record<string, object> = {};
  for (const code of s.codes) {
    out[code] = {
      methodResponse: { responseModels: { "application/json": "Empty" } },
      integrationResponse: {
        ...(code === "200" ? {} : { selectionPattern: `.*${code}.*` }),
        responseTemplates: { "application/json": `{"set": "${s.name}", "v": ${s.flavor}}` },
      },
    };
  }
  return out;
}

type Live = Record<string, { methodResponse?: unknown; integrationResponse?: unknown }>;

/** The model: what `pulumi up --refresh` leaves on each method, from the sets before and after an edit. */
function expectedAfterUp(prev: readonly SetModel[], next: readonly SetModel[], live: Live[]): Live[] {
  const out = live.map((l) => ({ ...l }));
  const desired = (s: SetModel) => normalizeDesiredResponses(declared(s) as never) as Live;
  const ownerOn = (m: number) => next.find((s) => s.method === m);
  // A resource of `prev` that is gone from `next` (by name or alias) or on another method is deleted.
  const successor = (p: SetModel) => next.find((s) => s.name === p.name || (s.aliases ?? []).includes(p.name));
  const leaving = prev.filter((p) => {
    const s = successor(p);
    return s === undefined || s.method !== p.method || (!p.byPath && s.byPath);
  });
  const deleteOld = (p: SetModel, protect: SetModel | undefined) => {
    const l = out[p.method]!;
    if (protect?.exclusive) return;
    const kept = new Set(protect?.codes ?? []);
    for (const code of Object.keys(l)) {
      if (kept.has(code)) continue;
      if (p.exclusive || p.codes.includes(code)) delete l[code];
    }
  };
  // Same method, now named by path: deleted first (its own new claim does not protect it), then created.
  for (const p of leaving) {
    const s = successor(p);
    if (s && s.method === p.method) deleteOld(p, undefined);
  }
  for (const s of next) {
    const l = out[s.method]!;
    const before = prev.find((p) => p.name === s.name || (s.aliases ?? []).includes(p.name));
    // Codes the set declared before on this method and no longer declares are removed (non-exclusive too).
    if (before && before.method === s.method) for (const c of before.codes) if (!s.codes.includes(c)) delete l[c];
    if (s.exclusive) out[s.method] = { ...desired(s) };
    else Object.assign(l, desired(s));
  }
  for (const p of leaving) {
    const s = successor(p);
    if (!s || s.method !== p.method) deleteOld(p, ownerOn(p.method));
  }
  return out;
}

describe("property: random edits of the resource graph never lose or leak a response", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string; resourceIds: string[] };
  let stack: TestStack;

  beforeAll(async () => {
    api = await seedApi(sdk, METHODS, "ownership-property");
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": "{}" });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it(`${STEPS} steps from seed ${SEED}: live = model after every pulumi up --refresh`, { timeout: 60_000 + STEPS * 45_000 }, async () => {
    const rnd = prng(SEED);
    let counter = 0;
    const fresh = () => `s${++counter}`;
    let sets: SetModel[] = [
      { name: fresh(), method: 0, exclusive: true, codes: ["200", "404"], flavor: 0, byPath: false },
      { name: fresh(), method: 1, exclusive: false, codes: ["200"], flavor: 0, byPath: false },
    ];
    let live: Live[] = Array.from({ length: METHODS }, () => ({}));
    const toSpec = (ss: readonly SetModel[]) => ({
      sets: ss.map((s) => ({
        name: s.name,
        ...(s.byPath ? { path: `/r${s.method + 1}` } : { resource: api.resourceIds[s.method] }),
        httpMethod: "GET",
        exclusive: s.exclusive,
        responses: declared(s),
        ...(s.aliases ? { aliases: s.aliases } : {}),
      })),
    });
    const upAndCheck = async (prev: SetModel[], next: SetModel[], what: string) => {
      if (process.env.OWNERSHIP_LOG) console.log(what);
      live = expectedAfterUp(prev, next, live);
      const r = await stack.run(["config", "set", "scenario:spec", JSON.stringify(toSpec(next))]);
      expect(r.code, r.stderr).toBe(0);
      await stack.up("--refresh");
      for (let m = 0; m < METHODS; m++) {
        const got: NormalizedResponses = await liveResponses(sdk, api.restApiId, api.resourceIds[m]!);
        expect(got, `after "${what}", method ${m}`).toEqual(normalizeDesiredResponses(live[m] as never));
      }
      sets = next.map((s) => ({ ...s, aliases: undefined }));
    };
    await upAndCheck([], sets, "initial up");

    const edits: Record<string, () => { next: SetModel[]; what: string } | undefined> = {
      rename: () => {
        const i = rnd.int(sets.length);
        const alias = rnd.int(2) === 0;
        const old = sets[i]!.name;
        const next = sets.map((s, j) => (j === i ? { ...s, name: fresh(), ...(alias ? { aliases: [old] } : {}) } : s));
        return { next, what: `rename ${old}${alias ? " with alias" : ""}` };
      },
      move: () => {
        const free = [...Array(METHODS).keys()].filter((m) => !sets.some((s) => s.method === m));
        const i = rnd.int(sets.length);
        const to = rnd.pick(free);
        return { next: sets.map((s, j) => (j === i ? { ...s, method: to } : s)), what: `move ${sets[i]!.name} to ${to}` };
      },
      swap: () => {
        if (sets.length < 2) return undefined;
        const [a, b] = [sets[0]!, sets[1]!];
        return { next: sets.map((s) => (s === a ? { ...s, method: b.method } : s === b ? { ...s, method: a.method } : s)), what: "swap" };
      },
      path: () => {
        const i = rnd.int(sets.length);
        return { next: sets.map((s, j) => (j === i ? { ...s, byPath: !s.byPath } : s)), what: `path form of ${sets[i]!.name}` };
      },
      exclusive: () => {
        const i = rnd.int(sets.length);
        return { next: sets.map((s, j) => (j === i ? { ...s, exclusive: !s.exclusive } : s)), what: `toggle exclusive of ${sets[i]!.name}` };
      },
      codes: () => {
        const i = rnd.int(sets.length);
        const code = rnd.pick(["404", "500"]);
        const next = sets.map((s, j) =>
          j === i ? { ...s, flavor: s.flavor + 1, codes: s.codes.includes(code) ? s.codes.filter((c) => c !== code) : [...s.codes, code].sort() } : s,
        );
        return { next, what: `toggle code ${code} of ${sets[i]!.name}` };
      },
    };
    for (let step = 0; step < STEPS; step++) {
      // Out of band, now and then: a foreign response, or a managed response deleted.
      const m = rnd.int(METHODS);
      if (rnd.int(3) === 0 && !live[m]!["418"]) {
        await sdk.send(new PutMethodResponseCommand({ restApiId: api.restApiId, resourceId: api.resourceIds[m], httpMethod: "GET", statusCode: "418" }));
        live[m] = { ...live[m], "418": { methodResponse: {} } };
      } else if (rnd.int(3) === 0) {
        const s = rnd.pick(sets);
        await sdk.send(new DeleteIntegrationResponseCommand({ restApiId: api.restApiId, resourceId: api.resourceIds[s.method], httpMethod: "GET", statusCode: "200" }));
      }
      const edit = edits[rnd.pick(Object.keys(edits))]!();
      if (!edit) continue;
      await upAndCheck(sets, edit.next, `step ${step}: ${edit.what}`);
    }
  });
});
