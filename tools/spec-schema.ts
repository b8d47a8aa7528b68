/**
 * Writes `schema/spec.schema.json`, the JSON Schema of spec files that the package ships
 * (users' YAML points at it: `# yaml-language-server: $schema=...`), generated from the
 * zod schemas of the model (`src/spec-model.ts`, through `src/schema.ts`). Run it after a
 * change to the model; test/schema.test.ts fails while the committed file differs.
 *
 *     npx tsc -p tsconfig.tools.json && node build/tools/spec-schema.js
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SPEC_SCHEMA_PATH, specSchemaFileText } from "../src/schema";
import { PACKAGE_ROOT } from "./pulumi-env";

/** Write the generated schema under `packageRoot`; returns the file written. */
export function writeSpecSchemaFile(packageRoot: string = PACKAGE_ROOT): string {
  const file = path.join(packageRoot, SPEC_SCHEMA_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, specSchemaFileText());
  return file;
}

if (require.main === module) {
  process.stdout.write(`wrote ${writeSpecSchemaFile()}\n`);
}
