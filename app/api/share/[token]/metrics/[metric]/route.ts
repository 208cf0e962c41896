// GET /api/share/{token}/metrics/{metric} – one metric of a share link's page, no session.
// Same parameters as /api/metrics/{metric} (400 for unknown or repeated ones), but only the
// link's own source, team, agent, days, granularity and comparison (403 not_allowed_by_link
// otherwise; nothing is sent upstream). 404 not a valid link, 410 expired or revoked, 401 the
// link's password was not entered. See lib/share/serve.ts.
import { shareEndpoint } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

export const GET = shareEndpoint<{ token: string; metric: string }>(({ metric }) => ({
  kind: "metric",
  metric,
}));
