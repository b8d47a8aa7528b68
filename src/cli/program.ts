/**
 * The `apigw-responses` command line: `plan`, `apply`, `drift` over a spec file,
 * `pr-comment` over `pulumi preview --json`, `emulator` (the local API Gateway) and
 * `schema` (the spec file's JSON Schema). Built with commander; {@link runCli} runs it
 * with injectable streams and returns the exit code, so tests can call it in-process.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { newCounters, releaseSharedClients } from "../aws/connection";
import type { Plan } from "../model";
import { movedNote } from "../apply";
import { isInSync } from "../plan";
import { escapeMarkdownCell, planToJson, renderPlanMarkdown, renderPlanText } from "../render";
import { createRuntime, planDesiredState, toDesiredGatewayResponses, type DesiredInput } from "../reconcile";
import { specSchemaFileText } from "../schema";
import { inspectStage } from "../stage/inspect";
import { escapeUnsafe } from "../text";
import { applySpecs, failedTargets, renderApplyReportText } from "./apply";
import { EXPORT_FORMATS, exportDoneLine, reserveOut, reserveProgramOut, runExport, type ExportFormat } from "./export";
import { driftOf, renderDriftMarkdown, renderDriftText, stageDriftReport, stageScopeOf, type StageDrift } from "./drift";
import { CliError, describeError, EXIT } from "./errors";
import { applyJson, errorJson } from "./json";
import { checkStageName, deployAfterApply, deploymentJson, describeDeployment, withCounters, type StageDeploymentResult } from "./stage";
import { addCommonOptions, addSpecOptions, runtimeOptionsOf, type CommonOptions, type OutputFormat, type SpecCommandOptions } from "./options";
import { GITHUB_COMMENT_LIMIT, previewToPlan, renderPrComment } from "./pr-comment";
import { loadSpecFile, type LoadedSpec } from "./spec";

/** The streams the command line writes to and reads from. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** All of standard input, for `pr-comment`. */
  readStdin(): Promise<string>;
}

/** The process's own streams. */
export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on("data", (c: Buffer) => chunks.push(c));
        process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        process.stdin.on("error", reject);
      }),
  };
}

const example = (lines: string[]) => `\nExample${lines.length > 1 ? "s" : ""}:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

/** The package version, for `--version`. */
function packageVersion(): string {
  try {
    return (require(path.join(__dirname, "..", "..", "package.json")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The pipeline's inputs of a loaded (so validated) spec file: its methods, then its REST API's gateway responses. */
function desiredInputsOf(loaded: LoadedSpec): DesiredInput[] {
  const g = loaded.gatewayResponses;
  return [...loaded.methods.map((spec) => ({ spec })), ...(g !== undefined ? [{ gatewayResponses: toDesiredGatewayResponses(g) }] : [])];
}

/** Run the plan part shared by `plan`, `drift` and `apply --dry-run`. */
async function planOf(options: SpecCommandOptions): Promise<Plan> {
  const loaded = loadSpecFile(options.spec);
  const runtime = createRuntime(runtimeOptionsOf(options, loaded.spec.region));
  return (await planDesiredState(runtime, desiredInputsOf(loaded))).plan;
}

function withNewline(s: string): string {
  return s.endsWith("\n") ? s : `${s}\n`;
}

/** Print a plan in a format; return the plan exit code (0 in sync, 2 changes). */
function printPlan(io: CliIO, p: Plan, format: OutputFormat): number {
  if (format === "json") io.stdout.write(`${JSON.stringify(planToJson(p), null, 2)}\n`);
  else if (format === "markdown") io.stdout.write(renderPlanMarkdown(p));
  else io.stdout.write(withNewline(renderPlanText(p)));
  return isInSync(p) ? EXIT.ok : EXIT.changes;
}

/**
 * The streams with every unsafe character escaped (`\u001b`, `\u202e`; newline and
 * tab kept): whatever a spec, a live response or AWS says is never written raw.
 */
export function safeIO(io: CliIO): CliIO {
  const safe = (w: CliIO["stdout"]): CliIO["stdout"] => ({ write: (t: string) => w.write(escapeUnsafe(t, { layout: true })), isTTY: w.isTTY === true });
  return { stdout: safe(io.stdout), stderr: safe(io.stderr), readStdin: () => io.readStdin() };
}

/**
 * Build the commander program; `setExit` receives each command's exit code.
 * `progressTo` is where apply's progress goes raw (its own line-redraw sequences;
 * the progress text escapes what it shows); default `io.stderr`.
 */
export function buildProgram(io: CliIO, setExit: (code: number) => void, progressTo: CliIO["stderr"] = io.stderr, rawOut: CliIO["stdout"] = io.stdout): Command {
  const program = new Command("apigw-responses")
    .description(
      "Declarative API Gateway (REST) method responses, integration responses and gateway responses: plan, apply and detect drift from a spec file, render Pulumi previews for pull requests, run the local API Gateway.",
    )
    .version(packageVersion(), "--version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      "after",
      "\nExit codes: plan, drift and apply --dry-run: 0 in sync, 2 changes needed, 1 error; other commands: 0 done, 1 error.\n" +
        example(["apigw-responses plan --spec api.yaml", "apigw-responses apply --spec api.yaml", "pulumi preview --json | apigw-responses pr-comment"]),
    );

  addCommonOptions(
    addSpecOptions(
      program
        .command("plan")
        .summary("show what apply would change (exit 0 in sync, 2 changes, 1 error)")
        .description(
          "Read the spec file, validate it (no AWS call when it is invalid), read the live responses (and the REST API's gateway responses when the file has `gatewayResponses`) and print the plan. Exit code: 0 in sync, 2 changes needed, 1 error.",
        ),
    ),
  )
    .addHelpText("after", example(["apigw-responses plan --spec api.yaml", "apigw-responses plan --spec api.yaml --format markdown > plan.md"]))
    .action(async (options: SpecCommandOptions) => setExit(printPlan(io, await planOf(options), options.format)));

  addCommonOptions(
    addSpecOptions(
      program
        .command("apply")
        .summary("converge the live responses to the spec (and deploy them to a stage with --deploy)")
        .description(
          "Plan, then apply method by method (progress on standard error: one line per method, with its retries), then the gateway responses, verify by reading again, and print the report. " +
            "--deploy STAGE: after a successful apply, deploy the REST API to STAGE (one CreateDeployment, then the stage moved to it, or created) when the apply changed something or the stage does not serve the live API (missing, serving a deployment apigw-responses did not make, or serving other responses); otherwise say that it already does. No deployment when the apply failed, nor with --dry-run. " +
            "--dry-run: only plan (plan's exit codes). Exit code: 0 done, 1 error (a method or gateway response that could not be applied, or a deployment refused, e.g. NO_INTEGRATION).",
        ),
    )
      .option("--dry-run", "only show the plan (exit 0 in sync, 2 changes needed); never deploys")
      .option("--deploy <stage>", "after a successful apply, deploy the REST API to this stage unless it already serves the live responses (at most one deployment)"),
  )
    .addHelpText(
      "after",
      example([
        "apigw-responses apply --spec api.yaml",
        "apigw-responses apply --spec api.yaml --deploy prod   # responses reach clients only once deployed",
        "apigw-responses apply --spec api.yaml --dry-run --format markdown",
      ]),
    )
    .action(async (options: SpecCommandOptions & { dryRun?: boolean; deploy?: string }) => {
      if (options.deploy !== undefined) checkStageName("--deploy", options.deploy);
      if (options.dryRun) {
        if (options.deploy !== undefined) io.stderr.write(`--dry-run: no deployment to stage ${options.deploy}\n`);
        return setExit(printPlan(io, await planOf(options), options.format));
      }
      const loaded = loadSpecFile(options.spec);
      const runtime = createRuntime(runtimeOptionsOf(options, loaded.spec.region));
      let result = await applySpecs(runtime, desiredInputsOf(loaded), { write: (s) => progressTo.write(s), isTTY: progressTo.isTTY === true });
      const errors = [...result.failures.map((f) => f.error), ...(result.gatewayFailures ?? []).map((f) => f.error)];
      let deployment: StageDeploymentResult | undefined;
      let deploymentError: unknown;
      if (errors.length === 0 && options.deploy !== undefined) {
        const changed = result.report.operations.length > 0 || (result.report.gatewayResponseOperations?.length ?? 0) > 0;
        const counters = newCounters();
        try {
          deployment = await deployAfterApply(runtime, loaded.spec.restApiId, options.deploy, changed, counters);
        } catch (e) {
          deploymentError = e;
        }
        result = { ...result, report: withCounters(result.report, counters) };
      }
      const deploymentLine = deployment !== undefined ? describeDeployment(deployment) : undefined;
      if (options.format === "json") {
        const json = applyJson(result);
        const stage =
          deployment !== undefined
            ? { deployment: deploymentJson(deployment) }
            : deploymentError !== undefined
              ? { ok: false, deployment: { stageName: options.deploy, restApiId: loaded.spec.restApiId, error: errorJson(deploymentError).error } }
              : {};
        io.stdout.write(`${JSON.stringify({ ...json, ...stage }, null, 2)}\n`);
      } else if (options.format === "markdown") {
        io.stdout.write(renderPlanMarkdown(result.plan, { title: "API Gateway responses applied" }));
        io.stdout.write(`\n${renderApplyReportText(result).replace(/^ {2}/gm, "- ")}\n`);
        if (deploymentLine !== undefined) io.stdout.write(`\n**Deployment:** ${escapeMarkdownCell(deploymentLine)}\n`);
      } else {
        if (!isInSync(result.plan)) io.stdout.write(withNewline(renderPlanText(result.plan)));
        io.stdout.write(withNewline(renderApplyReportText(result)));
        if (deploymentLine !== undefined) io.stdout.write(`${deploymentLine}\n`);
      }
      if (errors.length > 0) {
        const moved = result.otherWriter ? ` (${movedNote(result.passes ?? 1)})` : "";
        io.stderr.write(`error: ${failedTargets(result)} could not be applied${moved}; first: ${errors[0]!.message.split("\n")[0]}\n`);
        if (options.deploy !== undefined) io.stderr.write(`no deployment to stage ${options.deploy} of rest api ${loaded.spec.restApiId}: the apply failed\n`);
        return setExit(EXIT.error);
      }
      if (deploymentError !== undefined) {
        for (const line of describeError(deploymentError, options.verbose === true)) io.stderr.write(`${line}\n`);
        return setExit(EXIT.error);
      }
      setExit(EXIT.ok);
    });

  addCommonOptions(
    addSpecOptions(
      program
        .command("drift")
        .summary("report what drifted from the spec (and what a stage does not serve, with --stage) (exit 0 none, 2 drift, 1 error)")
        .description(
          "Like plan, with the output shaped for a scheduled job: per method and status code (and per gateway response type), what drifted (missing, changed, unexpected) with the expected and the live values. " +
            "--stage STAGE: also what that stage serves otherwise than the live API (undeployed: changed since the deployment, not deployed, deployed only), for the methods and gateway response types the spec declares, and whether the stage does not exist or serves a deployment apigw-responses did not make (foreign). " +
            "Exit code: 0 no drift, 2 drift (or, with --stage, anything undeployed), 1 error.",
        ),
    ).option("--stage <stage>", "also compare what this stage serves with the live API (read with GetStage, GetDeployment and, when they differ, GetExport)"),
  )
    .addHelpText(
      "after",
      example([
        "apigw-responses drift --spec api.yaml || [ $? -eq 2 ] && echo drifted",
        "apigw-responses drift --spec api.yaml --stage prod   # is what clients get the live API?",
        "apigw-responses drift --spec api.yaml --format json",
      ]),
    )
    .action(async (options: SpecCommandOptions & { stage?: string }) => {
      if (options.stage !== undefined) checkStageName("--stage", options.stage);
      const loaded = loadSpecFile(options.spec);
      const runtime = createRuntime(runtimeOptionsOf(options, loaded.spec.region));
      const p = (await planDesiredState(runtime, desiredInputsOf(loaded))).plan;
      let stage: StageDrift | undefined;
      if (options.stage !== undefined) {
        const restApiId = loaded.spec.restApiId;
        const inspection = await inspectStage(runtime, restApiId, options.stage);
        const methods = loaded.methods.filter((m) => m.restApiId === restApiId);
        stage = stageDriftReport(inspection, stageScopeOf(methods, loaded.gatewayResponses, inspection.live.api.resources));
      }
      const report = driftOf(p, stage);
      if (options.format === "json") {
        const json = {
          drifted: report.drifted,
          methodsChecked: report.methodsChecked,
          methods: report.methods.map((m) => ({ ...m.key, ...(m.path !== undefined ? { path: m.path } : {}), entries: m.entries })),
          ...(report.gatewayResponses !== undefined ? { gatewayResponsesChecked: report.gatewayResponsesChecked, gatewayResponses: report.gatewayResponses } : {}),
          ...(report.stage !== undefined ? { stage: report.stage } : {}),
        };
        io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else if (options.format === "markdown") io.stdout.write(renderDriftMarkdown(p, {}, report.stage));
      else io.stdout.write(withNewline(renderDriftText(report)));
      setExit(report.drifted ? EXIT.changes : EXIT.ok);
    });

  addCommonOptions(
    program
      .command("export")
      .summary("write the spec file or Pulumi program of a live REST API (adopt it with zero changes)")
      .description(
        "Read a live REST API (every method with GetResources embed=methods, ceil(resources/500) calls, and its gateway responses with one GetGatewayResponses) and write the spec file that asks for exactly what is live, for plan / apply / drift: methods named by path, sorted, the same API giving the same bytes; the customized gateway responses with gatewayResponsesExclusive: true. Methods without responses and AWS_PROXY methods are listed and noted (YAML and TypeScript: a comment above the method; JSON: on standard error). The file is checked to read back, with the spec validator, to exactly the live values before it is written. --format typescript writes a Pulumi program instead: one ResponseSet per method (named from its HTTP method and path: GET /pets/{petId} → get-pets-petId), a GatewayResponseSet for the gateway responses, the REST API id from stack config (restApiId); with --out FOLDER, index.ts plus a Pulumi.yaml and a package.json where the folder has none. Its first pulumi up adopts what is live and writes nothing.",
      )
      .requiredOption("--rest-api-id <id>", "the REST API to export")
      .addOption(new Option("--format <format>", "spec file (yaml, json) or Pulumi program (typescript)").choices([...EXPORT_FORMATS]).default("yaml"))
      .option("--path <glob...>", "only the resources whose path matches (repeatable; * within one segment, ** across segments, braces are literal: /pets/{petId})")
      .option("--out <file>", "write the file here (atomically: a temporary file, then a rename) instead of standard output; with --format typescript, a folder (existing, or ending in /) gets a Pulumi project")
      .option("--no-gateway-responses", "leave the gateway responses out (the file then leaves them alone; no GetGatewayResponses call)"),
  )
    .addHelpText(
      "after",
      example([
        "apigw-responses export --rest-api-id a1b2c3d4e5 --region eu-west-1 --out api.yaml",
        "apigw-responses export --rest-api-id a1b2c3d4e5 --format json --path '/pets/**' --path /pets > pets.json",
        "apigw-responses plan --spec api.yaml   # exit 0: the file is what is live",
        "apigw-responses export --rest-api-id a1b2c3d4e5 --format typescript --out responses/   # a Pulumi project",
      ]),
    )
    .action(async (options: { restApiId: string; format: ExportFormat; path?: string[]; out?: string; gatewayResponses: boolean } & CommonOptions) => {
      const runtimeOptions = runtimeOptionsOf(options);
      const out = options.out === undefined ? undefined : options.format === "typescript" ? reserveProgramOut(options.out, options.restApiId) : reserveOut(options.out);
      try {
        const result = await runExport(createRuntime(runtimeOptions), {
          restApiId: options.restApiId,
          format: options.format,
          paths: options.path ?? [],
          gatewayResponses: options.gatewayResponses,
          ...(options.region !== undefined ? { region: options.region } : {}),
        });
        if (out !== undefined) out.commit(result.text);
        // The file goes out raw (any escaping would change a value); on a terminal, escaped like every output.
        else (rawOut.isTTY === true ? io.stdout : rawOut).write(result.text);
        if (options.format === "json") for (const n of result.exported.notes) io.stderr.write(`note: ${n.text}\n`);
        else if (result.exported.notes.length > 0) io.stderr.write(`${result.exported.notes.length} note(s) written as comments in the file\n`);
        io.stderr.write(exportDoneLine(result, options.out));
        setExit(EXIT.ok);
      } catch (e) {
        out?.abandon();
        throw e;
      }
    });

  program
    .command("pr-comment")
    .summary("markdown of `pulumi preview --json` (stdin) for a pull-request comment")
    .description(
      "Read the JSON of `pulumi preview --json` on standard input (or --input FILE) and write the markdown of `plan --format markdown` for this package's resources only: other resources are left out, the serialized provider is never printed, secret values are masked. Run the preview with --refresh to compare with the live state.",
    )
    .option("--input <file>", "read the preview JSON from this file instead of standard input")
    .option("--title <text>", "heading of the comment", "Pulumi preview: API Gateway responses")
    .option("--max-length <n>", `longest comment in characters; the totals come first and what does not fit is counted (0 = no limit)`, String(GITHUB_COMMENT_LIMIT))
    .option("--verbose", "on errors, print every detail")
    .addHelpText(
      "after",
      example([
        "pulumi preview --refresh --json --stack prod | apigw-responses pr-comment > comment.md",
        "apigw-responses pr-comment --input preview.json --max-length 0 > full-plan.md",
      ]),
    )
    .action(async (options: { input?: string; title: string; maxLength: string }) => {
      const maxLength = Number(options.maxLength);
      if (!/^\d+$/.test(options.maxLength.trim()) || !Number.isSafeInteger(maxLength)) {
        throw new CliError(`--max-length "${options.maxLength}" must be a whole number of characters (0 = no limit)`);
      }
      let text: string;
      if (options.input !== undefined) {
        try {
          text = (await import("node:fs")).readFileSync(options.input, "utf8");
        } catch (e) {
          throw new CliError(`cannot read ${options.input}: ${(e as Error).message}`);
        }
      } else text = await io.readStdin();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        const what = text.trim() === "" ? "standard input is empty" : `not JSON (${(e as Error).message})`;
        throw new CliError(`expected the output of \`pulumi preview --json\`: ${what}`);
      }
      let preview;
      try {
        preview = previewToPlan(json);
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      const comment = renderPrComment(preview, { title: options.title, maxLength });
      io.stdout.write(comment.text);
      if (comment.omittedMethods > 0) {
        io.stderr.write(
          `warning: the comment leaves out ${comment.omittedMethods} method(s) with ${comment.omittedOperations} change(s) to stay within ${maxLength} characters; --max-length 0 shows everything\n`,
        );
      }
      setExit(EXIT.ok);
    });

  program
    .command("emulator")
    .summary("run the local API Gateway (same as `npm run emulator`)")
    .description(
      "The local API Gateway: moto behind a layer that behaves like real API Gateway (conflicts, quota, AWS's " +
        'errors) and injects faults on demand. Prints "endpoint=http://127.0.0.1:PORT" when ready; stops on SIGINT/SIGTERM.',
    )
    .option("--port <n>", "port on 127.0.0.1 (default 0: a free port)")
    .option("--quota <RPS:BURST|off>", "account quota (default 10:40, as AWS); off for none")
    .option("--latency <ms>", "delay added to every mutating call (default 20)")
    .option("--faults <file|json>", "fault rules: a JSON file, or the JSON text itself")
    .option("--seed <n>", "seed of the fault probabilities (default 1)")
    .option("--verbose", "on errors, print every detail")
    .addHelpText("after", example(["apigw-responses emulator --port 4567", `apigw-responses emulator --faults '[{"fault":"throttle","probability":0.3}]'`]))
    .action(async (options: Record<string, string | undefined>) => {
      const argv: string[] = [];
      for (const k of ["port", "quota", "latency", "faults", "seed"]) if (options[k] !== undefined) argv.push(`--${k}`, options[k]!);
      setExit(await runEmulatorCommand(argv, io));
    });

  program
    .command("schema")
    .summary("print the JSON Schema of spec files")
    .description("Print the JSON Schema (draft 2020-12) of spec files, for editors and YAML language servers.")
    .addHelpText("after", example(["apigw-responses schema > spec.schema.json"]))
    .action(() => {
      io.stdout.write(specSchemaFileText());
      setExit(EXIT.ok);
    });

  return program;
}

/**
 * Run the local API Gateway's own command (`dist/emulator/main.js`, so that its flags
 * and behaviour stay identical), after checking the flags with its parser. Signals
 * are passed on; resolves with its exit code.
 */
async function runEmulatorCommand(argv: string[], io: CliIO): Promise<number> {
  const main = (await import("../emulator/main")) as typeof import("../emulator/main");
  try {
    main.parseCommandLine(argv);
  } catch (e) {
    throw new CliError(`emulator: ${(e as Error).message}`);
  }
  const child = spawn(process.execPath, [path.join(__dirname, "..", "emulator", "main.js"), ...argv], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d: Buffer) => io.stdout.write(d.toString()));
  child.stderr.on("data", (d: Buffer) => io.stderr.write(d.toString()));
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

/** Was `--format json` asked for? (Errors can happen before commander has parsed it.) */
function jsonFormatIn(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === "--format=json" || (a === "--format" && argv[i + 1] === "json"));
}

/** Is `--verbose` among the arguments? (Errors can happen before commander has parsed them.) */
function verboseIn(argv: readonly string[]): boolean {
  return argv.includes("--verbose");
}

/**
 * Run the command line with `argv` (the arguments after the program name) and
 * return the exit code. Errors are printed as one line (`--verbose` for details).
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let code: number = EXIT.ok;
  const shown = safeIO(io);
  const program = buildProgram(shown, (c) => (code = c), io.stderr, io.stdout);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; parse errors were printed by commander in one line.
      return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    for (const line of describeError(e, verboseIn(argv))) shown.stderr.write(`${line}\n`);
    if (jsonFormatIn(argv)) shown.stdout.write(`${JSON.stringify(errorJson(e), null, 2)}\n`);
    return EXIT.error;
  } finally {
    releaseSharedClients();
  }
}
