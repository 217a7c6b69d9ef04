"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/client.tsx";
import { Badge, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";
import { ROLE_LABELS, ROLES, type TRole } from "../../auth/permissions.ts";
import { AddPersonForm } from "./add-person-form.tsx";

export function UsersAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.queryOptions());
  const estates = useQuery(trpc.estates.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.queryKey() });
  const setRole = useMutation(trpc.admin.setRole.mutationOptions({ onSuccess: invalidate }));
  const setMembership = useMutation(trpc.admin.setMembership.mutationOptions({ onSuccess: invalidate }));
  const setDisabled = useMutation(trpc.admin.setDisabled.mutationOptions({ onSuccess: invalidate }));
  const resetTwoFactor = useMutation(trpc.admin.resetTwoFactor.mutationOptions({ onSuccess: invalidate }));
  return (
    <>
      <PageHeader title="Users & access" subtitle="Roles decide what a person may change; estate membership decides what they may see." />
      <div className="card" style={{ marginBottom: 16 }}>
        <h2>People</h2>
        {users.isPending ? <LoadingBlock /> : null}
        {users.error ? <ErrorAlert error={users.error} /> : null}
        {setRole.error ? <ErrorAlert error={setRole.error} /> : null}
        {setDisabled.error ? <ErrorAlert error={setDisabled.error} /> : null}
        {users.data ? (
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th>E-mail</th>
                <th>Role</th>
                <th>Account</th>
                {estates.data?.map((estate) => (
                  <th key={estate.id}>{estate.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <td>
                    {user.name} {user.mustChangePassword ? <Badge tone="warn">one-time password</Badge> : null}
                  </td>
                  <td className="mono">{user.email}</td>
                  <td>
                    <label className="sr-only" htmlFor={`role-${user.id}`}>
                      Role of {user.name}
                    </label>
                    <select
                      id={`role-${user.id}`}
                      value={user.role}
                      onChange={(e) => setRole.mutate({ userId: user.id, role: e.target.value as TRole })}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {/* Disabling ends the person's sessions at once; their data and history stay. */}
                    <button
                      className="btn secondary"
                      style={{ padding: "3px 10px" }}
                      disabled={setDisabled.isPending}
                      onClick={() => setDisabled.mutate({ userId: user.id, disabled: !user.disabled })}
                      aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.name}`}
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </button>{" "}
                    {user.disabled ? <span className="hint">disabled</span> : null}
                    {user.totpEnabledAt ? (
                      <button
                        className="btn secondary"
                        style={{ padding: "3px 10px", marginLeft: 4 }}
                        disabled={resetTwoFactor.isPending}
                        onClick={() => resetTwoFactor.mutate({ userId: user.id })}
                        aria-label={`Reset the second factor of ${user.name}`}
                        title="For a lost authenticator: the person sets up a new one at the next sign-in"
                      >
                        Reset 2FA
                      </button>
                    ) : null}
                  </td>
                  {estates.data?.map((estate) => {
                    const member = user.memberships.some((m) => m.estateId === estate.id);
                    return (
                      <td key={estate.id}>
                        <input
                          type="checkbox"
                          aria-label={`${user.name} is a member of ${estate.name}`}
                          checked={member}
                          onChange={() => setMembership.mutate({ userId: user.id, estateId: estate.id, member: !member })}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      <section className="card" style={{ maxWidth: 900 }} aria-labelledby="add-person-heading">
        <h2 id="add-person-heading">Add a person</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          Parity generates a one-time password for the new account; the person chooses their own at first sign-in. Estate membership is set
          above or on the estate&apos;s page under Manage estates.
        </p>
        <AddPersonForm idPrefix="new-person" onAdded={() => void invalidate()} />
      </section>
    </>
  );
}
