import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProfileFields } from "../../../src/features/translation/profile-fields.tsx";
import { ProfileView } from "../../../src/features/translation/profile-view.tsx";
import { defaultMappingProfile, parseMappingProfile } from "../../../src/translate/profile/mapping-profile.ts";

/** The mapping profile's label preset is chosen and shown on the Translation page. */
describe("label preset in the profile editor and view", () => {
  it("offers both presets, parity selected by default, and the labelTags field only for mtv", () => {
    const parity = renderToStaticMarkup(createElement(ProfileFields, { profile: defaultMappingProfile(), edit: () => {} }));
    expect(parity).toContain('<option value="parity" selected="">');
    expect(parity).toContain('<option value="mtv">');
    expect(parity).not.toContain('id="mtv-label-tags"');
    const mtv = renderToStaticMarkup(
      createElement(ProfileFields, {
        profile: parseMappingProfile({ taxonomy: { preset: "mtv", mtvLabelTags: ["owner", "env"] } }),
        edit: () => {},
      }),
    );
    expect(mtv).toContain('id="mtv-label-tags"');
    expect(mtv).toContain('value="owner, env"');
  });

  it("the profile view names the MTV preset and its labelTags", () => {
    const html = renderToStaticMarkup(
      createElement(ProfileView, { profile: parseMappingProfile({ taxonomy: { preset: "mtv", mtvLabelTags: ["owner"] } }) }),
    );
    expect(html).toContain("MTV tag labels for vCenter tags (labelTags: owner)");
    expect(renderToStaticMarkup(createElement(ProfileView, { profile: defaultMappingProfile() }))).not.toContain("MTV");
  });
});
