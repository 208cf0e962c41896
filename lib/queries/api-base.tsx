"use client";

import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_API_BASE } from "./metrics";

const ApiBase = createContext<string>(DEFAULT_API_BASE);

/**
 * Sets the API the widgets below fetch from: the signed-in API by default, a share link's
 * scoped endpoints (`shareApiBase(token)`) on a share page. The base is part of every query key.
 */
export function ApiBaseProvider({ base, children }: { base: string; children: ReactNode }) {
  return <ApiBase value={base}>{children}</ApiBase>;
}

/** The API base of the current page (`"/api"` unless an `ApiBaseProvider` says otherwise). */
export function useApiBase(): string {
  return useContext(ApiBase);
}
