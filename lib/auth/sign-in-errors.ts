/**
 * The sign-in refusal codes `authorize` throws and the sign-in page turns into words (client
 * and server). next-auth v4 puts a thrown message into `?error=` (or `signIn()`'s `error`), so
 * the code is short, stable and parseable: `TooManyAttempts:<account|client>:<seconds>`.
 */

export type LimitScopeCode = "account" | "client";

const TOO_MANY = /^TooManyAttempts:(account|client):(\d{1,7})$/;

/** The code for a sign-in refused by a limit; `retryAfterSeconds` is rounded up to ≥ 1. */
export function tooManyAttemptsCode(scope: LimitScopeCode, retryAfterSeconds: number): string {
  return `TooManyAttempts:${scope}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** "14 minutes", "1 minute", "30 seconds": the wait, rounded up to whole minutes from 60 s. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** The sentence for a `TooManyAttempts` code, or null when `error` is something else. */
export function describeTooManyAttempts(error: string): string | null {
  const match = TOO_MANY.exec(error);
  if (!match) return null;
  const wait = describeWait(Number(match[2]));
  return match[1] === "account"
    ? `Too many failed sign-ins for this account. Try again in ${wait}.`
    : `Too many failed sign-ins from your network. Try again in ${wait}.`;
}
