/**
 * The pure part of `export` (src/export.ts): for random live methods with awkward
 * values, the YAML and the JSON it renders read back, through the spec file's own parser
 * and validator, to exactly the normalized live responses; rendering is stable; the
 * `--path` glob; the TypeScript program it renders, compiled and run with stand-ins for
 * the resource classes, declares exactly the same methods and gateway responses.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "../src/cli/spec";
import * as vm from "node:vm";
import ts from "typescript";
import { exportSpec, pathGlobMatcher, renderExportJson, renderExportTypescript, renderExportYaml, resourceNamesOf } from "../src/export";
import type { ObservedGatewayResponses } from "../src/gateway-responses";
import { normalizeDesiredResponses, normalizeLiveMethod, type LiveMethod } from "../src/normalize";
import type { ApiSnapshot } from "../src/observe/reads";
import { validSpecFile } from "../src/validate";

const CHARS = ['"', "'", "\\", "\n", "\t", "\r", "#", ":", "-", " ", "$", "{", "}", "[", "é", "🐾", "\u202e", "\u2028", "\u0085", "*", "&", "!", "%", "@", "a", "0", "?", "|", ">"];
const awkward = fc.oneof(fc.constantFrom("", "null", "yes", "~", "$input.json('$')", " lead", "trail ", "\n"), fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 24 }));
const CONTENT_TYPES = ["application/json", "*/*", "&a/b", "!x/y", "text/plain", "application/vnd.api+json"];
const HEADERS = ["method.response.header.A", "method.response.header.X-Rate'Limit", "method.response.header.*"];
const PATTERNS = ["\\d{3}", '.*"code":\\s*4\\d{2}.*', "^\\[Internal\\].*", ".*(?i:not found).*", "'quoted'", "# hash", "- dash"];

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs]);

const liveMethodArb: fc.Arbitrary<LiveMethod> = fc
  .record({
    codes: fc.uniqueArray(fc.constantFrom("200", "201", "400", "404", "500", "502"), { maxLength: 4 }),
    type: fc.constantFrom("MOCK", "HTTP", "AWS_PROXY"),
    defaultFirst: fc.boolean(),
    perCode: fc.array(
      fc.record({
        headers: subset(HEADERS),
        required: fc.boolean(),
        models: subset(CONTENT_TYPES),
        withIntegration: fc.boolean(),
        pattern: fc.constantFrom(...PATTERNS),
        templates: fc.dictionary(fc.constantFrom(...CONTENT_TYPES), fc.option(awkward, { nil: null })),
        contentHandling: fc.constantFrom(undefined, "", "CONVERT_TO_TEXT", "CONVERT_TO_BINARY"),
      }),
      { minLength: 4, maxLength: 4 },
    ),
  })
  .map(({ codes, type, defaultFirst, perCode }) => {
    const methodResponses: Record<string, unknown> = {};
    const integrationResponses: Record<string, unknown> = {};
    codes.forEach((code, i) => {
      const c = perCode[i]!;
      methodResponses[code] = {
        statusCode: code,
        responseParameters: Object.fromEntries(c.headers.map((h) => [h, c.required])),
        responseModels: Object.fromEntries(c.models.map((m) => [m, "Empty"])),
      };
      if (c.withIntegration) {
        integrationResponses[code] = {
          statusCode: code,
          // At most one default (AWS-6); other patterns made unique by the status code.
          selectionPattern: i === 0 && defaultFirst ? null : `${code}|${c.pattern}`,
          responseParameters: Object.fromEntries(c.headers.map((h) => [h, "'*'"])),
          responseTemplates: c.templates,
          ...(c.contentHandling !== undefined ? { contentHandling: c.contentHandling } : {}),
        };
      }
    });
    return { httpMethod: "GET", methodResponses, methodIntegration: { type, integrationResponses } } as LiveMethod;
  });

const snapshotArb: fc.Arbitrary<ApiSnapshot> = fc
  .uniqueArray(fc.constantFrom("/", "/pets", "/pets/{petId}", "/a b", "/ü/#x", "/{proxy+}", "/x:y"), { minLength: 1, maxLength: 4 })
  .chain((paths) => fc.tuple(fc.constant(paths), fc.array(liveMethodArb, { minLength: paths.length, maxLength: paths.length })))
  .map(([paths, methods]) => ({
    restApiId: "a1b2c3d4e5",
    exists: true,
    pages: 1,
    requestIds: [],
    resources: paths.map((p, i) => ({ id: `r${i}`, path: p, methods: { GET: methods[i]! } })),
  }));

describe("export (pure)", () => {
  it("YAML and JSON read back through the spec validator to exactly the live responses; stable", () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const exported = exportSpec(snapshot, undefined);
        for (const [format, render] of [["yaml", renderExportYaml], ["json", renderExportJson]] as const) {
          const text = render(exported);
          expect(render(exportSpec(snapshot, undefined))).toBe(text);
          const valid = validSpecFile(parseSpecText(text, `export.${format}`));
          if ("failures" in valid) throw new Error(`${format}: ${JSON.stringify(valid.failures)}\n${text}`);
          const byPath = [...snapshot.resources].sort((a, b) => (a.path! < b.path! ? -1 : 1));
          expect(valid.methods.map((m) => m.path)).toEqual(byPath.map((r) => r.path));
          valid.methods.forEach((m, i) => {
            expect(normalizeDesiredResponses(m.responses)).toEqual(normalizeLiveMethod(byPath[i]!.methods.GET).responses);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("TypeScript: the program, compiled and run, declares exactly the exported methods (by path) and gateway responses, under unique names", () => {
    const gateway: ObservedGatewayResponses = {
      restApiId: "a1b2c3d4e5",
      responses: {
        DEFAULT_4XX: { customized: true, response: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" }, responseTemplates: { "application/json": '{"m":"\\"q\\"\n🐾"}' } } },
        THROTTLED: { customized: false, response: { statusCode: "429", responseParameters: {}, responseTemplates: {} } },
      },
    };
    fc.assert(
      fc.property(snapshotArb, fc.boolean(), (snapshot, withGateway) => {
        const exported = exportSpec(snapshot, withGateway ? gateway : undefined);
        const text = renderExportTypescript(exported);
        expect(renderExportTypescript(exportSpec(snapshot, withGateway ? gateway : undefined))).toBe(text);
        const compiled = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
        expect(compiled.diagnostics ?? []).toEqual([]);
        const declared: { kind: string; name: string; args: Record<string, unknown> }[] = [];
        const stand = (kind: string) => class {
          constructor(name: string, args: Record<string, unknown>) {
            declared.push({ kind, name, args });
          }
        };
        const modules: Record<string, unknown> = {
          "@pulumi/pulumi": { Config: class { require = (k: string) => `config:${k}`; } },
          "pulumi-apigw-responses": { ResponseSet: stand("ResponseSet"), GatewayResponseSet: stand("GatewayResponseSet") },
        };
        vm.runInNewContext(compiled.outputText, { require: (m: string) => modules[m], exports: {} });
        const sets = declared.filter((d) => d.kind === "ResponseSet");
        expect(sets.map((d) => d.name)).toEqual(resourceNamesOf(exported.spec.methods));
        expect(new Set(declared.map((d) => d.name)).size).toBe(declared.length);
        sets.forEach((d, i) => {
          const m = exported.spec.methods[i]!;
          // Through JSON: the run's objects come from another realm.
          expect(JSON.parse(JSON.stringify(d.args))).toEqual({ restApi: "config:restApiId", path: m.path, httpMethod: m.httpMethod, responses: m.responses });
        });
        const g = declared.filter((d) => d.kind === "GatewayResponseSet");
        expect(g.map((d) => JSON.parse(JSON.stringify(d.args)))).toEqual(withGateway ? [{ restApi: "config:restApiId", responses: exported.spec.gatewayResponses }] : []);
        // The REST API id is config, never code.
        expect(text.split("\n").filter((l) => !l.startsWith("//")).join("\n")).not.toContain("a1b2c3d4e5");
      }),
      { numRuns: 60 },
    );
  });

  it("resource names: readable, unique, stable", () => {
    expect(resourceNamesOf([
      { httpMethod: "GET", path: "/" },
      { httpMethod: "GET", path: "/pets/{petId}" },
      { httpMethod: "POST", path: "/a-b" },
      { httpMethod: "POST", path: "/a/b" },
      { httpMethod: "ANY", path: "/{proxy+}" },
      { httpMethod: "GET", path: "/ü/#x" },
    ])).toEqual(["get-root", "get-pets-petId", "post-a-b", "post-a-b-2", "any-proxy", "get-x"]);
  });

  it("--path globs: * within a segment, ** across, braces literal", () => {
    expect(pathGlobMatcher("/pets/*")("/pets/{petId}")).toBe(true);
    expect(pathGlobMatcher("/pets/*")("/pets/{petId}/toys")).toBe(false);
    expect(pathGlobMatcher("/pets/**")("/pets/{petId}/toys")).toBe(true);
    expect(pathGlobMatcher("/pets/**")("/pets")).toBe(false);
    expect(pathGlobMatcher("/pets/{petId}")("/pets/{petId}")).toBe(true);
    expect(pathGlobMatcher("/pets/{petId}")("/pets/x")).toBe(false);
    expect(pathGlobMatcher("/p?ts")("/pets")).toBe(true);
    expect(pathGlobMatcher("/a.b")("/axb")).toBe(false);
  });
});
