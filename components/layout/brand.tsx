/** The Chatlens mark and wordmark: a chat bubble seen through a lens. */
export function Brand({ size = "md" }: { size?: "md" | "lg" }) {
  const icon = size === "lg" ? "size-9" : "size-7";
  const text = size === "lg" ? "text-2xl" : "text-lg";
  return (
    <span className="inline-flex items-center gap-2">
      <svg viewBox="0 0 32 32" aria-hidden="true" className={`${icon} shrink-0`}>
        <rect width="32" height="32" rx="8" fill="var(--accent)" />
        <path
          d="M9 10.5A2.5 2.5 0 0 1 11.5 8h9A2.5 2.5 0 0 1 23 10.5v6a2.5 2.5 0 0 1-2.5 2.5H15l-4 3.5V19h.5"
          fill="none"
          stroke="var(--accent-foreground)"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="16" cy="13.5" r="2.25" fill="var(--accent-foreground)" />
      </svg>
      <span className={`${text} font-semibold tracking-tight text-fg`}>Chatlens</span>
    </span>
  );
}
