import Link from "next/link";
import { Brand } from "./brand";
import { SignOutButton } from "./sign-out-button";

/** The dashboard's top bar: brand, who is signed in, and Sign out. Stays on screen on scroll. */
export function SiteHeader({ userName }: { userName: string }) {
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <div className="mx-auto flex h-14 w-full max-w-[96rem] items-center justify-between gap-4 px-4 sm:px-6 lg:px-8">
        <Link href="/" className="rounded-md" aria-label="Chatlens overview">
          <Brand />
        </Link>
        <div className="flex min-w-0 items-center gap-3">
          <p className="min-w-0 truncate text-sm text-muted" title={userName}>
            <span className="sr-only">Signed in as </span>
            <span data-testid="user-name">{userName}</span>
          </p>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
