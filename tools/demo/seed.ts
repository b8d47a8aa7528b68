/**
 * Seeds the skeleton of the demo pet-store REST API (resources, methods, integrations,
 * no responses) in the local API Gateway, as an existing API would be.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { createResource, createRestApi, MOCK_200, putMethod } from "../seed";

/** What {@link seedPetStore} created. */
export interface PetStore {
  readonly restApiId: string;
  /** Path → resource id. */
  readonly resources: Readonly<Record<string, string>>;
}

/** Create the pet-store API skeleton: `/pets` (GET: Lambda, OPTIONS: MOCK) and `/pets/{petId}` (GET: HTTP). */
export async function seedPetStore(client: APIGatewayClient, name = "pet-store"): Promise<PetStore> {
  const { restApiId, rootId: root } = await createRestApi(client, name, "demo: responses managed by pulumi-apigw-responses");
  const pets = await createResource(client, restApiId, root, "pets");
  const pet = await createResource(client, restApiId, pets, "{petId}");
  await putMethod(client, { restApiId, resourceId: pets, httpMethod: "GET" }, {
    type: "AWS",
    integrationHttpMethod: "POST",
    uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:list-pets/invocations",
  });
  await putMethod(client, { restApiId, resourceId: pets, httpMethod: "OPTIONS" }, MOCK_200);
  await putMethod(client, { restApiId, resourceId: pet, httpMethod: "GET" }, { type: "HTTP", integrationHttpMethod: "GET", uri: "https://pets.example.com/pets/{petId}" });
  return { restApiId, resources: { "/": root, "/pets": pets, "/pets/{petId}": pet } };
}
