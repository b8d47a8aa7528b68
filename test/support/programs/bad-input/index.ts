/**
 * One resource of kind `case.kind` (`ResponseSet`, `MethodResponse` or
 * `IntegrationResponse` on the method named by config; `GatewayResponseSet`,
 * `GatewayResponse` or `StageDeployment` on its REST API), with `case.args` as its
 * arguments, given as they are: the inputs a program could pass at run time
 * (from JSON, YAML, another stack), which TypeScript cannot check.
 */
import * as pulumi from "@pulumi/pulumi";
import { GatewayResponse, GatewayResponseSet, IntegrationResponse, MethodResponse, ResponseSet, StageDeployment } from "pulumi-apigw-responses";

const config = new pulumi.Config();
const target = { restApi: config.require("restApiId"), resource: config.require("resourceId"), httpMethod: "GET" };
type Kind = "ResponseSet" | "MethodResponse" | "IntegrationResponse" | "GatewayResponseSet" | "GatewayResponse" | "StageDeployment";
const c = config.requireObject<{ kind: Kind; args: Record<string, unknown> }>("case");
const args = { ...target, ...c.args } as never;
const gatewayArgs = { restApi: target.restApi, ...c.args } as never;
if (c.kind === "GatewayResponseSet") new GatewayResponseSet("case", gatewayArgs);
else if (c.kind === "GatewayResponse") new GatewayResponse("case", gatewayArgs);
else if (c.kind === "StageDeployment") new StageDeployment("case", gatewayArgs);
else if (c.kind === "ResponseSet") new ResponseSet("case", args);
else if (c.kind === "MethodResponse") new MethodResponse("case", args);
else new IntegrationResponse("case", args);
