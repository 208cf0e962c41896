"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * True while this component renders on the server or hydrates the server's HTML, false in
 * every later render (and in a render that starts in the browser). The server snapshot is
 * what React uses in both of the first cases, so a component can render exactly what the
 * server sent and switch to its browser-only form right after hydration.
 */
export function useHydrating(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => false,
    () => true,
  );
}
