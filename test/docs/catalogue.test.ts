/**
 * The catalogue of AWS behaviours lives in the repository (docs/aws-behaviors.md).
 * Every `AWS-n` written in any tracked file — code, tests, docs, examples, scripts,
 * the JSON schema — must resolve to an entry there, and every entry must name the
 * public source it rests on. An entry is a level-3 heading that starts with its id
 * (`### AWS-12: …`), up to the next heading; its source is the `- **Source:**` line.
 */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const CATALOGUE = "docs/aws-behaviors.md";
const CITATION = /\bAWS-(\d+)\b/g;
const ENTRY_HEADING = /^###\s+(AWS-\d+)\b/;
const SOURCE_LINE = /^- \*\*Source:\*\*\s*\S/;

/** Id → where it is cited (`file:line`), over every tracked text file. */
function citations(): Map<string, string[]> {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter((f) => f !== "");
  const found = new Map<string, string[]>();
  for (const file of files) {
    const abs = path.join(ROOT, file);
    if (!existsSync(abs) || !lstatSync(abs).isFile()) continue; // deleted in the work tree, a symlink, a submodule
    const bytes = readFileSync(abs);
    if (bytes.includes(0)) continue; // binary
    bytes
      .toString("utf8")
      .split("\n")
      .forEach((line, i) => {
        for (const m of line.matchAll(CITATION)) {
          const id = `AWS-${Number(m[1])}`;
          const at = found.get(id) ?? [];
          at.push(`${file}:${i + 1}`);
          found.set(id, at);
        }
      });
  }
  return found;
}

/** The catalogue's entries: id → the lines of its section (heading excluded). */
function entries(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const duplicates: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    const m = ENTRY_HEADING.exec(line);
    if (m) {
      if (out.has(m[1])) duplicates.push(m[1]);
      current = [];
      out.set(m[1], current);
    } else if (/^#{1,6}\s/.test(line)) {
      current = undefined; // another heading ends the entry
    } else {
      current?.push(line);
    }
  }
  if (duplicates.length > 0) throw new Error(`${CATALOGUE}: ids with more than one entry: ${duplicates.join(", ")}`);
  return out;
}

/** Cited ids that have no entry, each with (up to three of) the places that cite it. */
function unresolved(cited: Map<string, string[]>, catalogue: Map<string, string[]>): string[] {
  return [...cited.keys()]
    .filter((id) => !catalogue.has(id))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
    .map((id) => {
      const at = cited.get(id)!;
      return `${id} (${at.slice(0, 3).join(", ")}${at.length > 3 ? `, … ${at.length} in all` : ""})`;
    });
}

function readCatalogue(): string {
  const abs = path.join(ROOT, CATALOGUE);
  return existsSync(abs) ? readFileSync(abs, "utf8") : "";
}

describe("the AWS behaviour catalogue (docs/aws-behaviors.md)", () => {
  const cited = citations();

  it("the scan finds citations, and the check flags them against an empty catalogue", () => {
    expect(cited.size).toBeGreaterThan(0);
    expect(unresolved(cited, entries(""))).toHaveLength(cited.size);
  });

  it("every AWS-n cited in a tracked file has an entry", () => {
    const missing = unresolved(cited, entries(readCatalogue()));
    expect(missing, `${missing.length} id(s) cited but not in ${CATALOGUE}:\n  ${missing.join("\n  ")}\n`).toEqual([]);
  });

  it("every entry names its source", () => {
    const catalogue = entries(readCatalogue());
    expect(catalogue.size, `${CATALOGUE} has no entries`).toBeGreaterThan(0);
    const sourceless = [...catalogue].filter(([, lines]) => !lines.some((l) => SOURCE_LINE.test(l))).map(([id]) => id);
    expect(sourceless, `entries without a "- **Source:**" line: ${sourceless.join(", ")}`).toEqual([]);
  });
});
