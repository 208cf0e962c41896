// GET /api/share/{token}/reports/agents – the per-agent table of a share link's page (Agents),
// within the link only (see lib/share/serve.ts); agents pseudonymous when the link hides names.
import { shareEndpoint } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

export const GET = shareEndpoint(() => ({ kind: "agents" }));
