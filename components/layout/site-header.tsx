import Link from "next/link";
import { Brand } from "./brand";
import { SignOutButton } from "./sign-out-button";
import { SiteNav } from "./site-nav";

/**
 * The dashboard's top bar: brand, the report pages, who is signed in, and Sign out. Stays on
 * screen on scroll; on narrow screens the navigation wraps to its own scrollable row.
 */
export function SiteHeader({ userName }: { userName: string }) {
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <div className="mx-auto flex w-full max-w-[96rem] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 sm:px-6 lg:flex-nowrap lg:px-8">
        <Link
          href="/"
          prefetch={false}
          className="shrink-0 rounded-md"
          aria-label="Chatlens overview"
        >
          <Brand />
        </Link>
        <div className="order-3 w-full min-w-0 lg:order-none lg:w-auto lg:flex-1">
          <SiteNav />
        </div>
        <div className="ml-auto flex min-w-0 items-center gap-3">
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
