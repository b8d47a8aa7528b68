/**
 * Stages for the command line: `apply --deploy STAGE` deploys the REST API after a
 * successful apply when the apply changed something or the stage does not serve the
 * live API (AWS-25, AWS-52), at most once a run; `drift --stage STAGE` inspects what
 * the stage serves. The calls go through `src/stage/` (`deployStage`, `inspectStage`).
 */
import { addCounters, type CallCounters, type Connection } from "../aws/connection";
import type { ApplyReport } from "../model";
import { deployStage } from "../stage/deploy";
import { stageNameProblem } from "../stage/errors";
import { inspectStage, type StageInspection } from "../stage/inspect";
import { stageConditionOf } from "../stage/view";
import { CliError } from "./errors";

/** Why `apply --deploy` deployed: the apply changed the live API, or the stage did not serve it. */
export type DeploymentReason = "changes-applied" | "stage-missing" | "no-deployment" | "foreign" | "undeployed";

/** What `apply --deploy STAGE` did about the stage. */
export type StageDeploymentResult =
  | {
      readonly restApiId: string;
      readonly stageName: string;
      /** The new deployment the stage now serves. */
      readonly deploymentId: string;
      /** True when the stage did not exist and was created. */
      readonly stageCreated: boolean;
      readonly reason: DeploymentReason;
    }
  | {
      readonly restApiId: string;
      readonly stageName: string;
      /** No deployment: the stage already serves the live API through a deployment of apigw-responses. */
      readonly skipped: "current";
      /** The deployment the stage serves. */
      readonly deploymentId?: string;
    };

/**
 * Check a stage name before any call (AWS-68).
 *
 * @throws {CliError} naming the option, the value and the rule
 */
export function checkStageName(option: string, name: string): string {
  const problem = stageNameProblem(name);
  if (problem !== undefined) throw new CliError(`${option} ${JSON.stringify(name)}: ${problem}`);
  return name;
}

/** Why a stage is not current (does not serve the live API through a deployment of apigw-responses), or undefined when it is. */
export function staleness(inspection: Pick<StageInspection, "exists" | "deploymentId" | "foreign" | "differences">): Exclude<DeploymentReason, "changes-applied"> | undefined {
  return stageConditionOf(inspection) ?? (inspection.differences.length > 0 ? "undeployed" : undefined);
}

/**
 * After a successful apply: deploy the REST API to the stage when `changed` (the apply
 * made a change) or when the stage is not current ({@link staleness}; the inspection is
 * skipped when `changed`); otherwise nothing. At most one `CreateDeployment`.
 *
 * @param counters where the calls are counted (the apply report's)
 * @throws {StageError} `NO_METHODS`, `NO_INTEGRATION` (AWS-50), `REST_API_NOT_FOUND`, `EXPORT_UNREADABLE`; {@link ApiGatewayError} for what a call met
 */
export async function deployAfterApply(connection: Connection, restApiId: string, stageName: string, changed: boolean, counters?: CallCounters): Promise<StageDeploymentResult> {
  let reason: DeploymentReason = "changes-applied";
  let live: StageInspection["live"] | undefined;
  if (!changed) {
    const inspection = await inspectStage(connection, restApiId, stageName, counters ? { counters } : {});
    const stale = staleness(inspection);
    if (stale === undefined) return { restApiId, stageName, skipped: "current", ...(inspection.deploymentId !== undefined ? { deploymentId: inspection.deploymentId } : {}) };
    reason = stale;
    // The inspection's read of the live API is the deployment's too (nothing was written since).
    live = inspection.live;
  }
  const outcome = await deployStage(connection, { restApiId, stageName }, { ...(counters ? { counters } : {}), ...(live ? { live } : {}) });
  return { restApiId, stageName, deploymentId: outcome.deploymentId, stageCreated: outcome.stageCreated, reason };
}

const REASON_TEXT: Readonly<Record<DeploymentReason, string>> = {
  "changes-applied": "the apply changed the live API",
  "stage-missing": "the stage did not exist",
  "no-deployment": "the stage served no deployment",
  foreign: "the stage served a deployment apigw-responses did not make",
  undeployed: "the stage served responses that differ from the live API",
};

/**
 * The line of a deployment result:
 * `deployed to stage prod of rest api a1: deployment d1 (stage created; the stage did not exist)`,
 * `stage prod of rest api a1 already serves the live responses: no deployment`.
 */
export function describeDeployment(d: StageDeploymentResult): string {
  const stage = `stage ${d.stageName} of rest api ${d.restApiId}`;
  if ("skipped" in d) return `${stage} already serves the live responses: no deployment`;
  return `deployed to ${stage}: deployment ${d.deploymentId} (${d.stageCreated ? "stage created; " : ""}${REASON_TEXT[d.reason]})`;
}

/** The JSON of a deployment result (`apply --deploy --format json`). */
export function deploymentJson(d: StageDeploymentResult) {
  if ("skipped" in d) return { stageName: d.stageName, restApiId: d.restApiId, skipped: d.skipped, ...(d.deploymentId !== undefined ? { deploymentId: d.deploymentId } : {}) };
  return { stageName: d.stageName, restApiId: d.restApiId, deploymentId: d.deploymentId, stageCreated: d.stageCreated, reason: d.reason };
}

/** A report with the calls and retries of `counters` added (a new object). */
export function withCounters(report: ApplyReport, counters: CallCounters): ApplyReport {
  const sum: CallCounters = { calls: { ...report.calls }, retries: { ...report.retries } };
  addCounters(sum, counters);
  return { ...report, calls: sum.calls, retries: sum.retries };
}
