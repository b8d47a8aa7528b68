/**
 * The benchmark program: the responses of many methods of one REST API, from a
 * JSON spec named by stack config (`bench:specFile`), as `ResponseSet`s
 * (`bench:mode` = `sets`) or as `MethodResponse` + `IntegrationResponse` pairs
 * (`bench:mode` = `singles`, the shape of Terraform and `@pulumi/aws`).
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { IntegrationResponse, MethodResponse, ResponseSet } from "pulumi-apigw-responses";

interface BenchSpec {
  restApiId: string;
  methods: { resourceId: string; httpMethod: string; responses: Record<string, { methodResponse?: Record<string, unknown>; integrationResponse?: Record<string, unknown> }> }[];
}

const config = new pulumi.Config("bench");
const spec = JSON.parse(fs.readFileSync(config.require("specFile"), "utf8")) as BenchSpec;
const mode = config.get("mode") ?? "sets";

spec.methods.forEach((m, i) => {
  const target = { restApi: spec.restApiId, resource: m.resourceId, httpMethod: m.httpMethod };
  if (mode === "sets") {
    new ResponseSet(`m${i}`, { ...target, responses: m.responses as never });
    return;
  }
  for (const [code, r] of Object.entries(m.responses)) {
    const deps: pulumi.Resource[] = [];
    if (r.methodResponse) deps.push(new MethodResponse(`m${i}-${code}`, { ...target, statusCode: code, ...(r.methodResponse as object) }));
    if (r.integrationResponse) new IntegrationResponse(`m${i}-${code}-ir`, { ...target, statusCode: code, ...(r.integrationResponse as object) }, { dependsOn: deps });
  }
});
