"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

/** Ends the session and returns to the sign-in page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" });
      }}
      className="shrink-0 rounded-md border border-line-strong px-3 py-1.5 text-sm font-medium text-fg hover:bg-surface-2 disabled:opacity-60"
    >
      Sign out
    </button>
  );
}
