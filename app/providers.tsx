"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/queries/metrics";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          // A 4xx is our API's considered answer (bad parameters, signed out, metric not
          // supported): asking again gives the same answer and only delays the error message.
          // Network failures and 5xx (an upstream hiccup) may pass, so they get one more try.
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 1;
        },
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** One QueryClient per browser tab; a fresh one per server render so users never share a cache. */
function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/** Client-side context for the whole app: data cache, URL state and the next-auth session. */
export function Providers({ children }: { children: ReactNode }) {
  // Not useState: if React suspends during the first render and throws the state away, a
  // module-level singleton still hands back the same client (TanStack's recommended pattern).
  const queryClient = getQueryClient();
  return (
    <SessionProvider>
      <QueryClientProvider client={queryClient}>
        <NuqsAdapter>{children}</NuqsAdapter>
      </QueryClientProvider>
    </SessionProvider>
  );
}
