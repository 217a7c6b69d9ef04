"use client";
/**
 * The versioned mapping profile: priority bands, the Namespace rule and the label taxonomy. Security
 * engineers edit it (save, or save and re-run the translation); everyone else reads it.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TMappingProfile } from "../../translate/profile/mapping-profile.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";

import { ProfileFields } from "./profile-fields.tsx";
import { ProfileView } from "./profile-view.tsx";

export function ProfileEditor({ estateId, canEdit, onSaved }: { estateId: string; canEdit: boolean; onSaved: (rerun: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.translations.profile.queryOptions({ estateId }));
  const [draft, setDraft] = useState<TMappingProfile | null>(null);
  const [rerun, setRerun] = useState(false);
  const save = useMutation(
    trpc.translations.saveProfile.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        void queryClient.invalidateQueries({ queryKey: trpc.translations.profile.queryKey({ estateId }) });
        onSaved(rerun);
      },
    }),
  );
  if (current.isPending) return <LoadingBlock label="Loading mapping profile" />;
  if (current.error) return <ErrorAlert error={current.error} />;
  const profile = draft ?? current.data.profile;
  const edit = (change: (p: TMappingProfile) => TMappingProfile) => setDraft(change(structuredClone(profile)));

  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="profile-heading" data-testid="mapping-profile">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="profile-heading" style={{ margin: 0 }}>
          Mapping profile v{current.data.version}
          {current.data.version === 0 ? " (defaults)" : ""}
        </h2>
        {draft ? <Badge tone="warn">unsaved changes</Badge> : null}
      </div>
      {canEdit ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ estateId, profile, baseVersion: current.data.version });
          }}
        >
          <ProfileFields profile={profile} edit={edit} />
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <div className="row">
            <button type="submit" className="btn" disabled={!draft || save.isPending} onClick={() => setRerun(true)}>
              Save as v{current.data.version + 1} and re-run
            </button>
            <button type="submit" className="btn secondary" disabled={!draft || save.isPending} onClick={() => setRerun(false)}>
              Save only
            </button>
            <button type="button" className="btn secondary" disabled={!draft} onClick={() => setDraft(null)}>
              Discard changes
            </button>
          </div>
        </form>
      ) : (
        <ProfileView profile={profile} />
      )}
    </section>
  );
}
