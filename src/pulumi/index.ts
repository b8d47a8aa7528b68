/** The Pulumi front end: resources and their argument types. */
export * from "./resources";
export type { ResourceKind } from "./handlers";
export type { ProviderSettings } from "./settings";
