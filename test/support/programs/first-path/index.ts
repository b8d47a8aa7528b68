import * as pulumi from "@pulumi/pulumi";
import { ResponseSet } from "pulumi-apigw-responses";

const config = new pulumi.Config();

const set = new ResponseSet("ok", {
  restApi: config.require("restApiId"),
  resource: config.require("resourceId"),
  httpMethod: "GET",
  responses: { "200": { methodResponse: { responseModels: { "application/json": "Empty" } } } },
});

export const revision = set.revision;
