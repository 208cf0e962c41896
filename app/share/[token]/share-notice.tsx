import type { ReactNode } from "react";

/** A full-page message of a share link that cannot show its report (no data on it). */
export function ShareNotice({
  title,
  children,
  reason,
}: {
  title: string;
  children: ReactNode;
  /** `data-reason` for tests: invalid, expired, revoked, unavailable. */
  reason: string;
}) {
  return (
    <section
      className="mx-auto mt-8 flex max-w-xl flex-col gap-3 rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-8"
      data-testid="share-notice"
      data-reason={reason}
      aria-labelledby="share-notice-title"
    >
      <h1 id="share-notice-title" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <div className="flex flex-col gap-2 text-sm text-muted">{children}</div>
    </section>
  );
}
