/**
 * Public API of pulumi-apigw-responses: the desired-state model, the pure steps
 * (validate, normalize, plan, render) and the effectful ones (observe, apply,
 * reconcile) with the AWS edge they share (client configuration, the error
 * classifier, limits, the runtime).
 *
 * The pipeline: validate → normalize → observe → plan → apply → report
 * (see `architecture.md`).
 */
export * from "./model";
export * from "./normalize";
export * from "./validate";
export * from "./plan";
export * from "./render";
export * from "./schema";
export * from "./observe";
export * from "./apply";
export * from "./reconcile";
export * from "./aws/client";
export * from "./aws/errors";
export * from "./aws/limits";
export * from "./aws/runtime";
export * from "./aws/call";
export * from "./aws/retry";
export * from "./pulumi";
