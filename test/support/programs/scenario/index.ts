import * as pulumi from "@pulumi/pulumi";
import {
  GatewayResponse,
  GatewayResponseSet,
  IntegrationResponse,
  MethodResponse,
  ResponseSet,
  StageDeployment,
  type GatewayResponseArgs,
  type GatewayResponseSetArgs,
  type IntegrationResponseArgs,
  type MethodResponseArgs,
  type ResponseSetArgs,
} from "pulumi-apigw-responses";

/**
 * Options every resource of a scenario may have besides its args:
 * - `parent`: the name of a component to put it under (a move, when it changes);
 * - `aliases`: earlier names of the resource (a rename that Pulumi follows);
 * - `pathAfterCreate`: take `path` from a resource created in the same run, so that it is
 *   unknown during a preview that creates it (as a path from a new `aws.apigateway.Resource` is).
 */
interface Placement {
  name: string;
  parent?: string;
  aliases?: string[];
  pathAfterCreate?: boolean;
  secretTemplates?: boolean;
}
type Named<T> = T & Placement;
interface Scenario {
  sets?: Named<ResponseSetArgs>[];
  methodResponses?: Named<MethodResponseArgs>[];
  integrationResponses?: Named<IntegrationResponseArgs & { dependsOnMethodResponse?: string }>[];
  /** Gateway responses; `restApi` defaults to the stack's. */
  gatewaySets?: Named<Omit<GatewayResponseSetArgs, "restApi"> & { restApi?: string }>[];
  gatewayResponses?: Named<Omit<GatewayResponseArgs, "restApi"> & { restApi?: string }>[];
  /**
   * Stage deployments; `restApi` defaults to the stack's; `triggers` names resources of the
   * scenario whose `revision`s are the triggers (`"all"`: every one on the same REST API).
   */
  stages?: Named<{ restApi?: string; stageName: string; triggers?: string[] | "all"; description?: string; variables?: Record<string, string> }>[];
}

const config = new pulumi.Config();
const restApi = config.require("restApiId");
const scenario = config.requireObject<Scenario>("spec");

/**
 * A resource whose output `value` is its input `text`: `value` is not an input, so a
 * preview that creates the resource does not know it.
 */
class Echo extends pulumi.dynamic.Resource {
  declare public readonly value: pulumi.Output<string>;
  constructor(name: string, text: string) {
    const provider: pulumi.dynamic.ResourceProvider = {
      async create(inputs) {
        return { id: String(inputs.text), outs: { text: inputs.text, value: inputs.text } };
      },
    };
    super(provider, name, { text, value: undefined }, {}, "scenario", "Echo");
  }
}

const groups = new Map<string, pulumi.ComponentResource>();
function groupOf(name: string): pulumi.ComponentResource {
  let g = groups.get(name);
  if (!g) groups.set(name, (g = new pulumi.ComponentResource("scenario:index:Group", name)));
  return g;
}

function placed<T extends object>(p: Placement, args: T): { args: T; opts: pulumi.CustomResourceOptions } {
  const opts: pulumi.CustomResourceOptions = {
    ...(p.parent ? { parent: groupOf(p.parent) } : {}),
    ...(p.aliases ? { aliases: p.aliases.map((name) => ({ name })) } : {}),
  };
  const path = (args as { path?: pulumi.Input<string> }).path;
  if (p.pathAfterCreate && typeof path === "string") {
    return { args: { ...args, path: new Echo(`${p.name}-path`, path).value }, opts };
  }
  return { args, opts };
}

const methodResponses = new Map<string, MethodResponse>();
export const revisions: Record<string, pulumi.Output<string>> = {};

for (const { name, parent, aliases, pathAfterCreate, secretTemplates, ...rest } of scenario.sets ?? []) {
  const responses = secretTemplates ? pulumi.secret(rest.responses) : rest.responses;
  const { args, opts } = placed({ name, parent, aliases, pathAfterCreate }, { restApi, ...rest, responses });
  revisions[name] = new ResponseSet(name, args, opts).revision;
}
for (const { name, parent, aliases, pathAfterCreate, ...rest } of scenario.methodResponses ?? []) {
  const { args, opts } = placed({ name, parent, aliases, pathAfterCreate }, { restApi, ...rest });
  const r = new MethodResponse(name, args, opts);
  methodResponses.set(name, r);
  revisions[name] = r.revision;
}
for (const { name, parent, aliases, pathAfterCreate, dependsOnMethodResponse, ...rest } of scenario.integrationResponses ?? []) {
  const { args, opts } = placed({ name, parent, aliases, pathAfterCreate }, { restApi, ...rest });
  const dependsOn = dependsOnMethodResponse ? [methodResponses.get(dependsOnMethodResponse)!] : [];
  revisions[name] = new IntegrationResponse(name, args, { ...opts, dependsOn }).revision;
}
for (const { name, parent, aliases, ...rest } of scenario.gatewaySets ?? []) {
  const { args, opts } = placed({ name, parent, aliases }, { restApi, ...rest });
  revisions[name] = new GatewayResponseSet(name, args, opts).revision;
}
for (const { name, parent, aliases, ...rest } of scenario.gatewayResponses ?? []) {
  const { args, opts } = placed({ name, parent, aliases }, { restApi, ...rest });
  revisions[name] = new GatewayResponse(name, args, opts).revision;
}

const apiOf = new Map<string, string>();
for (const r of [...(scenario.sets ?? []), ...(scenario.methodResponses ?? []), ...(scenario.integrationResponses ?? []), ...(scenario.gatewaySets ?? []), ...(scenario.gatewayResponses ?? [])]) {
  apiOf.set(r.name, typeof r.restApi === "string" ? r.restApi : restApi);
}
export const deployments: Record<string, pulumi.Output<string>> = {};
export const stageDrift: Record<string, pulumi.Output<string[]>> = {};
for (const { name, parent, aliases, triggers, restApi: api = restApi, ...rest } of scenario.stages ?? []) {
  const { opts } = placed({ name, parent, aliases }, {});
  const names = triggers === "all" ? Object.keys(revisions).filter((n) => apiOf.get(n) === api) : (triggers ?? []);
  const stage = new StageDeployment(name, { restApi: api, ...rest, triggers: names.map((n) => revisions[n]!) }, opts);
  deployments[name] = stage.deploymentId;
  stageDrift[name] = stage.stageDrift;
}
