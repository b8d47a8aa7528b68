/**
 * One ResponseSet per resource id in config `resources` (a JSON list), on REST API
 * `restApiId`. `variant` changes the templates (so an update writes), `drop404`
 * removes status code 404 from every set, and `secretTemplate` (a secret) becomes
 * the 200 template of the first set, wrapped with pulumi.secret; with `singleResource`
 * (a resource id) too, it is also the template of an `IntegrationResponse` (beside its
 * `MethodResponse`) on that resource's GET and of the gateway response `DEFAULT_5XX`.
 * The responses mirror desiredResponses() of test/support/sets.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { GatewayResponse, IntegrationResponse, MethodResponse, ResponseSet } from "pulumi-apigw-responses";

const config = new pulumi.Config();
const restApiId = config.require("restApiId");
const resources = config.requireObject<string[]>("resources");
const variant = config.getNumber("variant") ?? 1;
const drop404 = config.getBoolean("drop404") ?? false;
const secretTemplate = config.getSecret("secretTemplate");
const singleResource = config.get("singleResource");
const H = (name: string) => `method.response.header.${name}`;

function responses(i: number): Record<string, pulumi.Input<Record<string, unknown>>> {
  const r: Record<string, pulumi.Input<Record<string, unknown>>> = {
    "200": {
      methodResponse: { responseParameters: { [H("X-Method")]: true }, responseModels: { "application/json": "Empty" } },
      integrationResponse: { responseParameters: { [H("X-Method")]: `'m${i}'` }, responseTemplates: { "application/json": `{"method": ${i}, "variant": ${variant}}` } },
    },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: ".*Not Found.*" } },
    "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d{2}", responseTemplates: { "application/json": '{"error": "internal"}' } } },
  };
  if (drop404) delete r["404"];
  if (i === 0 && secretTemplate !== undefined) {
    r["200"] = pulumi.secret(
      secretTemplate.apply((t) => ({
        methodResponse: { responseParameters: { [H("X-Method")]: true }, responseModels: { "application/json": "Empty" } },
        integrationResponse: { responseParameters: { [H("X-Method")]: `'m${i}'` }, responseTemplates: { "application/json": t } },
      })),
    );
  }
  return r;
}

export const revisions = resources.map(
  (resourceId, i) => new ResponseSet(`m${i}`, { restApi: restApiId, resource: resourceId, httpMethod: "GET", responses: responses(i) as never }).revision,
);

export const singleRevisions: pulumi.Output<string>[] = [];
if (singleResource !== undefined && secretTemplate !== undefined) {
  const templates = secretTemplate.apply((t) => ({ "application/json": t }));
  const target = { restApi: restApiId, resource: singleResource, httpMethod: "GET", statusCode: "200" };
  const mr = new MethodResponse("single-mr", target);
  singleRevisions.push(new IntegrationResponse("single-ir", { ...target, responseTemplates: templates }, { dependsOn: [mr] }).revision);
  singleRevisions.push(new GatewayResponse("secret-gateway", { restApi: restApiId, responseType: "DEFAULT_5XX", responseTemplates: templates }).revision);
}
