// GET /api/share/{token}/chats/{id} – never shared: share links show no transcripts.
// 403 not_allowed_by_link for a valid link (404/410 otherwise).
import { shareEndpoint } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

export const GET = shareEndpoint<{ token: string; id: string }>(() => ({ kind: "transcript" }));
