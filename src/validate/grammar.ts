/**
 * The grammar of a spec: the patterns and enums a field must match (AWS-7, AWS-28),
 * the fields each object may have, and the size limit of a template (AWS-65). The
 * JSON Schemas (`schema.ts`) and the checks of `validate/` read the same constants.
 */
/** HTTP methods API Gateway accepts for a method, upper case as AWS stores them. */
export const HTTP_METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];

/** Status codes (AWS-7). */
export const STATUS_CODE_PATTERN = "^[1-5]\\d\\d$";

/** An HTTP header name: an RFC 9110 token. */
export const HEADER_NAME_PATTERN = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

/** Response parameter keys: `method.response.header.{name}` (AWS-28). */
export const RESPONSE_PARAMETER_KEY_PATTERN = "^method\\.response\\.header\\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

/** Integration response mapping values (AWS-28): a header, the body, a JSON expression into the body (no `$`), or a static `'value'`. */
export const MAPPING_VALUE_PATTERN =
  "^(integration\\.response\\.header\\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|integration\\.response\\.body|integration\\.response\\.body\\.[^$\\s][^\\s]*|'.*')$";

/** Content types used as template and model keys: `type/subtype`, both RFC 9110 tokens. */
export const CONTENT_TYPE_PATTERN = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+/[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

/**
 * The largest mapping template accepted, in UTF-8 bytes: 300 KB, API Gateway's
 * fixed mapping-template size quota (AWS-65 in docs/aws-behaviors.md; what AWS
 * answers above it is not recorded). Lower it with `maxTemplateBytes` to be stricter.
 */
export const MAX_TEMPLATE_BYTES = 300 * 1000;

/** Fields of a method spec. */
export const METHOD_FIELDS = ["restApiId", "resourceId", "path", "httpMethod", "responses", "exclusive"] as const;
export const RESPONSE_FIELDS = ["methodResponse", "integrationResponse"] as const;
export const METHOD_RESPONSE_FIELDS = ["responseParameters", "responseModels"] as const;
export const INTEGRATION_RESPONSE_FIELDS = ["selectionPattern", "responseParameters", "responseTemplates", "contentHandling"] as const;
export const SPEC_FILE_FIELDS = ["restApiId", "region", "methods"] as const;

export const STATUS_CODE_RE = new RegExp(STATUS_CODE_PATTERN);
export const PARAMETER_KEY_RE = new RegExp(RESPONSE_PARAMETER_KEY_PATTERN);
export const MAPPING_VALUE_RE = new RegExp(MAPPING_VALUE_PATTERN);
export const CONTENT_TYPE_RE = new RegExp(CONTENT_TYPE_PATTERN);
export const CONTROL_RE = /[\u0000-\u001f\u007f]/;
export const TEMPLATE_CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
