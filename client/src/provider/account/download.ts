// Downloads on the account page: the file name a server suggests, and refused downloads as API errors.
// Saving the file itself is save-file.ts.

import { API_ERROR_CODES } from "../../../../schema/errors.ts";
import { ApiError, retryAfterSeconds } from "../../shared/api.ts";

/** The file name a Content-Disposition header suggests, without any path, or `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)?.[1];
  let name = plain;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      // A malformed encoding: the plain name (or the fallback) will do.
    }
  }
  const base = name?.trim().split(/[\\/]/).pop();
  return base && base !== "." && base !== ".." ? base : fallback;
}

/** A refused raw fetch (the export is not read through api.ts's JSON requests) as the ApiError other calls throw. */
export async function refusal(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const message = typeof body === "object" && body && "error" in body ? String(body.error) : `HTTP ${response.status}`;
  const code = typeof body === "object" && body && "code" in body ? body.code : undefined;
  return new ApiError(
    response.status,
    message,
    body,
    API_ERROR_CODES.find((known) => known === code),
    retryAfterSeconds(response.headers.get("Retry-After")),
  );
}
