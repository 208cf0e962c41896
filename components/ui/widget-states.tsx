"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { useReadOnly } from "@/components/layout/read-only";
import { ApiError } from "@/lib/queries/metrics";

/** A neutral placeholder block; pulses only when the user allows motion. */
export function Skeleton({ className = "" }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={`rounded-md bg-surface-2 motion-safe:animate-pulse ${className}`}
    />
  );
}

/** Quiet text for empty and not-available states. */
export function WidgetMessage({ children }: { children: ReactNode }) {
  return <p className="text-sm text-muted">{children}</p>;
}

/** The text to show for a failed query: our API's own message when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return `Could not load data: ${error.message}`;
  return "Could not load data.";
}

/**
 * A widget's error state: the message, a Retry button, and a way back to sign-in when the
 * session has expired (401; not on a read-only share page, which has no session). Announced to screen readers via `role="alert"`.
 */
export function WidgetError({
  error,
  onRetry,
  retrying,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const readOnly = useReadOnly();
  const signedOut = !readOnly && error instanceof ApiError && error.status === 401;
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-2 rounded-lg bg-danger-soft p-3 text-sm"
    >
      <p className="text-negative">{errorMessage(error)}</p>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={onRetry}
          disabled={retrying}
          className="rounded-md border border-line-strong bg-surface px-3 py-1 text-sm font-medium text-fg hover:bg-surface-2 disabled:cursor-wait disabled:opacity-60"
        >
          {retrying ? "Retrying…" : "Retry"}
        </button>
        {signedOut && <SignInAgainLink />}
      </div>
    </div>
  );
}

function SignInAgainLink() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const callbackUrl = search ? `${pathname}?${search}` : pathname;
  return (
    <Link
      href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
      className="text-sm font-medium text-accent underline-offset-2 hover:underline"
    >
      Sign in again
    </Link>
  );
}
