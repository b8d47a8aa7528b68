/**
 * Operation names of the API Gateway (REST, v1) management API, derived from the
 * HTTP method and URL of a request, as the AWS API model declares them.
 *
 * The local API Gateway counts calls, applies quotas and fault rules, and picks
 * its parity handlers by these names (`GetMethod`, `PutMethodResponse`, …).
 */

/** A request identified as one API Gateway operation. */
export interface IdentifiedOperation {
  /** The AWS API name, e.g. `UpdateIntegrationResponse`; `Unknown` when no route matches. */
  readonly name: string;
  /** The labels of the URL template, decoded, e.g. `{restApiId: "abc", statusCode: "200"}`. */
  readonly params: Readonly<Record<string, string>>;
  /** True for calls that change state (Create*, Put*, Update*, Delete*, Import*, …). */
  readonly mutating: boolean;
}

/** `[name, HTTP method, URL template]` for every operation of the API model. */
const ROUTES: ReadonlyArray<readonly [string, string, string]> = [
  ["CreateApiKey", "POST", "/apikeys"],
  ["CreateAuthorizer", "POST", "/restapis/{restApiId}/authorizers"],
  ["CreateBasePathMapping", "POST", "/domainnames/{domainName}/basepathmappings"],
  ["CreateDeployment", "POST", "/restapis/{restApiId}/deployments"],
  ["CreateDocumentationPart", "POST", "/restapis/{restApiId}/documentation/parts"],
  ["CreateDocumentationVersion", "POST", "/restapis/{restApiId}/documentation/versions"],
  ["CreateDomainName", "POST", "/domainnames"],
  ["CreateDomainNameAccessAssociation", "POST", "/domainnameaccessassociations"],
  ["CreateModel", "POST", "/restapis/{restApiId}/models"],
  ["CreateRequestValidator", "POST", "/restapis/{restApiId}/requestvalidators"],
  ["CreateResource", "POST", "/restapis/{restApiId}/resources/{parentId}"],
  ["CreateRestApi", "POST", "/restapis"],
  ["CreateStage", "POST", "/restapis/{restApiId}/stages"],
  ["CreateUsagePlan", "POST", "/usageplans"],
  ["CreateUsagePlanKey", "POST", "/usageplans/{usagePlanId}/keys"],
  ["CreateVpcLink", "POST", "/vpclinks"],
  ["DeleteApiKey", "DELETE", "/apikeys/{apiKey}"],
  ["DeleteAuthorizer", "DELETE", "/restapis/{restApiId}/authorizers/{authorizerId}"],
  ["DeleteBasePathMapping", "DELETE", "/domainnames/{domainName}/basepathmappings/{basePath}"],
  ["DeleteClientCertificate", "DELETE", "/clientcertificates/{clientCertificateId}"],
  ["DeleteDeployment", "DELETE", "/restapis/{restApiId}/deployments/{deploymentId}"],
  ["DeleteDocumentationPart", "DELETE", "/restapis/{restApiId}/documentation/parts/{documentationPartId}"],
  ["DeleteDocumentationVersion", "DELETE", "/restapis/{restApiId}/documentation/versions/{documentationVersion}"],
  ["DeleteDomainName", "DELETE", "/domainnames/{domainName}"],
  ["DeleteDomainNameAccessAssociation", "DELETE", "/domainnameaccessassociations/{domainNameAccessAssociationArn}"],
  ["DeleteGatewayResponse", "DELETE", "/restapis/{restApiId}/gatewayresponses/{responseType}"],
  ["DeleteIntegration", "DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration"],
  ["DeleteIntegrationResponse", "DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}"],
  ["DeleteMethod", "DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}"],
  ["DeleteMethodResponse", "DELETE", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}"],
  ["DeleteModel", "DELETE", "/restapis/{restApiId}/models/{modelName}"],
  ["DeleteRequestValidator", "DELETE", "/restapis/{restApiId}/requestvalidators/{requestValidatorId}"],
  ["DeleteResource", "DELETE", "/restapis/{restApiId}/resources/{resourceId}"],
  ["DeleteRestApi", "DELETE", "/restapis/{restApiId}"],
  ["DeleteStage", "DELETE", "/restapis/{restApiId}/stages/{stageName}"],
  ["DeleteUsagePlan", "DELETE", "/usageplans/{usagePlanId}"],
  ["DeleteUsagePlanKey", "DELETE", "/usageplans/{usagePlanId}/keys/{keyId}"],
  ["DeleteVpcLink", "DELETE", "/vpclinks/{vpcLinkId}"],
  ["FlushStageAuthorizersCache", "DELETE", "/restapis/{restApiId}/stages/{stageName}/cache/authorizers"],
  ["FlushStageCache", "DELETE", "/restapis/{restApiId}/stages/{stageName}/cache/data"],
  ["GenerateClientCertificate", "POST", "/clientcertificates"],
  ["GetAccount", "GET", "/account"],
  ["GetApiKey", "GET", "/apikeys/{apiKey}"],
  ["GetApiKeys", "GET", "/apikeys"],
  ["GetAuthorizer", "GET", "/restapis/{restApiId}/authorizers/{authorizerId}"],
  ["GetAuthorizers", "GET", "/restapis/{restApiId}/authorizers"],
  ["GetBasePathMapping", "GET", "/domainnames/{domainName}/basepathmappings/{basePath}"],
  ["GetBasePathMappings", "GET", "/domainnames/{domainName}/basepathmappings"],
  ["GetClientCertificate", "GET", "/clientcertificates/{clientCertificateId}"],
  ["GetClientCertificates", "GET", "/clientcertificates"],
  ["GetDeployment", "GET", "/restapis/{restApiId}/deployments/{deploymentId}"],
  ["GetDeployments", "GET", "/restapis/{restApiId}/deployments"],
  ["GetDocumentationPart", "GET", "/restapis/{restApiId}/documentation/parts/{documentationPartId}"],
  ["GetDocumentationParts", "GET", "/restapis/{restApiId}/documentation/parts"],
  ["GetDocumentationVersion", "GET", "/restapis/{restApiId}/documentation/versions/{documentationVersion}"],
  ["GetDocumentationVersions", "GET", "/restapis/{restApiId}/documentation/versions"],
  ["GetDomainName", "GET", "/domainnames/{domainName}"],
  ["GetDomainNameAccessAssociations", "GET", "/domainnameaccessassociations"],
  ["GetDomainNames", "GET", "/domainnames"],
  ["GetExport", "GET", "/restapis/{restApiId}/stages/{stageName}/exports/{exportType}"],
  ["GetGatewayResponse", "GET", "/restapis/{restApiId}/gatewayresponses/{responseType}"],
  ["GetGatewayResponses", "GET", "/restapis/{restApiId}/gatewayresponses"],
  ["GetIntegration", "GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration"],
  ["GetIntegrationResponse", "GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}"],
  ["GetMethod", "GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}"],
  ["GetMethodResponse", "GET", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}"],
  ["GetModel", "GET", "/restapis/{restApiId}/models/{modelName}"],
  ["GetModels", "GET", "/restapis/{restApiId}/models"],
  ["GetModelTemplate", "GET", "/restapis/{restApiId}/models/{modelName}/default_template"],
  ["GetRequestValidator", "GET", "/restapis/{restApiId}/requestvalidators/{requestValidatorId}"],
  ["GetRequestValidators", "GET", "/restapis/{restApiId}/requestvalidators"],
  ["GetResource", "GET", "/restapis/{restApiId}/resources/{resourceId}"],
  ["GetResources", "GET", "/restapis/{restApiId}/resources"],
  ["GetRestApi", "GET", "/restapis/{restApiId}"],
  ["GetRestApis", "GET", "/restapis"],
  ["GetSdk", "GET", "/restapis/{restApiId}/stages/{stageName}/sdks/{sdkType}"],
  ["GetSdkType", "GET", "/sdktypes/{id}"],
  ["GetSdkTypes", "GET", "/sdktypes"],
  ["GetStage", "GET", "/restapis/{restApiId}/stages/{stageName}"],
  ["GetStages", "GET", "/restapis/{restApiId}/stages"],
  ["GetTags", "GET", "/tags/{resourceArn}"],
  ["GetUsage", "GET", "/usageplans/{usagePlanId}/usage"],
  ["GetUsagePlan", "GET", "/usageplans/{usagePlanId}"],
  ["GetUsagePlanKey", "GET", "/usageplans/{usagePlanId}/keys/{keyId}"],
  ["GetUsagePlanKeys", "GET", "/usageplans/{usagePlanId}/keys"],
  ["GetUsagePlans", "GET", "/usageplans"],
  ["GetVpcLink", "GET", "/vpclinks/{vpcLinkId}"],
  ["GetVpcLinks", "GET", "/vpclinks"],
  ["ImportApiKeys", "POST", "/apikeys?mode=import"],
  ["ImportDocumentationParts", "PUT", "/restapis/{restApiId}/documentation/parts"],
  ["ImportRestApi", "POST", "/restapis?mode=import"],
  ["PutGatewayResponse", "PUT", "/restapis/{restApiId}/gatewayresponses/{responseType}"],
  ["PutIntegration", "PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration"],
  ["PutIntegrationResponse", "PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}"],
  ["PutMethod", "PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}"],
  ["PutMethodResponse", "PUT", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}"],
  ["PutRestApi", "PUT", "/restapis/{restApiId}"],
  ["RejectDomainNameAccessAssociation", "POST", "/rejectdomainnameaccessassociations"],
  ["TagResource", "PUT", "/tags/{resourceArn}"],
  ["TestInvokeAuthorizer", "POST", "/restapis/{restApiId}/authorizers/{authorizerId}"],
  ["TestInvokeMethod", "POST", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}"],
  ["UntagResource", "DELETE", "/tags/{resourceArn}"],
  ["UpdateAccount", "PATCH", "/account"],
  ["UpdateApiKey", "PATCH", "/apikeys/{apiKey}"],
  ["UpdateAuthorizer", "PATCH", "/restapis/{restApiId}/authorizers/{authorizerId}"],
  ["UpdateBasePathMapping", "PATCH", "/domainnames/{domainName}/basepathmappings/{basePath}"],
  ["UpdateClientCertificate", "PATCH", "/clientcertificates/{clientCertificateId}"],
  ["UpdateDeployment", "PATCH", "/restapis/{restApiId}/deployments/{deploymentId}"],
  ["UpdateDocumentationPart", "PATCH", "/restapis/{restApiId}/documentation/parts/{documentationPartId}"],
  ["UpdateDocumentationVersion", "PATCH", "/restapis/{restApiId}/documentation/versions/{documentationVersion}"],
  ["UpdateDomainName", "PATCH", "/domainnames/{domainName}"],
  ["UpdateGatewayResponse", "PATCH", "/restapis/{restApiId}/gatewayresponses/{responseType}"],
  ["UpdateIntegration", "PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration"],
  ["UpdateIntegrationResponse", "PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode}"],
  ["UpdateMethod", "PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}"],
  ["UpdateMethodResponse", "PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode}"],
  ["UpdateModel", "PATCH", "/restapis/{restApiId}/models/{modelName}"],
  ["UpdateRequestValidator", "PATCH", "/restapis/{restApiId}/requestvalidators/{requestValidatorId}"],
  ["UpdateResource", "PATCH", "/restapis/{restApiId}/resources/{resourceId}"],
  ["UpdateRestApi", "PATCH", "/restapis/{restApiId}"],
  ["UpdateStage", "PATCH", "/restapis/{restApiId}/stages/{stageName}"],
  ["UpdateUsage", "PATCH", "/usageplans/{usagePlanId}/keys/{keyId}/usage"],
  ["UpdateUsagePlan", "PATCH", "/usageplans/{usagePlanId}"],
  ["UpdateVpcLink", "PATCH", "/vpclinks/{vpcLinkId}"],
];

interface CompiledRoute {
  readonly name: string;
  readonly method: string;
  readonly segments: readonly string[];
  /** `mode=import` style query requirement. */
  readonly query?: readonly [string, string];
  readonly mutating: boolean;
}

const READ_PREFIXES = ["Get", "TestInvoke"];

function compile(name: string, method: string, template: string): CompiledRoute {
  const [pathPart, queryPart] = template.split("?");
  const query = queryPart ? (queryPart.split("=") as [string, string]) : undefined;
  return {
    name,
    method,
    segments: pathPart!.split("/").filter((s) => s.length > 0),
    query,
    mutating: !READ_PREFIXES.some((p) => name.startsWith(p)),
  };
}

// Routes with a query requirement first, so `POST /restapis?mode=import` is ImportRestApi.
const COMPILED: readonly CompiledRoute[] = ROUTES.map(([n, m, t]) => compile(n, m, t)).sort(
  (a, b) => Number(Boolean(b.query)) - Number(Boolean(a.query)),
);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Identify the operation of a request from its method and URL path (still
 * percent-encoded) and query.
 */
export function identifyOperation(method: string, rawPath: string, query: URLSearchParams): IdentifiedOperation {
  const segments = rawPath.split("/").filter((s) => s.length > 0);
  const upper = method.toUpperCase();
  for (const route of COMPILED) {
    if (route.method !== upper || route.segments.length !== segments.length) continue;
    if (route.query && query.get(route.query[0]) !== route.query[1]) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segments.length; i++) {
      const want = route.segments[i]!;
      const got = segments[i]!;
      if (want.startsWith("{") && want.endsWith("}")) params[want.slice(1, -1)] = decode(got);
      else if (want !== got) {
        ok = false;
        break;
      }
    }
    if (ok) return { name: route.name, params, mutating: route.mutating };
  }
  return { name: "Unknown", params: {}, mutating: upper !== "GET" && upper !== "HEAD" };
}

/** Every operation name the local API Gateway knows. */
export const OPERATION_NAMES: readonly string[] = ROUTES.map(([n]) => n);
