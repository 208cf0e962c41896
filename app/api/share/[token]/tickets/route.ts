// GET /api/share/{token}/tickets – the ticket list of a share link's Tickets page, within the
// link only (status and page are free: they page through or narrow it; see
// lib/share/serve.ts); assignees pseudonymous when the link hides names.
import { shareEndpoint } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

export const GET = shareEndpoint(() => ({ kind: "tickets" }));
