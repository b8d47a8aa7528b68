import * as pulumi from "@pulumi/pulumi";
import {
  IntegrationResponse,
  MethodResponse,
  ResponseSet,
  type IntegrationResponseArgs,
  type MethodResponseArgs,
  type ResponseSetArgs,
} from "pulumi-apigw-responses";

type Named<T> = T & { name: string; secretTemplates?: boolean };
interface Scenario {
  sets?: Named<ResponseSetArgs>[];
  methodResponses?: Named<MethodResponseArgs>[];
  integrationResponses?: Named<IntegrationResponseArgs & { dependsOnMethodResponse?: string }>[];
}

const config = new pulumi.Config();
const restApi = config.require("restApiId");
const scenario = config.requireObject<Scenario>("spec");

const methodResponses = new Map<string, MethodResponse>();
export const revisions: Record<string, pulumi.Output<string>> = {};

for (const { name, secretTemplates, ...args } of scenario.sets ?? []) {
  const responses = secretTemplates ? pulumi.secret(args.responses) : args.responses;
  revisions[name] = new ResponseSet(name, { restApi, ...args, responses }).revision;
}
for (const { name, ...args } of scenario.methodResponses ?? []) {
  const r = new MethodResponse(name, { restApi, ...args });
  methodResponses.set(name, r);
  revisions[name] = r.revision;
}
for (const { name, dependsOnMethodResponse, ...args } of scenario.integrationResponses ?? []) {
  const dependsOn = dependsOnMethodResponse ? [methodResponses.get(dependsOnMethodResponse)!] : [];
  revisions[name] = new IntegrationResponse(name, { restApi, ...args }, { dependsOn }).revision;
}
