/**
 * Request helpers of the share-link routes (colocated, not a route): who owns the links, and
 * a bounded JSON / form body reader.
 */
import "server-only";
import type { NextRequest } from "next/server";
import type { Session } from "next-auth";
import { ApiHttpError } from "@/lib/api/errors";

/** Request bodies are small objects; anything larger is refused unread. */
const MAX_BODY_BYTES = 16 * 1024;

/** The owner of the links: the session's stable user id (401 when the session has none). */
export function creatorOf(session: Session): { id: string; name: string } {
  const id = session.userId;
  if (!id) throw new ApiHttpError(401, "unauthenticated", "Sign in again to manage share links.");
  return { id, name: session.user?.name ?? id };
}

async function readText(request: NextRequest): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  return text;
}

function tooLarge() {
  return new ApiHttpError(
    413,
    "body_too_large",
    `The body may be at most ${MAX_BODY_BYTES} bytes.`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiHttpError(400, "invalid_json", "The body is not valid JSON.");
  }
}

/**
 * Reads a JSON body. @throws ApiHttpError 415 (not `application/json`), 413 (over 16 KiB),
 * 400 (not JSON).
 */
export async function readJson(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiHttpError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  return parseJson(await readText(request));
}

/**
 * Reads a JSON body, or an `application/x-www-form-urlencoded` one as an object of its
 * fields (a repeated field is refused with 400). Errors as `readJson`.
 */
export async function readJsonOrForm(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    const form = new URLSearchParams(await readText(request));
    const fields: Record<string, string> = {};
    for (const key of new Set(form.keys())) {
      const values = form.getAll(key);
      if (values.length > 1) {
        throw new ApiHttpError(
          400,
          "invalid_parameter",
          `field "${key.slice(0, 40)}" is given ${values.length} times`,
        );
      }
      fields[key] = values[0]!;
    }
    return fields;
  }
  return readJson(request);
}
