/**
 * The dynamic providers. Pulumi serializes each provider object into the state and
 * runs it in the provider process, so they capture nothing but two strings: the
 * resource kind and the package folder. Every method `require`s the handlers at call
 * time (toolchain: SDK clients cannot be captured; pulumi/pulumi #13960).
 *
 * One provider process serves all the resources of a stack: the handlers keep the
 * client, the token bucket and the per-API write queues in a process-wide registry,
 * so all resources share them.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import type * as handlersModule from "./handlers";

/** The package folder when this file was loaded, a fallback for `require` in the provider process. */
const PACKAGE_DIR = path.resolve(__dirname, "..", "..");

/**
 * Build the provider of one resource kind. The returned object is what Pulumi
 * serializes; keep it free of captured objects.
 */
export function makeProvider(kind: handlersModule.ResourceKind): pulumi.dynamic.ResourceProvider {
  const packageDir = PACKAGE_DIR;
  const load = (): typeof handlersModule => {
    // The installed package first (a program's node_modules), then where it was at serialization.
    try {
      return require("pulumi-apigw-responses/dist/pulumi/handlers");
    } catch {
      return require(`${packageDir}/dist/pulumi/handlers`);
    }
  };
  return {
    async configure(req) {
      load().configureProcess(req.config);
    },
    async check(_olds, news) {
      const failures = load().checkInputs(kind, news);
      return { inputs: news, failures };
    },
    async diff(_id, olds, news) {
      return load().diffResource(kind, olds, news);
    },
    async create(inputs) {
      return load().createResource(kind, inputs);
    },
    async read(id, props) {
      return load().readResource(kind, id, props);
    },
    async update(_id, olds, news) {
      return load().updateResource(kind, olds, news);
    },
    async delete(_id, props) {
      await load().deleteResource(kind, props);
    },
  };
}
