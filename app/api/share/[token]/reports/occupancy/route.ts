// GET /api/share/{token}/reports/occupancy – the occupancy heat map of a share link's Chats
// page, within the link only (see lib/share/serve.ts).
import { shareEndpoint } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

export const GET = shareEndpoint(() => ({ kind: "occupancy" }));
