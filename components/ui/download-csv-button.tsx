"use client";

/** Hands a CSV document to the browser as a file download. */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob([csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * "Download CSV" for a chart or table. The document is built on click from the rows on screen
 * (`build`), so it always matches what is shown. Disabled while there is nothing to export.
 */
export function DownloadCsvButton({
  build,
  label = "Download CSV",
  subject,
}: {
  build: (() => { filename: string; csv: string }) | null;
  label?: string;
  /** What is exported, for screen readers ("Download CSV of First response time"). */
  subject: string;
}) {
  return (
    <button
      type="button"
      disabled={build === null}
      aria-label={`${label} of ${subject}`}
      onClick={() => {
        if (!build) return;
        const { filename, csv } = build();
        downloadCsv(filename, csv);
      }}
      className="inline-flex h-7 items-center gap-1 rounded-md border border-line-strong bg-surface px-2 text-xs font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-50"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5">
        <path
          d="M8 2.5v8m0 0-3-3m3 3 3-3M3 12.5h10"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {label}
    </button>
  );
}
