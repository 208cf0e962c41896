"use client";

/** Last-resort boundary for the dashboard: something unexpected failed while rendering. */
export default function DashboardError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div
      role="alert"
      className="mx-auto max-w-lg rounded-xl border border-line bg-surface p-6 text-sm"
    >
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-2 text-muted">This page could not be displayed. Try again in a moment.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-accent px-4 py-2 font-semibold text-accent-fg hover:bg-accent-hover"
      >
        Try again
      </button>
    </div>
  );
}
