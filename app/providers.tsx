"use client";

import { environmentManager, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { retryDelay, shouldRetry } from "@/lib/queries/retry";

function makeQueryClient(server: boolean): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Answers prefetched by the server (or just fetched) count as fresh for 30 s, so a
        // widget that mounts with hydrated data never asks for it again on first load.
        staleTime: 30_000,
        // Back on the tab after that, live ranges ("today", "last 7 days") refresh; the
        // server caches upstream answers, so this costs the vendors nothing extra.
        refetchOnWindowFocus: true,
        // Retries live in one layer, the server's; the browser adds at most one more try, for
        // 5xx and network failures only (see lib/queries/retry.ts). A server render never
        // fetches: it only renders what the prefetch hands over.
        retry: server ? false : shouldRetry,
        retryDelay,
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** One QueryClient per browser tab; a fresh one per server render so users never share a cache. */
function getQueryClient(): QueryClient {
  if (environmentManager.isServer()) return makeQueryClient(true);
  browserQueryClient ??= makeQueryClient(false);
  return browserQueryClient;
}

/**
 * Client-side context for the whole app: data cache, URL state and the next-auth session.
 *
 * `session` comes from the server render. Without it the provider asked `/api/auth/session`
 * right after hydration and replaced its context value when the answer came — and a context
 * change above a Suspense boundary that is still streaming makes React give up that boundary's
 * server HTML and render it in the browser, so every widget of a report page waited for its
 * data to reach the browser's cache instead of appearing with the streamed HTML. The session is
 * still checked (and its cookie rolled) every 5 minutes and whenever the tab comes back.
 */
export function Providers({ session, children }: { session: Session | null; children: ReactNode }) {
  // Not useState: if React suspends during the first render and throws the state away, a
  // module-level singleton still hands back the same client (TanStack's recommended pattern).
  const queryClient = getQueryClient();
  return (
    <SessionProvider session={session} refetchInterval={5 * 60}>
      <QueryClientProvider client={queryClient}>
        <NuqsAdapter>{children}</NuqsAdapter>
      </QueryClientProvider>
    </SessionProvider>
  );
}
