import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { YamlView } from "../../../src/features/translation/yaml-view.tsx";

describe("YAML preview", () => {
  it("marks keys, strings, numbers, booleans and comments, and keeps the text exact", () => {
    const text =
      '# generated\napiVersion: policy.networking.k8s.io/v1alpha1\nspec:\n  priority: 12\n  - name: "allow <web>"\n    enabled: true';
    const html = renderToStaticMarkup(createElement(YamlView, { text, label: "x" }));
    expect(html).toContain('<span class="y-com"># generated</span>');
    expect(html).toContain('<span class="y-key">apiVersion:</span>');
    expect(html).toContain('<span class="y-num"> 12</span>');
    expect(html).toContain('<span class="y-bool"> true</span>');
    // Text is escaped, never injected as HTML.
    expect(html).toContain("&lt;web&gt;");
    const plain = html
      .replace(/<[^>]+>/g, "")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
    expect(plain).toBe(`${text}\n`);
  });
});
