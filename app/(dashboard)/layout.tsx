import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { getSession } from "../session";

/**
 * Dashboard chrome (header with the signed-in user) around every signed-in page.
 *
 * Each page checks the session itself and redirects to `/signin?callbackUrl=<its URL>`. This
 * layout deliberately does not redirect: a layout and its page render in parallel, and a
 * layout cannot see the URL, so its bare `redirect("/signin")` would race the page's and
 * sometimes drop the callbackUrl (a copied link would land on `/` after sign-in). Without a
 * session it renders no chrome, just the page, whose redirect then always wins.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) return children;
  const userName = session.user?.name ?? session.user?.email ?? "Signed in";
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader userName={userName} />
      <main className="mx-auto w-full max-w-[96rem] flex-1 px-4 py-6 sm:px-6 sm:py-8 lg:px-8">
        {children}
      </main>
    </div>
  );
}
