/**
 * CORS for `/pets`: the preflight (`OPTIONS`, a MOCK integration) answers with the
 * Access-Control headers, and every response of `GET /pets` carries
 * `Access-Control-Allow-Origin`. A header mapped by an integration response must be
 * declared by the method response of the same status code (AWS-4, AWS-5): `withCors`
 * does both, so they cannot drift apart.
 *
 * The errors API Gateway answers by itself (a missing route, a refused authorizer, a
 * throttle, a timeout) use the REST API's gateway responses, not these: the
 * `GatewayResponseSet` puts the same header on `DEFAULT_4XX` and `DEFAULT_5XX`, the
 * fallbacks of every 4xx and 5xx type (AWS-33).
 */
import * as pulumi from "@pulumi/pulumi";
import { GatewayResponseSet, ResponseSet, StageDeployment, type ResponseSpec } from "pulumi-apigw-responses";

const config = new pulumi.Config();
const restApi = config.require("restApiId");
const allowOrigin = config.get("allowOrigin") ?? "https://app.example.com";

/** Add static CORS headers to a response: declared on the method response, mapped on the integration response. */
function withCors(response: ResponseSpec, headers: Record<string, string>): ResponseSpec {
  const declared = Object.fromEntries(Object.keys(headers).map((h) => [`method.response.header.${h}`, true]));
  // Static values are single-quoted in mapping expressions (AWS-28).
  const mapped = Object.fromEntries(Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, `'${v}'`]));
  return {
    methodResponse: {
      ...response.methodResponse,
      responseParameters: { ...response.methodResponse?.responseParameters, ...declared },
    },
    integrationResponse: {
      ...response.integrationResponse,
      responseParameters: { ...response.integrationResponse?.responseParameters, ...mapped },
    },
  };
}

const origin = { "Access-Control-Allow-Origin": allowOrigin };

export const preflight = new ResponseSet("pets-preflight", {
  restApi,
  path: "/pets",
  httpMethod: "OPTIONS",
  responses: {
    "200": withCors(
      { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: { responseTemplates: { "application/json": "" } } },
      {
        ...origin,
        "Access-Control-Allow-Methods": "GET,OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type,Authorization",
        "Access-Control-Max-Age": "600",
      },
    ),
  },
}).revision;

export const listPets = new ResponseSet("list-pets", {
  restApi,
  path: "/pets",
  httpMethod: "GET",
  responses: {
    "200": withCors({ methodResponse: {}, integrationResponse: {} }, origin),
    // Error responses need the header too, or browsers hide the error from the page.
    "500": withCors({ methodResponse: {}, integrationResponse: { selectionPattern: ".*\\[Internal\\].*" } }, origin),
  },
}).revision;

// Gateway responses take static header values in single quotes too (AWS-40).
const gatewayOrigin = { "gatewayresponse.header.Access-Control-Allow-Origin": `'${allowOrigin}'` };

export const gatewayErrors = new GatewayResponseSet("gateway-errors", {
  restApi,
  responses: {
    DEFAULT_4XX: { responseParameters: gatewayOrigin },
    DEFAULT_5XX: { responseParameters: gatewayOrigin },
  },
}).revision;

// Browsers see the headers only once they are deployed: one deployment per run, after the last
// write, whenever one of the revisions changes (AWS-25).
export const deploymentId = new StageDeployment("prod", {
  restApi,
  stageName: "prod",
  triggers: [preflight, listPets, gatewayErrors],
}).deploymentId;
