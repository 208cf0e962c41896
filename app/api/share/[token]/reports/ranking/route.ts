// GET /api/share/{token}/reports/ranking – the agent ranking of a share link's page
// (Satisfaction, Agents: chats; Tickets: tickets), within the link only (see
// lib/share/serve.ts); agents pseudonymous when the link hides names.
import { shareEndpoint } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

export const GET = shareEndpoint(() => ({ kind: "ranking" }));
