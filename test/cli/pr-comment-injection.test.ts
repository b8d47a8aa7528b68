/**
 * Values of a preview that a pull request's author controls (resource names, templates,
 * header values) cannot inject markdown or HTML into the bot's comment, nor ping anyone.
 * The comment is rendered by markdown-it (CommonMark with HTML on, as GitHub accepts it)
 * as an independent oracle.
 */
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { previewToPlan, renderPrComment, RESOURCE_TYPES } from "../../src/cli/pr-comment";
import { markdownCode } from "../../src/render";

const md = new MarkdownIt({ html: true, linkify: true });
const HOSTILE_NAME = "x` </details><img src=x onerror=alert(1)> <!-- @octocat #12 [link](https://evil.example) ``\n\u202eevil";
const HOSTILE_TEMPLATE = "</details><img src=y> @octocat fixes #12 <!-- hidden";

function preview() {
  const inputs = {
    restApiId: "api1",
    resourceId: "res1",
    httpMethod: "GET",
    responses: { "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": HOSTILE_TEMPLATE } } } },
  };
  return {
    steps: [
      { op: "create", urn: `urn:pulumi:test::p::${RESOURCE_TYPES.ResponseSet}::${HOSTILE_NAME}`, newState: { type: RESOURCE_TYPES.ResponseSet, inputs } },
      // A set whose responses are secret: its name goes into a note.
      { op: "create", urn: `urn:pulumi:test::p::${RESOURCE_TYPES.ResponseSet}::${HOSTILE_NAME}2`, newState: { type: RESOURCE_TYPES.ResponseSet, inputs: { ...inputs, responses: "[secret]" } } },
    ],
  };
}

describe("pr-comment against injection", () => {
  // Rendered by each test, not when the file is collected: a mutation run then knows which test covers what.
  const rendered = (): { comment: string; html: string } => {
    const comment = renderPrComment(previewToPlan(preview())).text;
    return { comment, html: md.render(comment) };
  };

  it("renders no HTML element, comment or link from the values", () => {
    const { html } = rendered();
    expect(html).not.toMatch(/<img|<\/details>|<!--|<a /);
    // The hostile names (two resources, one of them also in a note) each stay inside one code element.
    const codes = [...html.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => m[1]!);
    expect(codes.filter((c) => c.includes("&lt;/details&gt;&lt;img onerror")).length).toBe(0);
    expect(codes.filter((c) => c.includes("&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;")).length).toBe(3);
  });

  it("mentions and issue references ping no one: outside code they are broken by a zero-width space", () => {
    const { html } = rendered();
    const text = html.replace(/<code>[^<]*<\/code>/g, "");
    expect(text).not.toMatch(/@octocat|#12\b/);
    expect(text).toContain("@\u200boctocat");
    expect(text).toContain("#\u200b12");
  });

  it("no line of the comment is a forged heading or summary, and bidi controls are shown escaped", () => {
    const { comment } = rendered();
    expect(comment).not.toContain("\u202e");
    expect(comment).toContain("\\u202e");
    const tokens = md.parse(comment, {});
    const headings = tokens.filter((t) => t.type === "heading_open").length;
    expect(headings).toBe(2); // the title and the one method
  });

  it("a code span with backticks inside needs a longer fence", () => {
    for (const s of ["a`b", "``", "`x`", " lead", "trail ", "plain"]) {
      const rendered = md.renderInline(markdownCode(s));
      expect(rendered).toBe(`<code>${md.utils.escapeHtml(s)}</code>`);
    }
  });
});

describe("pr-comment within GitHub's comment limit", () => {
  const type = RESOURCE_TYPES.ResponseSet;
  const steps = Array.from({ length: 2000 }, (_, i) => ({
    op: "create",
    urn: `urn:pulumi:s::p::${type}::set-${i}`,
    newState: {
      type,
      inputs: {
        restApiId: "api1",
        resourceId: `res${i}`,
        httpMethod: "GET",
        responses: { "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": `{"i": ${i}}` } } } },
      },
    },
  }));

  it("2,000 ResponseSets: within 65,536 characters, the totals first, what is left out counted", () => {
    const plan = previewToPlan({ steps });
    const full = renderPrComment(plan, { maxLength: 0 });
    expect(full.text.length).toBeGreaterThan(10 * 65_536);
    const fitted = renderPrComment(plan);
    expect(fitted.text.length).toBeLessThanOrEqual(65_536);
    const lines = fitted.text.split("\n");
    expect(lines[0]).toBe("## Pulumi preview: API Gateway responses");
    expect(lines[2]).toBe("Plan: 4000 to create, 0 to update, 0 to replace, 0 to delete.");
    expect(fitted.omittedMethods).toBeGreaterThan(0);
    expect(fitted.omittedMethods).toBeLessThan(2000);
    expect(fitted.omittedOperations).toBe(fitted.omittedMethods * 2);
    expect(fitted.text).toContain(`**${fitted.omittedMethods} more method(s) with ${fitted.omittedOperations} change(s) are not shown**`);
    // Every shown method is folded, and whole (its table closes).
    const html = md.render(fitted.text);
    expect((html.match(/<details>/g) ?? []).length).toBe(2000 - fitted.omittedMethods);
    expect((html.match(/<\/details>/g) ?? []).length).toBe(2000 - fitted.omittedMethods);
    expect((html.match(/<table>/g) ?? []).length).toBe(2000 - fitted.omittedMethods);
  });

  it("a comment that fits is unchanged by the limit", () => {
    const small = previewToPlan({ steps: steps.slice(0, 3) });
    expect(renderPrComment(small).text).toBe(renderPrComment(small, { maxLength: 0 }).text);
  });
});

describe("pr-comment on malformed preview JSON", () => {
  const type = RESOURCE_TYPES.ResponseSet;
  it.each([
    [null, "step 0 of the preview JSON is not an object"],
    [5, "step 0 of the preview JSON is not an object"],
    [{ op: "create", urn: "u::x", newState: { type, inputs: 7 } }, "step 0 of the preview JSON has a malformed newState"],
    [{ op: "update", urn: "u::x", newState: { type, inputs: {} }, oldState: "x" }, "step 0 of the preview JSON has a malformed oldState"],
  ])("%j: a named error, not a TypeError", (step, message) => {
    let err: unknown;
    try {
      previewToPlan({ steps: [step] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe(message);
  });
});
