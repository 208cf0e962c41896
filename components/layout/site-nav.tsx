"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { carriedFilterQuery } from "@/lib/filters";

export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/chats", label: "Chats" },
  { href: "/satisfaction", label: "Satisfaction" },
  { href: "/response-times", label: "Response times" },
  { href: "/agents", label: "Agents" },
  { href: "/tickets", label: "Tickets" },
  { href: "/definitions", label: "Definitions" },
  { href: "/shared-links", label: "Shared links" },
  { href: "/screens", label: "Screens" },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The report pages. Each link carries the current filters (source, team, agent, dates,
 * granularity), so switching page keeps the view; other URL keys (archive page, hour) stay
 * behind.
 */
export function SiteNav() {
  const pathname = usePathname();
  const query = carriedFilterQuery(new URLSearchParams(useSearchParams().toString()));
  return (
    <nav aria-label="Reports" className="min-w-0 overflow-x-auto">
      <ul className="flex items-center gap-1 text-sm whitespace-nowrap">
        {NAV_ITEMS.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={query ? `${item.href}?${query}` : item.href}
                // No prefetch: every report page is dynamic and starts its upstream queries on
                // the server, so prefetching all of them competed with the page being loaded
                // (server and browser alike) and asked the vendors for reports nobody opened.
                prefetch={false}
                aria-current={current ? "page" : undefined}
                className={`inline-flex h-8 items-center rounded-md px-2.5 font-medium ${
                  current
                    ? "bg-accent-soft text-accent"
                    : "text-muted hover:bg-surface-2 hover:text-fg"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
