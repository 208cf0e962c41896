import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Brand } from "@/components/layout/brand";

/**
 * Share pages are for the people a link was given to: never indexed, and the token in the
 * URL is never sent on as a Referer (also set as a header in next.config.js).
 */
export const metadata: Metadata = {
  title: "Shared report · Chatlens",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

/**
 * The frame of a share link's page: the brand and a "read-only" note, no navigation, no
 * account — nothing on it leads into the app.
 */
export default function ShareLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex w-full max-w-[96rem] items-center justify-between gap-4 px-4 py-2 sm:px-6 lg:px-8">
          <Brand />
          <p className="text-sm text-muted">Shared report · read-only</p>
        </div>
      </header>
      <main className="mx-auto w-full max-w-[96rem] flex-1 px-4 py-6 sm:px-6 sm:py-8 lg:px-8">
        {children}
      </main>
    </div>
  );
}
