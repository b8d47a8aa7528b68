/**
 * Response shapes of the local API Gateway: turn moto's JSON for methods, method
 * responses, integrations, integration responses and resources into what real
 * API Gateway returns (AWS-15..AWS-18, AWS-30). Pure functions over JSON values.
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** A method response as AWS returns it. */
export interface MethodResponseShape {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
}

/** An integration response as AWS returns it. */
export interface IntegrationResponseShape {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  /** AWS-16: a template sent as `""` or `null` is stored and returned as `null`. */
  responseTemplates?: Record<string, string | null>;
  contentHandling?: string;
}

/**
 * Tells whether an integration response was written with `selectionPattern: ""`
 * (AWS-17), which moto cannot remember: it drops the empty string.
 */
export type EmptyPatternLookup = (statusCode: string) => boolean;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function dropNulls(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * AWS-18: a method response echoes the maps it holds (`{}` included); a map never
 * set (moto: `null`) is absent.
 */
export function shapeMethodResponse(raw: Json): MethodResponseShape {
  const out: MethodResponseShape = { statusCode: String(raw.statusCode) };
  if (isObject(raw.responseParameters)) out.responseParameters = raw.responseParameters as Record<string, boolean>;
  if (isObject(raw.responseModels)) out.responseModels = raw.responseModels as Record<string, string>;
  return out;
}

/**
 * AWS-16: `null` templates are kept, and with no templates the key is absent
 * (moto emits `{}`). AWS-17: `selectionPattern: ""` is echoed when it was sent.
 * AWS-18: empty maps are absent.
 */
export function shapeIntegrationResponse(raw: Json, explicitEmptyPattern: boolean): IntegrationResponseShape {
  const out: IntegrationResponseShape = { statusCode: String(raw.statusCode) };
  if (typeof raw.selectionPattern === "string" && raw.selectionPattern !== "") out.selectionPattern = raw.selectionPattern;
  else if (explicitEmptyPattern) out.selectionPattern = "";
  if (isObject(raw.responseParameters) && Object.keys(raw.responseParameters).length > 0) {
    out.responseParameters = raw.responseParameters as Record<string, string>;
  }
  if (isObject(raw.responseTemplates) && Object.keys(raw.responseTemplates).length > 0) {
    const templates: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(raw.responseTemplates)) templates[k] = typeof v === "string" && v !== "" ? v : null;
    out.responseTemplates = templates;
  }
  if (typeof raw.contentHandling === "string" && raw.contentHandling !== "") out.contentHandling = raw.contentHandling;
  return out;
}

/** An integration as AWS returns it: no `null` fields; `integrationResponses` absent when none (AWS-15). */
export function shapeIntegration(raw: Json, emptyPattern: EmptyPatternLookup): Json {
  const out = dropNulls(raw);
  delete out.integrationResponses;
  if (isObject(raw.integrationResponses) && Object.keys(raw.integrationResponses).length > 0) {
    const irs: Json = {};
    for (const [code, ir] of Object.entries(raw.integrationResponses)) {
      if (isObject(ir)) irs[code] = shapeIntegrationResponse(ir, emptyPattern(code));
    }
    out.integrationResponses = irs;
  }
  return out;
}

/**
 * AWS-15: a method as AWS returns it, with `methodResponses` and
 * `methodIntegration.integrationResponses` keyed by status code, each absent when empty.
 */
export function shapeMethod(raw: Json, emptyPattern: EmptyPatternLookup): Json {
  const out = dropNulls(raw);
  delete out.methodResponses;
  delete out.methodIntegration;
  if (isObject(raw.methodResponses) && Object.keys(raw.methodResponses).length > 0) {
    const mrs: Json = {};
    for (const [code, mr] of Object.entries(raw.methodResponses)) if (isObject(mr)) mrs[code] = shapeMethodResponse(mr);
    out.methodResponses = mrs;
  }
  if (isObject(raw.methodIntegration)) out.methodIntegration = shapeIntegration(raw.methodIntegration, emptyPattern);
  return out;
}

/**
 * AWS-30: a resource as `GetResources`/`GetResource` return it: with `embed=methods`
 * every method in full, without it every method as an empty object.
 */
export function shapeResource(raw: Json, embedMethods: boolean, emptyPattern: (httpMethod: string, statusCode: string) => boolean): Json {
  const out = dropNulls(raw);
  if (isObject(raw.resourceMethods)) {
    const methods: Json = {};
    for (const [name, m] of Object.entries(raw.resourceMethods)) {
      methods[name] = embedMethods && isObject(m) ? shapeMethod(m, (code) => emptyPattern(name, code)) : {};
    }
    out.resourceMethods = methods;
  }
  return out;
}
