/**
 * The responses of an existing pet-store REST API. The API, its resources, methods and
 * integrations exist already (created elsewhere); this program owns their responses.
 *
 *   /pets          GET      Lambda back end (AWS integration): errors mapped by message
 *   /pets/{petId}  GET      HTTP back end: errors mapped by status code
 *   /pets          OPTIONS  CORS preflight (MOCK integration)
 *
 * Then it deploys them to a stage (`stageName`, default `demo`): clients get a response
 * only once a deployment holds it (AWS-25, AWS-52).
 */
import * as pulumi from "@pulumi/pulumi";
import { IntegrationResponse, MethodResponse, ResponseSet, StageDeployment } from "pulumi-apigw-responses";

const config = new pulumi.Config();
const restApi = config.require("restApiId");
const allowOrigin = config.get("allowOrigin") ?? "*";
const stageName = config.get("stageName") ?? "demo";

const cors = {
  "method.response.header.Access-Control-Allow-Origin": `'${allowOrigin}'`,
};
const corsDeclared = { "method.response.header.Access-Control-Allow-Origin": true };
const json = { "application/json": "Empty" };
const errorBody = { "application/json": '{"message": $input.json(\'$.errorMessage\')}' };

// Lambda back end: API Gateway matches selectionPattern against the Lambda error message (AWS-29).
const listPets = new ResponseSet("list-pets", {
  restApi,
  path: "/pets",
  httpMethod: "GET",
  responses: {
    "200": {
      methodResponse: { responseParameters: corsDeclared, responseModels: json },
      integrationResponse: { responseParameters: cors, responseTemplates: { "application/json": "" } },
    },
    "400": {
      methodResponse: { responseParameters: corsDeclared, responseModels: json },
      integrationResponse: { selectionPattern: "^\\[BadRequest\\].*", responseParameters: cors, responseTemplates: errorBody },
    },
    "500": {
      methodResponse: { responseParameters: corsDeclared, responseModels: json },
      integrationResponse: { selectionPattern: "^\\[(InternalError|Timeout)\\].*", responseParameters: cors, responseTemplates: errorBody },
    },
  },
});

// HTTP back end: selectionPattern is matched against the back end's status code.
const getPet = new ResponseSet("get-pet", {
  restApi,
  path: "/pets/{petId}",
  httpMethod: "GET",
  responses: {
    "200": {
      methodResponse: { responseParameters: corsDeclared, responseModels: json },
      integrationResponse: { selectionPattern: "2\\d{2}", responseParameters: cors },
    },
    "404": {
      methodResponse: { responseParameters: corsDeclared },
      integrationResponse: { selectionPattern: "404", responseParameters: cors, responseTemplates: { "application/json": '{"message": "pet not found"}' } },
    },
    "502": {
      methodResponse: { responseParameters: corsDeclared },
      integrationResponse: { responseParameters: cors, responseTemplates: { "application/json": '{"message": "bad gateway"}' } },
    },
  },
});

// CORS preflight, one response at a time (the shape of aws.apigateway.MethodResponse / IntegrationResponse).
const preflightHeaders = ["Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"];
const preflightMethod = new MethodResponse("pets-preflight", {
  restApi,
  path: "/pets",
  httpMethod: "OPTIONS",
  statusCode: "200",
  responseParameters: Object.fromEntries(preflightHeaders.map((h) => [`method.response.header.${h}`, true])),
  responseModels: json,
});
const preflightIntegration = new IntegrationResponse(
  "pets-preflight",
  {
    restApi,
    path: "/pets",
    httpMethod: "OPTIONS",
    statusCode: "200",
    responseParameters: {
      "method.response.header.Access-Control-Allow-Origin": `'${allowOrigin}'`,
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Access-Control-Allow-Headers": "'Content-Type,Authorization'",
    },
    responseTemplates: { "application/json": "" },
  },
  { dependsOn: [preflightMethod] },
);

/** The content hashes of the responses: the stage is redeployed exactly when one changes (AWS-25). */
export const revisions = {
  listPets: listPets.revision,
  getPet: getPet.revision,
  preflight: pulumi.interpolate`${preflightMethod.revision} ${preflightIntegration.revision}`,
};

// One deployment per run, after the last response write; a stale stage is named by a refresh.
const stage = new StageDeployment("stage", {
  restApi,
  stageName,
  description: "pet store responses",
  triggers: [listPets.revision, getPet.revision, preflightMethod.revision, preflightIntegration.revision],
});
export const deployment = { stageName, deploymentId: stage.deploymentId, stageDrift: stage.stageDrift };
export const getPetResourceId = getPet.resourceId;
