/**
 * The whole REST API with `@pulumi/aws`, and its responses with this package:
 * `restApi`, `resource` and `method` accept the aws objects (and depend on them), and
 * each resource's `revision` (a content hash of the live responses, AWS-25) goes into the
 * `StageDeployment`'s `triggers`, so the stage is redeployed exactly when a response changes.
 *
 * Needs the aws provider plugin (`pulumi plugin install resource aws`); in this
 * repository it is only type-checked.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IntegrationResponse, MethodResponse, ResponseSet, StageDeployment } from "pulumi-apigw-responses";

const api = new aws.apigateway.RestApi("pets", { description: "Pet store" });
const pets = new aws.apigateway.Resource("pets", { restApi: api.id, parentId: api.rootResourceId, pathPart: "pets" });

const listPets = new aws.apigateway.Method("list-pets", { restApi: api.id, resourceId: pets.id, httpMethod: "GET", authorization: "NONE" });
const listPetsIntegration = new aws.apigateway.Integration("list-pets", {
  restApi: api.id,
  resourceId: pets.id,
  httpMethod: listPets.httpMethod,
  type: "HTTP",
  integrationHttpMethod: "GET",
  uri: "https://pets.example.com/pets",
});

// `method: integration` names the method (REST API, resource, HTTP method) and waits for the integration.
const listPetsResponses = new ResponseSet("list-pets", {
  method: listPetsIntegration,
  responses: {
    "200": {
      methodResponse: { responseParameters: { "method.response.header.Access-Control-Allow-Origin": true } },
      integrationResponse: {
        selectionPattern: "2\\d{2}",
        responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
      },
    },
    "502": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": '{"message": "bad gateway"}' } } },
  },
});

// Migrating one-to-one from aws.apigateway.MethodResponse / IntegrationResponse: same fields.
const preflightMethod = new aws.apigateway.Method("preflight", { restApi: api, resourceId: pets.id, httpMethod: "OPTIONS", authorization: "NONE" });
const preflightIntegration = new aws.apigateway.Integration("preflight", {
  restApi: api.id,
  resourceId: pets.id,
  httpMethod: preflightMethod.httpMethod,
  type: "MOCK",
  requestTemplates: { "application/json": '{"statusCode": 200}' },
});
const preflight200 = new MethodResponse("preflight-200", {
  restApi: api,
  resource: pets,
  httpMethod: "OPTIONS",
  statusCode: "200",
  responseParameters: { "method.response.header.Access-Control-Allow-Methods": true },
});
const preflightMapping = new IntegrationResponse(
  "preflight-200",
  {
    method: preflightIntegration,
    statusCode: "200",
    responseParameters: { "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'" },
  },
  { dependsOn: [preflight200] },
);

// Redeploy exactly when the content of a response changes (AWS-25), once per run, after the
// last response write; the stage "prod" is created on the first deployment and moved in place
// after that (no aws.apigateway.Deployment to replace while a stage points to it).
const stage = new StageDeployment("prod", {
  restApi: api,
  stageName: "prod",
  triggers: [listPetsResponses.revision, preflight200.revision, preflightMapping.revision, listPetsIntegration.id],
});

export const url = pulumi.interpolate`https://${api.id}.execute-api.${aws.config.region}.amazonaws.com/${stage.stageName}`;
