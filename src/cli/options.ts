/**
 * The options every AWS-facing command shares (`--region`, `--profile`, `--endpoint`,
 * `--rate`, `--deadline`, `--verbose`, `--format`) and the runtime they configure.
 * `--rate` and `--deadline` are parsed by the same functions as the Pulumi stack config
 * (`apigw-responses:rate`, `apigw-responses:deadline`).
 */
import { Command, Option } from "commander";
import type { RuntimeOptions } from "../runtime";
import { parseDuration, parseRate, parseRegion } from "../settings";
import { CliError } from "./errors";

/** Output formats of `plan`, `apply` and `drift`. */
export type OutputFormat = "text" | "json" | "markdown";

/** The output formats. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "markdown"];

/** Parsed common options (commander's camel-cased names). */
export interface CommonOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly rate?: string;
  readonly deadline?: string;
  readonly verbose?: boolean;
}

/** Options of the spec commands. */
export interface SpecCommandOptions extends CommonOptions {
  readonly spec: string;
  readonly format: OutputFormat;
}

/** Add the connection options and `--verbose` to a command. */
export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option("--region <region>", "AWS region (default: the spec's region, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's)")
    .option("--profile <name>", "shared config / credentials profile (default: AWS_PROFILE)")
    .option("--endpoint <url>", "API Gateway endpoint override, e.g. the local API Gateway (default: APIGW_RESPONSES_ENDPOINT)")
    .option("--rate <RPS:BURST>", 'client-side rate limit of API calls, or "off" (default 10:40, the account quota AWS-12)')
    .option("--deadline <duration>", "time budget of one call with its retries: seconds or 500ms, 90s, 2m, 1h (default 2m)")
    .option("--verbose", "on errors, print every detail (all validation failures, causes, stack)");
}

/** Add `--spec FILE` and `--format` to a command. */
export function addSpecOptions(cmd: Command): Command {
  return cmd
    .requiredOption("--spec <file>", "spec file (YAML or JSON) naming one REST API and its methods")
    .addOption(new Option("--format <format>", "output format").choices([...OUTPUT_FORMATS]).default("text"));
}

/**
 * The runtime options of the common options. The region comes from `--region`, then
 * the spec file's `region`, then the environment (left to the SDK).
 *
 * @throws {CliError} on a bad `--rate` or `--deadline`
 */
export function runtimeOptionsOf(options: CommonOptions, specRegion?: string): RuntimeOptions {
  let rate: RuntimeOptions["rate"];
  let deadlineMs: number | undefined;
  try {
    if (options.rate !== undefined) rate = parseRate(options.rate);
  } catch (e) {
    throw new CliError(`--rate: ${(e as Error).message}`);
  }
  try {
    if (options.deadline !== undefined) deadlineMs = parseDuration(options.deadline);
  } catch (e) {
    throw new CliError(`--deadline: ${(e as Error).message}`);
  }
  if (deadlineMs !== undefined && deadlineMs <= 0) throw new CliError(`--deadline: must be more than 0, got "${options.deadline}"`);
  if (options.endpoint !== undefined) {
    try {
      new URL(options.endpoint);
    } catch {
      throw new CliError(`--endpoint: "${options.endpoint}" is not a URL (e.g. http://127.0.0.1:4567)`);
    }
  }
  const region = options.region ?? specRegion;
  if (region !== undefined) {
    try {
      parseRegion(region);
    } catch (e) {
      throw new CliError(`${options.region !== undefined ? "--region" : "the spec file's region"}: ${(e as Error).message}`);
    }
  }
  return {
    ...(region !== undefined ? { region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(rate !== undefined ? { rate } : {}),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  };
}
