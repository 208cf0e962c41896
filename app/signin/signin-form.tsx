"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { describeTooManyAttempts } from "@/lib/auth/sign-in-errors";

/** Which sign-in methods the server enabled (mirrors `getSignInOptions()` in `lib/auth`). */
export interface SignInOptions {
  demo: { username: string; password: string } | null;
  livechat: boolean;
  rocketchat: boolean;
}

type ProviderId = "demo" | "livechat" | "rocketchat";

interface FieldSpec {
  name: string;
  label: string;
  type: "text" | "email" | "password";
  autoComplete: string;
  required: boolean;
  hint?: string;
  inputMode?: "numeric" | "email" | "text";
}

interface ProviderSpec {
  tab: string;
  intro: string;
  submit: string;
  fields: FieldSpec[];
}

const PASSWORD_FIELD: FieldSpec = {
  name: "password",
  label: "Password",
  type: "password",
  autoComplete: "current-password",
  required: true,
};

const PROVIDERS: Record<ProviderId, ProviderSpec> = {
  demo: {
    tab: "Demo",
    intro: "Explore Chatlens with simulated LiveChat and Rocket.Chat data.",
    submit: "Sign in",
    fields: [
      {
        name: "username",
        label: "Username",
        type: "text",
        autoComplete: "username",
        required: true,
      },
      PASSWORD_FIELD,
    ],
  },
  livechat: {
    tab: "LiveChat",
    intro: "Use your LiveChat login and a personal access token. Owners and administrators only.",
    submit: "Sign in with LiveChat",
    fields: [
      {
        name: "login",
        label: "Login e-mail",
        type: "email",
        autoComplete: "username",
        required: true,
        inputMode: "email",
      },
      {
        name: "apiKey",
        label: "API key / personal access token",
        type: "password",
        autoComplete: "off",
        required: true,
        hint: "Create one in the LiveChat Developer Console under Tools → Personal Access Tokens.",
      },
    ],
  },
  rocketchat: {
    tab: "Rocket.Chat",
    intro: "Use your Rocket.Chat account. You need permission to view omnichannel analytics.",
    submit: "Sign in with Rocket.Chat",
    fields: [
      {
        name: "username",
        label: "Username or e-mail",
        type: "text",
        autoComplete: "username",
        required: true,
      },
      PASSWORD_FIELD,
      {
        name: "code",
        label: "2FA code (optional)",
        type: "text",
        autoComplete: "one-time-code",
        required: false,
        inputMode: "numeric",
        hint: "Only if two-factor authentication is enabled for your account.",
      },
    ],
  },
};

/** Turns next-auth's `error` into a sentence; messages thrown by our `authorize` pass through. */
function describeSignInError(error: string): string {
  if (error === "CredentialsSignin") return "Sign-in failed: check your credentials";
  if (error === "Configuration") return "Sign-in is not configured correctly on the server.";
  if (error === "AccessDenied") return "Access denied.";
  return describeTooManyAttempts(error) ?? error;
}

/**
 * The sign-in forms, one per enabled provider (as tabs when there are several). Posts with
 * `signIn(id, { redirect: false })` so errors stay on this page, then replaces the history
 * entry with the (already sanitised) `callbackUrl`.
 */
export function SignInForm({
  options,
  callbackUrl,
  initialError,
}: {
  options: SignInOptions;
  callbackUrl: string;
  initialError: string | null;
}) {
  const enabled: ProviderId[] = [
    ...(options.demo ? (["demo"] as const) : []),
    ...(options.livechat ? (["livechat"] as const) : []),
    ...(options.rocketchat ? (["rocketchat"] as const) : []),
  ];
  const [active, setActive] = useState<ProviderId | undefined>(enabled[0]);
  const [error, setError] = useState<string | null>(initialError);
  const tabRefs = useRef<Partial<Record<ProviderId, HTMLButtonElement | null>>>({});
  const baseId = useId();

  if (active === undefined) {
    return (
      <p role="alert" className="mt-6 rounded-lg bg-danger-soft p-3 text-sm text-negative">
        No sign-in method is configured on this server. Configure LiveChat or Rocket.Chat (or enable
        demo mode) and restart Chatlens.
      </p>
    );
  }

  function select(id: ProviderId) {
    setActive(id);
    setError(null);
  }

  // WAI-ARIA tabs: arrow keys move between tabs, Home/End jump to the ends.
  function onTabKeyDown(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = enabled.length - 1;
    const next =
      e.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : e.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    const id = enabled[next];
    if (id === undefined) return;
    select(id);
    tabRefs.current[id]?.focus();
  }

  const panel = (
    <ProviderForm
      key={active}
      provider={active}
      demo={active === "demo" ? options.demo : null}
      callbackUrl={callbackUrl}
      error={error}
      onError={setError}
    />
  );

  return (
    <div className="mt-6">
      {options.demo && (
        <div className="mb-6 rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm">
          <p>
            <span className="font-medium">Demo sign-in:</span>{" "}
            <code className="font-mono whitespace-nowrap">{options.demo.username}</code> /{" "}
            <code className="font-mono whitespace-nowrap">{options.demo.password}</code>
          </p>
        </div>
      )}

      {enabled.length > 1 ? (
        <>
          <div
            role="tablist"
            aria-label="Sign-in method"
            className="mb-5 grid gap-1 rounded-lg bg-surface-2 p-1"
            style={{ gridTemplateColumns: `repeat(${enabled.length}, minmax(0, 1fr))` }}
          >
            {enabled.map((id, index) => {
              const selected = id === active;
              return (
                <button
                  key={id}
                  ref={(el) => {
                    tabRefs.current[id] = el;
                  }}
                  type="button"
                  role="tab"
                  id={`${baseId}-tab-${id}`}
                  aria-selected={selected}
                  aria-controls={`${baseId}-panel`}
                  tabIndex={selected ? 0 : -1}
                  onClick={() => select(id)}
                  onKeyDown={(e) => onTabKeyDown(e, index)}
                  className={`rounded-md px-2 py-1.5 text-sm font-medium transition-colors ${
                    selected ? "bg-surface text-fg shadow-sm" : "text-muted hover:text-fg"
                  }`}
                >
                  {PROVIDERS[id].tab}
                </button>
              );
            })}
          </div>
          <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${active}`}>
            {panel}
          </div>
        </>
      ) : (
        <section aria-label={`${PROVIDERS[active].tab} sign-in`}>{panel}</section>
      )}
    </div>
  );
}

function ProviderForm({
  provider,
  demo,
  callbackUrl,
  error,
  onError,
}: {
  provider: ProviderId;
  demo: SignInOptions["demo"];
  callbackUrl: string;
  error: string | null;
  onError: (message: string | null) => void;
}) {
  const spec = PROVIDERS[provider];
  const router = useRouter();
  const idPrefix = useId();
  const [pending, setPending] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      spec.fields.map((f) => [
        f.name,
        demo && (f.name === "username" || f.name === "password") ? demo[f.name] : "",
      ]),
    ),
  );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    onError(null);
    const fields = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        k === "password" || k === "apiKey" ? v : v.trim(),
      ]),
    );
    try {
      // The type parameter tells next-auth this provider answers `redirect: false` calls.
      const result = await signIn<"credentials">(provider, {
        redirect: false,
        ...fields,
        callbackUrl,
      });
      if (result?.ok && !result.error) {
        // Stay "pending" while the dashboard loads; replace so Back does not return here.
        router.replace(callbackUrl);
        return;
      }
      onError(
        result?.error
          ? describeSignInError(result.error)
          : "Sign-in failed: no answer from the server.",
      );
    } catch {
      onError("Sign-in failed: could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-busy={pending}>
      <p className="text-sm text-muted">{spec.intro}</p>
      {spec.fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const hintId = field.hint ? `${id}-hint` : undefined;
        return (
          <div key={field.name} className="flex flex-col gap-1.5">
            <label htmlFor={id} className="text-sm font-medium">
              {field.label}
            </label>
            <input
              id={id}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              inputMode={field.inputMode}
              required={field.required}
              aria-describedby={hintId}
              aria-invalid={error !== null && field.required ? true : undefined}
              value={values[field.name] ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
              spellCheck={false}
              autoCapitalize="none"
              className="h-10 rounded-md border border-line-strong bg-surface px-3 text-sm text-fg placeholder:text-muted hover:border-muted"
            />
            {field.hint && (
              <p id={hintId} className="text-xs text-muted">
                {field.hint}
              </p>
            )}
          </div>
        );
      })}

      {error !== null && (
        <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-negative">
          {error}
        </p>
      )}

      <button
        type="submit"
        disabled={pending}
        className="mt-1 h-10 rounded-md bg-accent px-4 text-sm font-semibold text-accent-fg hover:bg-accent-hover disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? "Signing in…" : spec.submit}
      </button>
    </form>
  );
}
