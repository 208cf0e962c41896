"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { parseRetryAfter } from "@/lib/queries/metrics";

type Status =
  { kind: "idle" } | { kind: "checking" } | { kind: "error"; message: string } | { kind: "done" };

/** "Try again in 12 minutes" / "in 1 minute". */
function waitText(seconds: number | undefined): string {
  if (seconds === undefined) return "Too many attempts. Try again later.";
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/**
 * The password prompt of a protected share link. Posts to the link's unlock endpoint (which
 * sets an HttpOnly cookie) and reloads the page's server render on success.
 */
export function SharePasswordForm({ unlockUrl }: { unlockUrl: string }) {
  const router = useRouter();
  const id = useId();
  const [password, setPassword] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length === 0) return;
    setStatus({ kind: "checking" });
    try {
      const res = await fetch(unlockUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ password }),
        credentials: "same-origin",
        referrerPolicy: "no-referrer",
      });
      if (res.status === 204) {
        setStatus({ kind: "done" });
        router.refresh();
        return;
      }
      if (res.status === 401) {
        setStatus({ kind: "error", message: "Wrong password." });
      } else if (res.status === 429) {
        setStatus({
          kind: "error",
          message: waitText(parseRetryAfter(res.headers.get("retry-after"))),
        });
      } else if (res.status === 404 || res.status === 410) {
        // The link itself went away meanwhile: the page says why.
        router.refresh();
        setStatus({ kind: "idle" });
      } else {
        setStatus({ kind: "error", message: `Could not check the password (${res.status}).` });
      }
    } catch {
      setStatus({ kind: "error", message: "Could not reach Chatlens. Check your connection." });
    }
  }

  const busy = status.kind === "checking" || status.kind === "done";
  return (
    <section
      className="mx-auto mt-8 flex max-w-md flex-col gap-4 rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-8"
      aria-labelledby={`${id}-title`}
      data-testid="share-password"
    >
      <div className="flex flex-col gap-1">
        <h1 id={`${id}-title`} className="text-2xl font-semibold tracking-tight">
          This report is protected
        </h1>
        <p className="text-sm text-muted">Enter the password you were given with the link.</p>
      </div>
      <form className="flex flex-col gap-3" onSubmit={(e) => void submit(e)} noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-password`} className="text-sm font-medium">
            Password
          </label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="off"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={status.kind === "error"}
            aria-describedby={status.kind === "error" ? `${id}-error` : undefined}
            className="h-10 rounded-md border border-line-strong bg-surface px-3 text-sm text-fg"
          />
        </div>
        {status.kind === "error" && (
          <p id={`${id}-error`} role="alert" className="text-sm text-negative">
            {status.message}
          </p>
        )}
        <button
          type="submit"
          disabled={busy || password.length === 0}
          className="h-10 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:bg-accent-hover disabled:cursor-not-allowed disabled:opacity-60"
        >
          {busy ? "Checking…" : "Open report"}
        </button>
      </form>
    </section>
  );
}
