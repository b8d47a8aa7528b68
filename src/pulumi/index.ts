/** The Pulumi front end: resources and their argument types. */
export * from "./resources";
export type { ProviderSettings, ResourceKind } from "./handlers";
