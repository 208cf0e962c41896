"use client";

import { queryOptions } from "@tanstack/react-query";
import { useId, useState } from "react";
import { getJson } from "@/lib/queries/metrics";
import { absoluteUrl, requestJson } from "@/lib/queries/request-json";
import type { ShareLinkView } from "@/lib/share/links";
import type { CreateShareLinkRequest } from "@/lib/share/scope";

export type { ShareLinkView };

/** A link as just created or renewed: the only moment its full URL is known. */
export interface IssuedLink {
  link: ShareLinkView;
  /** Absolute: this origin + `/share/<token>`. */
  url: string;
}

function absolute(issued: { link: ShareLinkView; url: string }): IssuedLink {
  return { link: issued.link, url: absoluteUrl(issued.url) };
}

/** `POST /api/share-links`. */
export async function createShareLinkRequest(input: CreateShareLinkRequest): Promise<IssuedLink> {
  return absolute(
    await requestJson<{ link: ShareLinkView; url: string }>("POST", "/api/share-links", input),
  );
}

/** `DELETE /api/share-links/{id}`: revokes at once. */
export async function revokeShareLinkRequest(id: string): Promise<void> {
  await requestJson<void>("DELETE", `/api/share-links/${encodeURIComponent(id)}`);
}

/** `PATCH /api/share-links/{id}`: a new expiry `days` from now and a new URL. */
export async function renewShareLinkRequest(id: string, days: number): Promise<IssuedLink> {
  return absolute(
    await requestJson<{ link: ShareLinkView; url: string }>(
      "PATCH",
      `/api/share-links/${encodeURIComponent(id)}`,
      { expiresInDays: days },
    ),
  );
}

/** The signed-in user's links (`GET /api/share-links`). */
export function shareLinksQueryOptions() {
  return queryOptions({
    queryKey: ["/api", "share-links"] as const,
    queryFn: ({ signal }) => getJson<{ links: ShareLinkView[] }>("/api/share-links", signal),
  });
}

/**
 * A read-only field with a URL and a Copy button (clipboard API, else the text is selected
 * for Ctrl+C). The result is announced politely.
 */
export function CopyField({ label, url }: { label: string; url: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-md border border-line-strong bg-surface-2 px-2.5 font-mono text-xs text-fg"
          data-testid="share-url"
        />
        <button
          type="button"
          className="inline-flex h-9 shrink-0 items-center rounded-md bg-accent px-3 text-sm font-medium text-accent-fg hover:bg-accent-hover"
          onClick={() => {
            const fallback = () => {
              setCopied("no");
              const input = document.getElementById(id);
              if (input instanceof HTMLInputElement) input.select();
            };
            // No clipboard API outside secure contexts (plain http on another host).
            if (typeof navigator.clipboard?.writeText !== "function") return fallback();
            navigator.clipboard.writeText(url).then(() => setCopied("yes"), fallback);
          }}
        >
          Copy
        </button>
      </div>
      <p aria-live="polite" className="min-h-4 text-xs text-muted">
        {copied === "yes" && "Copied to the clipboard."}
        {copied === "no" && "Could not copy: the link is selected, press Ctrl+C (⌘C)."}
      </p>
    </div>
  );
}
