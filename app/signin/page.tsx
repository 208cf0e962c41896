import { redirect } from "next/navigation";
import { Brand } from "@/components/layout/brand";
import { safeCallbackUrl } from "@/lib/filters";
import { getSignInOptions } from "@/lib/auth";
import { describeTooManyAttempts } from "@/lib/auth/sign-in-errors";
import { getSession } from "../session";
import { SignInForm } from "./signin-form";

/** next-auth error codes that may arrive in `?error=`, in words. Unknown text is not echoed. */
const URL_ERRORS: Record<string, string> = {
  CredentialsSignin: "Sign-in failed: check your credentials",
  SessionRequired: "Please sign in to continue.",
  AccessDenied: "Access denied.",
  Configuration: "Sign-in is not configured correctly on the server.",
};

/** Sign-in page: one form per enabled provider; signed-in visitors go straight on. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSession()) redirect(callbackUrl);

  const options = getSignInOptions();
  const errorCode = typeof params.error === "string" ? params.error : null;
  // Only known codes are shown: the query string is attacker-controlled text.
  const initialError =
    errorCode === null
      ? null
      : (URL_ERRORS[errorCode] ?? describeTooManyAttempts(errorCode) ?? "Sign-in failed.");

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10 sm:py-16">
      <div className="w-full max-w-md">
        <div className="mb-8 flex justify-center">
          <Brand size="lg" />
        </div>
        <div className="rounded-2xl border border-line bg-surface p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
          <p className="mt-1 text-sm text-muted">
            Support analytics for your LiveChat and Rocket.Chat teams.
          </p>
          <SignInForm options={options} callbackUrl={callbackUrl} initialError={initialError} />
        </div>
      </div>
    </main>
  );
}
