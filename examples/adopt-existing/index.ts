/**
 * Adopting responses that exist already. `pulumi import` does not work for dynamic
 * providers (pulumi/pulumi #3550, #7534), so adoption happens on create:
 *
 * - a `ResponseSet` takes over every response of its method: the first `pulumi up`
 *   converges them to these inputs (status codes not listed are deleted, unless
 *   `exclusive: false`);
 * - a `MethodResponse` / `IntegrationResponse` refuses to take over an existing
 *   response unless `adoptExisting: true` (so that two stacks do not fight over one).
 *
 * Preview first: `pulumi preview` cannot see what exists yet, so run
 * `apigw-responses plan` with the same responses to see what the adoption will change.
 */
import * as pulumi from "@pulumi/pulumi";
import { IntegrationResponse, MethodResponse, ResponseSet } from "pulumi-apigw-responses";

const restApi = new pulumi.Config().require("restApiId");

// Every response of GET /pets/{petId}, whatever was there before. `exclusive: false` would
// keep the status codes not listed here (e.g. ones another team manages).
export const getPet = new ResponseSet("get-pet", {
  restApi,
  path: "/pets/{petId}",
  httpMethod: "GET",
  exclusive: true,
  responses: {
    "200": { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: { selectionPattern: "2\\d{2}" } },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } } },
  },
}).responses;

// One response at a time, as aws.apigateway.MethodResponse / IntegrationResponse users write it.
const preflight = new MethodResponse("preflight-200", {
  restApi,
  path: "/pets",
  httpMethod: "OPTIONS",
  statusCode: "200",
  responseParameters: { "method.response.header.Access-Control-Allow-Origin": true },
  adoptExisting: true,
});
export const preflightIntegration = new IntegrationResponse(
  "preflight-200",
  {
    restApi,
    path: "/pets",
    httpMethod: "OPTIONS",
    statusCode: "200",
    responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
    adoptExisting: true,
  },
  { dependsOn: [preflight] },
).revision;
