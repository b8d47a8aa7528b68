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

/** One provider object per kind for the life of the program (see {@link makeProvider}). */
const providers = new Map<handlersModule.ProviderKind, pulumi.dynamic.ResourceProvider>();

/**
 * The provider of one resource kind: the same object for every resource of that kind.
 * Pulumi serializes a dynamic provider once per object (its cache is keyed by the
 * object): a new object per resource cost a closure serialization per registration,
 * and 200 single resources took 26.5 s to `pulumi up` instead of 19.6 s
 * (tools/bench/analysis.md).
 */
export function makeProvider(kind: handlersModule.ProviderKind): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) providers.set(kind, (provider = buildProvider(kind)));
  return provider;
}

/**
 * Build the provider of one kind. The returned object is what Pulumi serializes into
 * the inputs and the outputs of every resource of the kind, and the engine writes the
 * whole state after each step: keep it free of captured objects, and short (each
 * method one call into ./handlers).
 */
function buildProvider(kind: handlersModule.ProviderKind): pulumi.dynamic.ResourceProvider {
  // Only the package installed in the program's project is used: code captured from
  // another folder (another machine, another version) is never loaded.
  const h = (): typeof handlersModule => {
    try {
      return require("pulumi-apigw-responses/dist/pulumi/handlers");
    } catch (e) {
      if ((e as { code?: string }).code !== "MODULE_NOT_FOUND" || !String(e).includes("pulumi-apigw-responses")) throw e;
      throw new Error(`pulumi-apigw-responses is not installed in this project (${process.cwd()}): run npm install pulumi-apigw-responses there.`);
    }
  };
  return {
    configure: async (r) => h().configureProcess(r.config),
    check: async (o, n) => h().checkProvider(kind, o, n),
    diff: async (id, o, n) => h().diffResource(kind, o, n, id),
    create: async (i) => h().createResource(kind, i),
    read: async (id, p) => h().readResource(kind, id, p),
    update: async (_, o, n) => h().updateResource(kind, o, n),
    delete: async (id, p) => h().deleteResource(kind, p, id),
  };
}
