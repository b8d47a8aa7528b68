import * as pulumi from "@pulumi/pulumi";
import { IntegrationResponse, MethodResponse, ResponseSet } from "pulumi-apigw-responses";

const config = new pulumi.Config();
const restApi = config.require("restApiId");

// A resource of another package: must not appear in the comment.
class Other extends pulumi.ComponentResource {
  constructor(name: string) {
    super("acme:index:Other", name, {}, {});
  }
}
new Other("unrelated");

export const revision = new ResponseSet("get-pet", {
  restApi,
  path: "/pets/{petId}",
  httpMethod: "GET",
  responses: {
    "200": { methodResponse: {}, integrationResponse: { selectionPattern: "2\\d{2}" } },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } } },
  },
}).revision;

const mr = new MethodResponse("preflight", { restApi, path: "/pets", httpMethod: "OPTIONS", statusCode: "200" });
// A secret template (e.g. one carrying a key): must be masked.
new IntegrationResponse(
  "preflight",
  { restApi, path: "/pets", httpMethod: "OPTIONS", statusCode: "200", responseTemplates: { "application/json": config.requireSecret("template") } },
  { dependsOn: [mr] },
);
