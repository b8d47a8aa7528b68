/**
 * The dynamic providers. Pulumi serializes each provider object into the state and
 * runs it in the provider process, so they capture nothing but two strings: the
 * resource kind and the package folder. Every method `require`s the handlers at call
 * time (docs/toolchain.md, "Dynamic providers": SDK clients cannot be captured;
 * pulumi/pulumi #13960).
 *
 * One provider process serves all the resources of a stack: the handlers keep the
 * client, the token bucket and the per-API write queues in a process-wide registry,
 * so all resources share them.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as handlersModule from "./handlers";
import type * as settingsModule from "./settings";

/**
 * Build the provider of one resource kind. The returned object is what Pulumi
 * serializes; keep it free of captured objects.
 */
export function makeProvider(kind: handlersModule.ProviderKind): pulumi.dynamic.ResourceProvider {
  // Only the package installed in the program's project is used: code captured from
  // another folder (another machine, another version) is never loaded.
  const load = <T>(module: string): T => {
    try {
      return require(`pulumi-apigw-responses/dist/pulumi/${module}`) as T;
    } catch (err) {
      if ((err as { code?: string }).code !== "MODULE_NOT_FOUND" || !String((err as Error).message).includes("pulumi-apigw-responses")) throw err;
      throw new Error(
        `pulumi-apigw-responses is not installed in this project (${process.cwd()}): its resources need the package in the program's node_modules. ` +
          `Run npm install pulumi-apigw-responses there.`,
      );
    }
  };
  const handlers = () => load<typeof handlersModule>("handlers");
  return {
    async configure(req) {
      load<typeof settingsModule>("settings").configureProcess(req.config);
    },
    async check(olds, news) {
      const h = handlers();
      return { inputs: h.inputsAfterCheck(kind, olds, news), failures: h.checkResource(kind, news) };
    },
    async diff(id, olds, news) {
      return handlers().diffResource(kind, olds, news, id);
    },
    async create(inputs) {
      return handlers().createResource(kind, inputs);
    },
    async read(id, props) {
      return handlers().readResource(kind, id, props);
    },
    async update(_id, olds, news) {
      return handlers().updateResource(kind, olds, news);
    },
    async delete(id, props) {
      await handlers().deleteResource(kind, props, id);
    },
  };
}
