/**
 * The grammar of a spec: the patterns and enums a field must match (AWS-7, AWS-28, and
 * for gateway responses AWS-39, AWS-40) and the size limit of a template (AWS-65). The zod schemas of the spec model
 * (`spec-model.ts`, from which the JSON Schemas and the structural checks are derived)
 * and the hand-written rules of `validate/` read the same constants.
 */
/** HTTP methods API Gateway accepts for a method, upper case as AWS stores them. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;

/** Status codes (AWS-7). */
export const STATUS_CODE_PATTERN = "^[1-5]\\d\\d$";

/** An RFC 9110 token (an HTTP header name, either half of a content type), unanchored. */
const TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

/** An HTTP header name: an RFC 9110 token. */
export const HEADER_NAME_PATTERN = `^${TOKEN}$`;

/** Response parameter keys: `method.response.header.{name}` (AWS-28). */
export const RESPONSE_PARAMETER_KEY_PATTERN = `^method\\.response\\.header\\.${TOKEN}$`;

/** Integration response mapping values (AWS-28): a header, the body, a JSON expression into the body (no `$`), or a static `'value'`. */
export const MAPPING_VALUE_PATTERN = `^(integration\\.response\\.header\\.${TOKEN}|integration\\.response\\.body|integration\\.response\\.body\\.[^$\\s][^\\s]*|'.*')$`;

/** Content types used as template and model keys: `type/subtype`, both RFC 9110 tokens. */
export const CONTENT_TYPE_PATTERN = `^${TOKEN}/${TOKEN}$`;

/**
 * The name of a path or query string parameter in a gateway response mapping (AWS-40),
 * unanchored: no whitespace (the local API Gateway's `\S+`) and no control character.
 */
const PARAMETER_NAME = "[^\\s\\u0000-\\u001f\\u007f]+";

/**
 * Gateway response parameter keys (AWS-40): `gatewayresponse.header.{name}` (an HTTP
 * header name, which may contain dots), `gatewayresponse.path.{name}` or
 * `gatewayresponse.querystring.{name}`. Every key it admits, the local API Gateway
 * admits too (`src/emulator/gateway-responses.ts`).
 */
export const GATEWAY_RESPONSE_PARAMETER_KEY_PATTERN = `^gatewayresponse\\.(header\\.${TOKEN}|(path|querystring)\\.${PARAMETER_NAME})$`;

/**
 * Gateway response parameter values (AWS-40): a method request parameter
 * (`method.request.{header|querystring|path}.{name}`) or a static value in single
 * quotes. Every value it admits, the local API Gateway admits too.
 */
export const GATEWAY_RESPONSE_PARAMETER_VALUE_PATTERN = `^(method\\.request\\.(header\\.${TOKEN}|(path|querystring)\\.${PARAMETER_NAME})|'.*')$`;

/**
 * Gateway response parameter values that name a source gateway responses do not have
 * (AWS-40): stage variables and context variables (with or without `$`). They are
 * refused like any value outside {@link GATEWAY_RESPONSE_PARAMETER_VALUE_PATTERN}; this
 * only picks the words of the refusal.
 */
export const NO_SOURCE_VALUE_RE = /^\$?(stageVariables|context)\./;

/**
 * The largest mapping template accepted, in UTF-8 bytes: 300 KB, API Gateway's
 * fixed mapping-template size quota (AWS-65 in docs/aws-behaviors.md; what AWS
 * answers above it is not recorded). Lower it with `maxTemplateBytes` to be stricter.
 */
export const MAX_TEMPLATE_BYTES = 300 * 1000;

/** A response parameter key (AWS-28), for the cross-field rules (AWS-4, AWS-5). */
export const PARAMETER_KEY_RE = new RegExp(RESPONSE_PARAMETER_KEY_PATTERN);
/** Control characters, refused in every string of a spec but templates. */
export const CONTROL_RE = /[\u0000-\u001f\u007f]/;
/** Control characters refused in templates (tab, newline and carriage return are allowed). */
export const TEMPLATE_CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
