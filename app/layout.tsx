import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import { getSession } from "./session";
import "./globals.css";

export const metadata: Metadata = {
  title: "Chatlens",
  description: "Self-hosted support analytics for LiveChat and Rocket.Chat",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f5f6f8" },
    { media: "(prefers-color-scheme: dark)", color: "#0d1015" },
  ],
};

/**
 * React 19.2 throttles the reveal of streamed Suspense boundaries: after one batch is shown
 * (it stamps `window.$RT`), the next waits until 300 ms have passed. A dashboard's widgets
 * finish a few milliseconds apart, so all but the first batch would sit finished but hidden
 * for up to 300 ms. Keeping `$RT` unset makes React reveal each batch on the next animation
 * frame instead (its path before the first reveal). Without this script (or with a React that
 * no longer uses `$RT`) the page only reveals later; nothing breaks.
 */
const REVEAL_UNTHROTTLED = `Object.defineProperty(window,"$RT",{configurable:true,get:function(){},set:function(){}});`;

/**
 * Zod 4 probes for `eval` (`new Function("")`, caught) before its first object parse; under our
 * CSP (no `'unsafe-eval'`) the probe is refused and reported as a violation on every page.
 * `jitless` skips the probe (Zod then parses without compiled fast paths, which it would do
 * anyway once the probe failed). Zod keeps its settings on `globalThis.__zod_globalConfig` and
 * keeps an object that is already there, so setting it before any bundle runs covers every
 * copy of Zod. Should Zod rename it, e2e/security-headers.spec.ts sees the violation again.
 */
const ZOD_JITLESS = `globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});`;

/** Root layout: document shell, global styles and client providers. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  // The per-request CSP nonce from proxy.ts: without it the policy blocks the inline script.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <head>
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: REVEAL_UNTHROTTLED + ZOD_JITLESS }}
        />
      </head>
      <body className="min-h-dvh bg-bg font-sans text-fg antialiased">
        <Providers session={session}>{children}</Providers>
      </body>
    </html>
  );
}
