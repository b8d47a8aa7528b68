/**
 * The seam between the product and API Gateway: a {@link Transport} makes ONE
 * attempt of one operation, `(operation, input) → output`, and throws what the
 * SDK throws (an error named after the AWS exception, with `$metadata.httpStatusCode`
 * and `$metadata.requestId`). Everything around an attempt (token buckets, write
 * queues, retries, counting, typed errors) is `send`'s (`call.ts`), so a transport
 * given to a connection (`ConnectionOptions.transport`) runs the product's real
 * call path against something else than the SDK client: tests run apply and
 * observe against an in-memory model of API Gateway this way.
 *
 * The default transport, {@link clientTransport}, sends the operation's SDK command
 * with the shared client.
 */
import type {
  APIGatewayClient,
  CreateDeploymentCommandInput,
  CreateDeploymentCommandOutput,
  CreateStageCommandInput,
  CreateStageCommandOutput,
  GetDeploymentCommandInput,
  GetDeploymentCommandOutput,
  GetExportCommandInput,
  GetModelsCommandInput,
  GetModelsCommandOutput,
  GetExportCommandOutput,
  GetStageCommandInput,
  GetStageCommandOutput,
  UpdateStageCommandInput,
  UpdateStageCommandOutput,
  DeleteStageCommandInput,
  DeleteStageCommandOutput,
  CreateResourceCommandInput,
  CreateResourceCommandOutput,
  CreateRestApiCommandInput,
  CreateRestApiCommandOutput,
  DeleteGatewayResponseCommandInput,
  DeleteGatewayResponseCommandOutput,
  DeleteIntegrationResponseCommandInput,
  DeleteIntegrationResponseCommandOutput,
  DeleteMethodResponseCommandInput,
  DeleteMethodResponseCommandOutput,
  GetGatewayResponsesCommandInput,
  GetGatewayResponsesCommandOutput,
  GetMethodCommandInput,
  GetMethodCommandOutput,
  GetResourcesCommandInput,
  GetResourcesCommandOutput,
  GetRestApiCommandInput,
  GetRestApiCommandOutput,
  PutGatewayResponseCommandInput,
  PutGatewayResponseCommandOutput,
  PutIntegrationCommandInput,
  PutIntegrationCommandOutput,
  PutIntegrationResponseCommandInput,
  PutIntegrationResponseCommandOutput,
  PutMethodCommandInput,
  PutMethodCommandOutput,
  PutMethodResponseCommandInput,
  PutMethodResponseCommandOutput,
  UpdateMethodResponseCommandInput,
  UpdateMethodResponseCommandOutput,
} from "@aws-sdk/client-api-gateway";

/** The API Gateway operations sent through `send`: name → input and output of its SDK command. */
export interface ApiGatewayOperations {
  /** Read one method with its responses (AWS-15). */
  GetMethod: { input: GetMethodCommandInput; output: GetMethodCommandOutput };
  /** Read a page of resources, with `embed=methods` their methods (AWS-30). */
  GetResources: { input: GetResourcesCommandInput; output: GetResourcesCommandOutput };
  /** Read a REST API (does it exist?). */
  GetRestApi: { input: GetRestApiCommandInput; output: GetRestApiCommandOutput };
  /** Create a method response (AWS-1: 409 when it exists). */
  PutMethodResponse: { input: PutMethodResponseCommandInput; output: PutMethodResponseCommandOutput };
  /** Patch a method response (AWS-21..24). */
  UpdateMethodResponse: { input: UpdateMethodResponseCommandInput; output: UpdateMethodResponseCommandOutput };
  /** Delete a method response (AWS-14: a 404 reached the goal). */
  DeleteMethodResponse: { input: DeleteMethodResponseCommandInput; output: DeleteMethodResponseCommandOutput };
  /** Create or overwrite an integration response (AWS-2). */
  PutIntegrationResponse: { input: PutIntegrationResponseCommandInput; output: PutIntegrationResponseCommandOutput };
  /** Delete an integration response. */
  DeleteIntegrationResponse: { input: DeleteIntegrationResponseCommandInput; output: DeleteIntegrationResponseCommandOutput };
  /** Read all 21 gateway responses of a REST API in one call (AWS-32). */
  GetGatewayResponses: { input: GetGatewayResponsesCommandInput; output: GetGatewayResponsesCommandOutput };
  /** Customize a gateway response: upsert, full overwrite (AWS-35). */
  PutGatewayResponse: { input: PutGatewayResponseCommandInput; output: PutGatewayResponseCommandOutput };
  /** Reset a gateway response to its default (AWS-44: a 404 when it is not customized reached the goal). */
  DeleteGatewayResponse: { input: DeleteGatewayResponseCommandInput; output: DeleteGatewayResponseCommandOutput };
  /** Create a deployment: a snapshot of the REST API (AWS-49, AWS-52; quota 1 every 5 s, AWS-51). */
  CreateDeployment: { input: CreateDeploymentCommandInput; output: CreateDeploymentCommandOutput };
  /** Read a deployment (id, description, created date; never its responses, AWS-53). */
  GetDeployment: { input: GetDeploymentCommandInput; output: GetDeploymentCommandOutput };
  /** Read a stage: which deployment it serves (AWS-56). */
  GetStage: { input: GetStageCommandInput; output: GetStageCommandOutput };
  /** Create a stage on a deployment (AWS-56). */
  CreateStage: { input: CreateStageCommandInput; output: CreateStageCommandOutput };
  /** Patch a stage: `/deploymentId` moves it to another deployment in place (AWS-57). */
  UpdateStage: { input: UpdateStageCommandInput; output: UpdateStageCommandOutput };
  /** Delete a stage (only when the user asks for it). */
  DeleteStage: { input: DeleteStageCommandInput; output: DeleteStageCommandOutput };
  /** List a REST API's models (which ones an export names, AWS-59). */
  GetModels: { input: GetModelsCommandInput; output: GetModelsCommandOutput };
  /** Export what a stage serves: its deployment, not the live API (AWS-58..61). */
  GetExport: { input: GetExportCommandInput; output: GetExportCommandOutput };
  /** Create a REST API (seeding tools). */
  CreateRestApi: { input: CreateRestApiCommandInput; output: CreateRestApiCommandOutput };
  /** Create a resource (seeding tools). */
  CreateResource: { input: CreateResourceCommandInput; output: CreateResourceCommandOutput };
  /** Create a method (seeding tools). */
  PutMethod: { input: PutMethodCommandInput; output: PutMethodCommandOutput };
  /** Create an integration (seeding tools). */
  PutIntegration: { input: PutIntegrationCommandInput; output: PutIntegrationCommandOutput };
}

/** The name of an operation of {@link ApiGatewayOperations}. */
export type OperationName = keyof ApiGatewayOperations;

/** The input of operation `K`. */
export type OperationInput<K extends OperationName> = ApiGatewayOperations[K]["input"];

/** The output of operation `K` (with `$metadata`). */
export type OperationOutput<K extends OperationName> = ApiGatewayOperations[K]["output"];

/**
 * One attempt of one operation: resolves with the operation's output, or rejects
 * with an SDK-shaped error (`name` = the AWS exception, `$metadata.httpStatusCode`,
 * `$metadata.requestId`), which `send` classifies and may retry.
 */
export type Transport = <K extends OperationName>(operation: K, input: OperationInput<K>) => Promise<OperationOutput<K>>;

type CommandConstructor = new (input: object) => Parameters<APIGatewayClient["send"]>[0];

/**
 * The default transport: the operation's SDK command (`<operation>Command`), sent
 * with `client`. The SDK module is loaded on the first call, never at module load.
 */
export function clientTransport(client: APIGatewayClient): Transport {
  return async <K extends OperationName>(operation: K, input: OperationInput<K>): Promise<OperationOutput<K>> => {
    const sdk = (await import("@aws-sdk/client-api-gateway")) as unknown as Record<string, CommandConstructor | undefined>;
    const Command = sdk[`${operation}Command`];
    if (!Command) throw new TypeError(`no SDK command for operation ${operation}`);
    return (await client.send(new Command(input))) as OperationOutput<K>;
  };
}
