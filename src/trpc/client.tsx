"use client";
/**
 * The browser's tRPC client (@trpc/tanstack-react-query). Mutations carry the session's CSRF token in a
 * header; the token comes from the server-rendered shell and is refreshed on sign-in.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}
/** The session's CSRF token, for requests made outside the tRPC client (e.g. an XHR upload with progress). */
export function getCsrfToken(): string | undefined {
  return csrfToken;
}

function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: false } } });
}

export function TrpcReactProvider({ children, initialCsrfToken }: { children: ReactNode; initialCsrfToken?: string }) {
  const [queryClient] = useState(() => {
    if (initialCsrfToken) setCsrfToken(initialCsrfToken);
    return makeQueryClient();
  });
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // Uploads (FormData) cannot be batched or JSON-encoded; the server refuses authentication calls in a batch.
          condition: (op) => isNonJsonSerializable(op.input) || op.path.startsWith("auth."),
          true: httpLink({ url: "/api/trpc", transformer: superjson, headers: () => (csrfToken ? { "x-parity-csrf": csrfToken } : {}) }),
          false: httpBatchLink({
            url: "/api/trpc",
            // The server's MAX_BATCH_SIZE (src/server/http/trpc-handler.ts).
            maxItems: 16,
            transformer: superjson,
            headers: () => (csrfToken ? { "x-parity-csrf": csrfToken } : {}),
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
