"use client";

import { createContext, useContext, type ReactNode } from "react";

const ReadOnly = createContext(false);

/**
 * Marks the widgets below as a read-only copy (a share page): no drill-down into the chat
 * archive, no links into the app (definitions, sign-in), no filter controls.
 */
export function ReadOnlyProvider({ children }: { children: ReactNode }) {
  return <ReadOnly value={true}>{children}</ReadOnly>;
}

/** True inside a `ReadOnlyProvider` (a share page). */
export function useReadOnly(): boolean {
  return useContext(ReadOnly);
}
