"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { TrpcReactProvider, useTRPC } from "../../trpc/client.tsx";
import { canAdminister, CurrentUserContext, ROLE_LABELS, type TCurrentUser } from "./current-user.tsx";

function SignOutButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSettled: () => router.replace("/login") }));
  return (
    <button className="btn secondary" style={{ marginTop: 8, padding: "3px 10px" }} onClick={() => signOut.mutate()}>
      Sign out
    </button>
  );
}

function NavLink({ href, exact = false, children }: { href: string; exact?: boolean; children: ReactNode }) {
  const pathname = usePathname();
  const active = href === "/" || exact ? pathname === href : pathname.startsWith(href);
  return (
    <Link href={href} aria-current={active ? "page" : undefined}>
      {children}
    </Link>
  );
}

export function AppShell({ user, csrfToken, children }: { user: TCurrentUser; csrfToken: string; children: ReactNode }) {
  return (
    <TrpcReactProvider initialCsrfToken={csrfToken}>
      <CurrentUserContext.Provider value={user}>
        <div className="shell">
          <aside className="sidebar">
            <Link className="brand" href="/">
              Parity<small>NSX → OpenShift, proven</small>
            </Link>
            <nav aria-label="Main">
              <NavLink href="/">Estates</NavLink>
              {canAdminister(user) ? (
                <>
                  <NavLink href="/admin/estates">Manage estates</NavLink>
                  <NavLink href="/admin" exact>
                    Users &amp; access
                  </NavLink>
                </>
              ) : null}
              <NavLink href="/account">Account &amp; sessions</NavLink>
            </nav>
            <div className="me" data-testid="current-user">
              <div>{user.name}</div>
              <div>{user.email}</div>
              <div>
                Role: <strong>{ROLE_LABELS[user.role]}</strong>
              </div>
              <div className="row" style={{ gap: 6 }}>
                <SignOutButton />
                <Link href="/change-password" style={{ marginTop: 8, fontSize: 12 }}>
                  Change password
                </Link>
              </div>
            </div>
          </aside>
          <main className="main" id="main">
            {children}
          </main>
        </div>
      </CurrentUserContext.Provider>
    </TrpcReactProvider>
  );
}
