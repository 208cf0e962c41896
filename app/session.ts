import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth";

/**
 * The current next-auth session, decoded once per request even when a layout and its page
 * both ask for it.
 */
export const getSession = cache(() => getServerSession(authOptions));
