/**
 * A pet-store REST API on the local API Gateway whose responses hold values that break
 * naive quoting, escaping or normalization, an AWS_PROXY method and gateway-response
 * customizations: what the `export` tests read back (./../cli/export.*.test.ts).
 */
import { PutGatewayResponseCommand, PutIntegrationResponseCommand, PutMethodResponseCommand, type APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { createResource, putMethod } from "../../tools/seed";

/** Values that break naive quoting, escaping or normalization. */
export const AWKWARD_TEMPLATE = `#set($q = "say \\"hi\\"")\n{"it's": "$q", "bs": "C:\\\\path\\\\", "body": $input.json('$'), "uni": "héllo ✓ 🐾 \u202e"}\n  trailing spaces   \n`;
export const YAMLISH = "- not: a list\n# not a comment\n? key\n";

/** Seed the API: `GET /pets` (200, 500), `GET /pets/{petId}` (404), `ANY /{proxy+}` (AWS_PROXY), `DEFAULT_4XX` and `THROTTLED` customized. */
export async function seedAwkwardApi(sdk: APIGatewayClient, name: string): Promise<{ api: PetStore; proxyId: string }> {
  const api = await seedPetStore(sdk, name);
  const pets = { restApiId: api.restApiId, resourceId: api.resources["/pets"]!, httpMethod: "GET" };
  const pet = { restApiId: api.restApiId, resourceId: api.resources["/pets/{petId}"]!, httpMethod: "GET" };
  const proxyId = await createResource(sdk, api.restApiId, api.resources["/"]!, "{proxy+}");
  await putMethod(sdk, { restApiId: api.restApiId, resourceId: proxyId, httpMethod: "ANY" }, { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:proxy/invocations" });
  await sdk.send(new PutMethodResponseCommand({ restApiId: api.restApiId, resourceId: proxyId, httpMethod: "ANY", statusCode: "200", responseModels: { "application/json": "Empty" } }));

  await sdk.send(new PutMethodResponseCommand({ ...pets, statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": true, "method.response.header.X-Rate'Limit": false }, responseModels: { "*/*": "Empty", "application/vnd.api+json": "Error" } }));
  await sdk.send(new PutIntegrationResponseCommand({ ...pets, statusCode: "200", selectionPattern: "", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" }, responseTemplates: { "application/json": AWKWARD_TEMPLATE, "text/plain": "" } }));
  await sdk.send(new PutMethodResponseCommand({ ...pets, statusCode: "500" }));
  await sdk.send(new PutIntegrationResponseCommand({ ...pets, statusCode: "500", selectionPattern: "^\\[Internal\\].*\"code\":\\s*5\\d{2}", contentHandling: "CONVERT_TO_TEXT", responseTemplates: { "application/json": YAMLISH } }));
  await sdk.send(new PutMethodResponseCommand({ ...pet, statusCode: "404" }));
  await sdk.send(new PutIntegrationResponseCommand({ ...pet, statusCode: "404", selectionPattern: ".*(?i:not found).*", responseTemplates: { "application/json": "null", "application/xml": "yes" } }));
  await sdk.send(new PutGatewayResponseCommand({ restApiId: api.restApiId, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" }, responseTemplates: { "application/json": '{"message": $context.error.messageString, "q": "\\"x\\""}' } }));
  await sdk.send(new PutGatewayResponseCommand({ restApiId: api.restApiId, responseType: "THROTTLED", statusCode: "503" }));
  return { api, proxyId };
}
