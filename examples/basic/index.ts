/**
 * The smallest useful program: every response of `GET /pets` of an existing REST API,
 * in one ResponseSet. Authoritative: a status code added by hand is removed on the next
 * `pulumi up --refresh`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResponseSet } from "pulumi-apigw-responses";

const config = new pulumi.Config();

const listPets = new ResponseSet("list-pets", {
  restApi: config.require("restApiId"),
  path: "/pets",
  httpMethod: "GET",
  responses: {
    // The default integration response (no selectionPattern): the body passes through ("" template).
    "200": {
      methodResponse: { responseModels: { "application/json": "Empty" } },
      integrationResponse: { responseTemplates: { "application/json": "" } },
    },
    // Errors whose message starts with "[Internal]" become a 500 with a fixed body.
    "500": {
      methodResponse: { responseModels: { "application/json": "Error" } },
      integrationResponse: {
        selectionPattern: "^\\[Internal\\].*",
        responseTemplates: { "application/json": '{"message": "internal error"}' },
      },
    },
  },
});

/** The resolved resource id of /pets and the content hash of the responses (for redeploys). */
export const resourceId = listPets.resourceId;
export const revision = listPets.revision;
