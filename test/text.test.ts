import { describe, expect, it } from "vitest";
import { escapeUnsafe } from "../src/text";

describe("escapeUnsafe", () => {
  it("shows control, bidi and zero-width characters as four-digit \\u escapes", () => {
    expect(escapeUnsafe("a\u0001b\u001b[31m\u202e\u200b\ufeff")).toBe("a\\u0001b\\u001b[31m\\u202e\\u200b\\ufeff");
  });

  it("escapes newline and tab by default, keeps them with layout: true, and leaves ordinary text alone", () => {
    expect(escapeUnsafe("a\nb\tc")).toBe("a\\u000ab\\u0009c");
    expect(escapeUnsafe("a\nb\tc\u0007", { layout: true })).toBe("a\nb\tc\\u0007");
    expect(escapeUnsafe("plain ü ✓ 😀", { layout: true })).toBe("plain ü ✓ 😀");
  });
});
