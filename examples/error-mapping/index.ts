/**
 * Error mapping with `selectionPattern`, a Java regular expression (AWS-29) matched
 * against:
 * - the error message of a Lambda back end (`AWS` integration, not `AWS_PROXY`): the
 *   function throws `new Error("[NotFound] pet 42")`, the pattern `^\[NotFound\].*`
 *   selects the 404 response;
 * - the status code of an HTTP back end (`HTTP` integration): `4\d{2}`, `5\d{2}`.
 *
 * Exactly one integration response per method may have no pattern: the default
 * (AWS-6). Do not write `"-"` for it (terraform #10222: a perpetual diff); leave it out.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResponseSet } from "pulumi-apigw-responses";

const restApi = new pulumi.Config().require("restApiId");

/** Map the Lambda error into a JSON body: $input.path('$.errorMessage') is the thrown message. */
const errorBody = { "application/json": '#set($m = $input.path(\'$.errorMessage\'))\n{"message": "$util.escapeJavaScript($m)"}' };

export const lambda = new ResponseSet("lambda-errors", {
  restApi,
  path: "/pets",
  httpMethod: "GET",
  responses: {
    "200": { methodResponse: {}, integrationResponse: {} }, // the default: no selectionPattern
    "400": { methodResponse: {}, integrationResponse: { selectionPattern: "^\\[BadRequest\\].*", responseTemplates: errorBody } },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: "^\\[NotFound\\].*", responseTemplates: errorBody } },
    // Lambda's own failures: a timeout message or any unhandled error type.
    "504": { methodResponse: {}, integrationResponse: { selectionPattern: ".*Task timed out.*", responseTemplates: errorBody } },
    "500": { methodResponse: {}, integrationResponse: { selectionPattern: "^\\[(Internal|Unhandled)\\].*", responseTemplates: errorBody } },
  },
}).revision;

export const http = new ResponseSet("http-errors", {
  restApi,
  path: "/pets/{petId}",
  httpMethod: "GET",
  responses: {
    "200": { methodResponse: {}, integrationResponse: { selectionPattern: "2\\d{2}" } },
    "404": {
      methodResponse: {},
      integrationResponse: { selectionPattern: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } },
    },
    "400": { methodResponse: {}, integrationResponse: { selectionPattern: "4(0[0-35-9]|[1-9]\\d)" } }, // other 4xx
    // The default (no pattern): anything else, e.g. 5xx and connection errors, becomes a 502.
    "502": {
      methodResponse: {},
      integrationResponse: { responseTemplates: { "application/json": '{"message": "the pet service failed"}' } },
    },
  },
}).revision;
