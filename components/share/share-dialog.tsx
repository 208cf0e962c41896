"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";
import { formatDateRange } from "@/components/format-dates";
import { DATE_PRESETS, defaultGranularity } from "@/lib/dates";
import type { ScopedFilters } from "@/lib/filters";
import { formatDateTime } from "@/lib/format";
import { METRICS } from "@/lib/metrics/definitions";
import type { MetricId } from "@/lib/metrics/types";
import { PAGE_METRICS, type ReportPageId } from "@/lib/queries/pages";
import {
  DEFAULT_EXPIRES_IN_DAYS,
  MIN_PASSWORD_LENGTH,
  type CreateShareLinkRequest,
  type ShareRange,
} from "@/lib/share/scope";
import { CopyField, createShareLinkRequest, type IssuedLink } from "./share-api";

/** The lifetimes offered, days (the API accepts 1…365). */
export const EXPIRY_CHOICES = [
  { days: 1, label: "1 day" },
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
] as const;

const BUTTON =
  "inline-flex h-9 items-center justify-center rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-60";
const PRIMARY =
  "inline-flex h-9 items-center justify-center rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:bg-accent-hover disabled:cursor-not-allowed disabled:opacity-60";
const CONTROL = "h-9 rounded-md border border-line-strong bg-surface px-2.5 text-sm text-fg";

const PRESET_LABELS = new Map<string, string>(DATE_PRESETS.map((p) => [p.id, p.label]));

/**
 * "Share" on a report page: opens the dialog that creates a link to a read-only copy of the
 * page with its current filters locked in.
 */
export function ShareButton({
  page,
  title,
  filters,
  timeZone,
}: {
  page: ReportPageId;
  title: string;
  filters: ScopedFilters;
  /** The reporting time zone (the expiry is shown in it). */
  timeZone: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const headingId = useId();
  return (
    <>
      <button
        type="button"
        className={BUTTON}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="mr-1.5 size-4">
          <path
            d="M10.5 3.5 13 6l-2.5 2.5M13 6H7.5A3.5 3.5 0 0 0 4 9.5V12"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        Share
      </button>
      {/* Native modal dialog: focus moves in and stays in, Esc closes, the page is inert. */}
      <dialog
        ref={dialog}
        aria-labelledby={headingId}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40"
        data-testid="share-dialog"
      >
        {open && (
          <ShareForm
            headingId={headingId}
            page={page}
            title={title}
            filters={filters}
            timeZone={timeZone}
            onClose={() => dialog.current?.close()}
          />
        )}
      </dialog>
    </>
  );
}

/** The scope the link locks: the page's filters as they are on screen. */
function scopeOf(
  page: ReportPageId,
  filters: ScopedFilters,
  range: ShareRange,
  metrics: readonly MetricId[],
  hideAgentNames: boolean,
): CreateShareLinkRequest["scope"] {
  const all = PAGE_METRICS[page];
  return {
    page,
    source: filters.scope.id,
    group: filters.scope.single ? filters.group : null,
    agent: filters.scope.single ? filters.agent : null,
    ...(metrics.length < all.length && { metrics: [...metrics] }),
    range,
    // Automatic stays automatic (a rolling "this month" changes length); a choice is kept.
    granularity:
      filters.granularity === defaultGranularity(filters.from, filters.to)
        ? null
        : filters.granularity,
    compare: true,
    hideAgentNames,
  };
}

function ShareForm({
  headingId,
  page,
  title,
  filters,
  timeZone,
  onClose,
}: {
  headingId: string;
  page: ReportPageId;
  title: string;
  filters: ScopedFilters;
  timeZone: string;
  onClose: () => void;
}) {
  const id = useId();
  const preset = filters.range === "custom" ? null : filters.range;
  const [rangeKind, setRangeKind] = useState<"fixed" | "rolling">("fixed");
  const [days, setDays] = useState<number>(DEFAULT_EXPIRES_IN_DAYS);
  const [password, setPassword] = useState("");
  const [hideAgentNames, setHideAgentNames] = useState(false);
  const pageMetrics: readonly MetricId[] = PAGE_METRICS[page];
  const [metrics, setMetrics] = useState<MetricId[]>([...pageMetrics]);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({ mutationFn: createShareLinkRequest });

  const fixedText = formatDateRange(filters.from, filters.to);
  const team = filters.scope.single?.teams.find((t) => t.id === filters.group);
  const agent = filters.scope.single?.agents.find((a) => a.id === filters.agent);
  const locked = [
    filters.scope.name,
    filters.group !== null ? (team?.name ?? filters.group) : null,
    filters.agent !== null ? (agent?.name ?? filters.agent) : null,
  ]
    .filter(Boolean)
    .join(" · ");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length > 0 && password.length < MIN_PASSWORD_LENGTH) {
      setProblem(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    if (metrics.length === 0) {
      setProblem("Choose at least one metric to share.");
      return;
    }
    setProblem(null);
    const range: ShareRange =
      rangeKind === "rolling" && preset !== null
        ? { kind: "rolling", preset }
        : { kind: "fixed", from: filters.from, to: filters.to };
    create.mutate({
      scope: scopeOf(page, filters, range, metrics, hideAgentNames),
      expiresInDays: days,
      ...(password.length > 0 && { password }),
    });
  }

  const error = problem ?? (create.error ? create.error.message : null);
  const issued: IssuedLink | undefined = create.data;

  return (
    <div className="flex flex-col gap-4 p-5 sm:p-6">
      <div className="flex items-start justify-between gap-4">
        <div className="flex flex-col gap-1">
          <h2 id={headingId} className="text-lg font-semibold tracking-tight">
            Share “{title}”
          </h2>
          <p className="text-sm text-muted">
            Anyone with the link sees a read-only copy of this page: {locked}. They cannot change
            the filters or open anything else.
          </p>
        </div>
        <button
          type="button"
          onClick={onClose}
          className="inline-flex size-8 shrink-0 items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-fg"
          aria-label="Close"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4">
            <path
              d="m4 4 8 8M12 4l-8 8"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinecap="round"
            />
          </svg>
        </button>
      </div>

      {issued ? (
        <div className="flex flex-col gap-3" data-testid="share-created">
          <CopyField label="Link" url={issued.url} />
          <p className="text-sm" data-testid="share-created-note">
            Anyone with this link can see this report until{" "}
            {formatDateTime(issued.link.expiresAt, timeZone)}
            {issued.link.hasPassword ? " (with the password)" : ""}.
          </p>
          <p className="text-sm text-muted">
            Revoke or renew it at any time on{" "}
            <Link href="/shared-links" className="font-medium text-accent hover:underline">
              Shared links
            </Link>
            .
          </p>
          <div className="flex justify-end">
            <button type="button" className={BUTTON} onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Dates</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`${id}-range`}
                checked={rangeKind === "fixed"}
                onChange={() => setRangeKind("fixed")}
              />
              Fixed: {fixedText}
            </label>
            {preset !== null && (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-range`}
                  checked={rangeKind === "rolling"}
                  onChange={() => setRangeKind("rolling")}
                />
                Rolling: {PRESET_LABELS.get(preset) ?? preset} (moves with time)
              </label>
            )}
          </fieldset>

          <div className="flex flex-wrap gap-4">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-expiry`} className="text-sm font-medium">
                Link expires after
              </label>
              <select
                id={`${id}-expiry`}
                className={CONTROL}
                value={days}
                onChange={(e) => setDays(Number(e.target.value))}
              >
                {EXPIRY_CHOICES.map((c) => (
                  <option key={c.days} value={c.days}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex min-w-48 flex-1 flex-col gap-1">
              <label htmlFor={`${id}-password`} className="text-sm font-medium">
                Password (optional)
              </label>
              <input
                id={`${id}-password`}
                type="password"
                autoComplete="new-password"
                minLength={MIN_PASSWORD_LENGTH}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby={`${id}-password-hint`}
                className={CONTROL}
              />
              <span id={`${id}-password-hint`} className="text-xs text-muted">
                At least {MIN_PASSWORD_LENGTH} characters; viewers must enter it.
              </span>
            </div>
          </div>

          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={hideAgentNames}
              onChange={(e) => setHideAgentNames(e.target.checked)}
            />
            Hide agent names (shown as “Agent 1”, “Agent 2”…)
          </label>

          {pageMetrics.length > 1 && (
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1 text-sm font-medium">Metrics</legend>
              <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-2">
                {pageMetrics.map((m) => (
                  <label key={m} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={metrics.includes(m)}
                      onChange={(e) =>
                        setMetrics((current) =>
                          e.target.checked
                            ? pageMetrics.filter((x) => x === m || current.includes(x))
                            : current.filter((x) => x !== m),
                        )
                      }
                    />
                    {METRICS[m].label}
                  </label>
                ))}
              </div>
            </fieldset>
          )}

          {error && (
            <p role="alert" className="rounded-md bg-danger-soft p-3 text-sm text-negative">
              {error}
            </p>
          )}

          <div className="flex justify-end gap-2">
            <button type="button" className={BUTTON} onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className={PRIMARY} disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create link"}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
