/**
 * `restApi`, `resource` and `method` accept `@pulumi/aws` objects. The aws provider
 * plugin cannot run here, so the program runs under Pulumi's own mock monitor
 * (`pulumi.runtime.setMocks`): real `aws.apigateway` resource objects, our real
 * resource classes, and the inputs and dependencies the engine would receive.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const registered: Registered[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "aws:apigateway/restApi:RestApi") state.rootResourceId = "root-id";
        return { id: `${args.name}-id`, state };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
});

const output = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));

describe("@pulumi/aws objects as targets", () => {
  it("RestApi, Resource and Method objects become their ids in the inputs the engine receives", async () => {
    const aws = await import("@pulumi/aws");
    const { ResponseSet, IntegrationResponse } = await import("../../src/pulumi/resources");
    const api = new aws.apigateway.RestApi("api", {});
    const resource = new aws.apigateway.Resource("users", { restApi: api.id, parentId: api.rootResourceId, pathPart: "users" });
    const method = new aws.apigateway.Method("get", { restApi: api.id, resourceId: resource.id, httpMethod: "GET", authorization: "NONE" });
    const integration = new aws.apigateway.Integration("get", { restApi: api.id, resourceId: resource.id, httpMethod: "GET", type: "MOCK" });

    const byObjects = new ResponseSet("by-objects", { restApi: api, resource, httpMethod: "GET", responses: { "200": { methodResponse: {} } } });
    const byMethod = new ResponseSet("by-method", { method, responses: { "200": { methodResponse: {} } } });
    const byIntegration = new IntegrationResponse("by-integration", { method: integration, statusCode: "200" });

    expect(await output(byObjects.restApiId)).toBe("api-id");
    expect(await output(byObjects.resourceId)).toBe("users-id");
    expect(await output(byMethod.httpMethod)).toBe("GET");
    expect(await output(byMethod.resourceId)).toBe("users-id");
    expect(await output(byIntegration.restApiId)).toBe("api-id");

    const set = registered.find((r) => r.name === "by-objects")!;
    expect(set.type).toBe("pulumi-nodejs:dynamic/apigw-responses:ResponseSet");
    expect(set.inputs).toMatchObject({ restApiId: "api-id", resourceId: "users-id", httpMethod: "GET" });
    // The serialized provider travels with the inputs; no aws object does.
    expect(Object.keys(set.inputs).sort()).toEqual(["__owner", "__provider", "__secretInputs", "httpMethod", "resourceId", "responses", "restApiId"]);
    // The hidden ownership input is the resource's own URN; no input is secret here.
    expect(set.inputs.__owner).toMatch(/::pulumi-nodejs:dynamic\/apigw-responses:ResponseSet::by-objects$/);
    expect(set.inputs.__secretInputs).toBe(false);
  });

  it("the import option is refused with what to do instead (dynamic resources cannot be imported)", async () => {
    const { ResponseSet, MethodResponse } = await import("../../src/pulumi/resources");
    expect(() => new ResponseSet("imported", { restApi: "api", resource: "r", httpMethod: "GET", responses: {} }, { import: "api/r/GET" })).toThrow(
      /import option does not work for dynamic resources .*a ResponseSet adopts/,
    );
    expect(() => new MethodResponse("imported", { restApi: "api", resource: "r", httpMethod: "GET", statusCode: "200" }, { import: "x" })).toThrow(
      /set adoptExisting: true/,
    );
  });

  it("a target missing its method says what is missing", async () => {
    const { ResponseSet } = await import("../../src/pulumi/resources");
    expect(() => new ResponseSet("incomplete", { restApi: "api", responses: {} })).toThrow(/missing resource or path, httpMethod/);
    expect(() => new ResponseSet("both", { restApi: "api", resource: "r", path: "/x", httpMethod: "GET", responses: {} })).toThrow(
      /either resource or path/,
    );
  });
});
