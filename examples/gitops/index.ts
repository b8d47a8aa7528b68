/**
 * The stack behind the GitOps recipes (see README.md): the responses of
 * `GET /pets/{petId}`. `api.yaml` describes the same responses for the command line, so
 * the two drift jobs (Pulumi's and the spec's) watch the same thing.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResponseSet } from "pulumi-apigw-responses";

const getPet = new ResponseSet("get-pet", {
  restApi: new pulumi.Config().require("restApiId"),
  path: "/pets/{petId}",
  httpMethod: "GET",
  responses: {
    "200": { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: { selectionPattern: "2\\d{2}" } },
    "404": {
      methodResponse: {},
      integrationResponse: { selectionPattern: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } },
    },
    "502": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": '{"message": "bad gateway"}' } } },
  },
});

export const revision = getPet.revision;
