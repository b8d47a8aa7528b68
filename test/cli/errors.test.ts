/** How validation problems are listed by the command line: every one, one per line, capped. */
import { describe, expect, it } from "vitest";
import { MAX_PROBLEMS_LISTED, problemsMessage } from "../../src/cli/errors";

describe("problemsMessage", () => {
  it("lists every problem with its property and rule", () => {
    expect(problemsMessage("invalid spec a.yaml", [{ property: "methods[0].httpMethod", reason: "bad" }, { property: "", reason: "worse" }])).toBe(
      "invalid spec a.yaml: 2 problems\n  - methods[0].httpMethod: bad\n  - (file): worse",
    );
  });

  it(`lists at most ${MAX_PROBLEMS_LISTED}, then counts the others`, () => {
    const failures = Array.from({ length: MAX_PROBLEMS_LISTED + 5 }, (_, i) => ({ property: `p${i}`, reason: "r" }));
    const lines = problemsMessage("invalid spec", failures).split("\n");
    expect(lines[0]).toBe(`invalid spec: ${MAX_PROBLEMS_LISTED + 5} problems`);
    expect(lines).toHaveLength(MAX_PROBLEMS_LISTED + 2);
    expect(lines.at(-2)).toBe(`  - p${MAX_PROBLEMS_LISTED - 1}: r`);
    expect(lines.at(-1)).toBe("  (and 5 more problems)");
  });
});
