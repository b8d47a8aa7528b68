/**
 * Seeds the skeleton of the demo pet-store REST API (resources, methods, integrations,
 * no responses) in the local API Gateway, as an existing API would be.
 */
import {
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";

/** What {@link seedPetStore} created. */
export interface PetStore {
  readonly restApiId: string;
  /** Path → resource id. */
  readonly resources: Readonly<Record<string, string>>;
}

/** Create the pet-store API skeleton: `/pets` (GET: Lambda, OPTIONS: MOCK) and `/pets/{petId}` (GET: HTTP). */
export async function seedPetStore(client: APIGatewayClient, name = "pet-store"): Promise<PetStore> {
  const restApiId = (await client.send(new CreateRestApiCommand({ name, description: "demo: responses managed by pulumi-apigw-responses" }))).id!;
  const root = (await client.send(new GetResourcesCommand({ restApiId }))).items!.find((r) => r.path === "/")!.id!;
  const pets = (await client.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart: "pets" }))).id!;
  const pet = (await client.send(new CreateResourceCommand({ restApiId, parentId: pets, pathPart: "{petId}" }))).id!;
  const method = async (resourceId: string, httpMethod: string, integration: Omit<ConstructorParameters<typeof PutIntegrationCommand>[0], "restApiId" | "resourceId" | "httpMethod">) => {
    await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: "NONE" }));
    await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod, ...integration }));
  };
  await method(pets, "GET", {
    type: "AWS",
    integrationHttpMethod: "POST",
    uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:list-pets/invocations",
  });
  await method(pets, "OPTIONS", { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
  await method(pet, "GET", { type: "HTTP", integrationHttpMethod: "GET", uri: "https://pets.example.com/pets/{petId}" });
  return { restApiId, resources: { "/": root, "/pets": pets, "/pets/{petId}": pet } };
}
