import { definitionHref, metricAnchor } from "@/components/ui/definition-links";
import { headerWithUnit } from "@/lib/csv";
import {
  CATEGORY_LABELS,
  metricsInCategory,
  SOURCE_NAMES,
  unavailableText,
  type MetricCategory,
  type MetricDefinition,
} from "@/lib/metrics/definitions";
import { SOURCE_IDS, type Aggregation, type MetricUnit } from "@/lib/metrics/types";
import { requireSession, type SearchParams } from "../dashboard-data";

const UNIT_TEXT: Record<MetricUnit, string> = {
  count: "Count (whole number)",
  seconds: "Duration in seconds (shown as 1m 05s)",
  percent: "Percentage, 0–100",
};

const DIRECTION_TEXT: Record<MetricDefinition["direction"], string> = {
  higher_is_better: "Higher is better",
  lower_is_better: "Lower is better",
  neutral: "Neither (volume)",
};

const AGGREGATION_TEXT: Record<Aggregation, string> = {
  sum: "Sum: bucket values (and sources) add up.",
  weighted_average:
    "Weighted average: Σ(value × count) ÷ Σ count. Where a source gives no count (Rocket.Chat), its averages are not re-weighted and combined totals are shown per source.",
  ratio: "Ratio: recomputed from the summed parts (e.g. good ÷ (good + bad)), never averaged.",
  min: "Minimum: the smallest value of the period.",
};

const CATEGORIES = Object.keys(CATEGORY_LABELS) as MetricCategory[];

/**
 * `/definitions`: the whole metric dictionary, grouped like the report pages. Every metric has
 * an anchor (`#metric-chats.csat`) that the ⓘ tooltips link to.
 */
export default async function DefinitionsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireSession("/definitions", searchParams);
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight min-[2560px]:text-3xl">
          Metric definitions
        </h1>
        <p className="max-w-3xl text-sm text-muted">
          What every number on the dashboard counts, which way is good, how buckets and sources
          combine, and which vendor report it comes from. A metric a source cannot provide is shown
          as &ldquo;not available&rdquo;, never as zero.
        </p>
        <nav aria-label="Categories">
          <ul className="flex flex-wrap gap-2 text-sm">
            {CATEGORIES.map((c) => (
              <li key={c}>
                <a
                  href={`#category-${c}`}
                  className="rounded-md border border-line px-2 py-1 hover:bg-surface-2"
                >
                  {CATEGORY_LABELS[c]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      {CATEGORIES.map((category) => (
        <section
          key={category}
          id={`category-${category}`}
          aria-labelledby={`category-${category}-heading`}
          className="flex scroll-mt-28 flex-col gap-4"
        >
          <h2 id={`category-${category}-heading`} className="text-lg font-semibold">
            {CATEGORY_LABELS[category]}
          </h2>
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
            {metricsInCategory(category).map((m) => (
              <MetricEntry key={m.id} metric={m} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function MetricEntry({ metric: m }: { metric: MetricDefinition }) {
  const headingId = `${metricAnchor(m.id)}-heading`.replace(/\./g, "-");
  return (
    <article
      id={metricAnchor(m.id)}
      aria-labelledby={headingId}
      data-testid={`definition-${m.id}`}
      className="flex scroll-mt-28 flex-col gap-3 rounded-xl border border-line bg-surface p-4 shadow-sm target:border-accent target:ring-2 target:ring-accent sm:p-5"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-base font-semibold">
          {m.label}
        </h3>
        <a href={definitionHref(m.id)} className="font-mono text-xs text-muted hover:underline">
          {m.id}
        </a>
      </header>
      <p className="text-sm leading-relaxed">{m.definition}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-muted">Unit</dt>
        <dd>{UNIT_TEXT[m.unit]}</dd>
        <dt className="text-muted">Direction</dt>
        <dd>{DIRECTION_TEXT[m.direction]}</dd>
        <dt className="text-muted">Combines by</dt>
        <dd>{AGGREGATION_TEXT[m.aggregation]}</dd>
        {m.parts && m.parts.length > 0 && (
          <>
            <dt className="text-muted">Parts</dt>
            <dd>{m.parts.map((p) => headerWithUnit(p.label, p.unit)).join(", ")}</dd>
          </>
        )}
        {SOURCE_IDS.map((source) => (
          <div key={source} className="contents">
            <dt className="text-muted">{SOURCE_NAMES[source]}</dt>
            <dd data-testid={`definition-${m.id}-${source}`}>
              {m.upstream[source] === null ? (
                <span className="text-muted">{unavailableText(source)}</span>
              ) : (
                <>
                  <code className="rounded bg-surface-2 px-1 py-0.5 text-xs">
                    {m.upstream[source]}
                  </code>
                  <span className="ml-2 text-xs text-muted">
                    {m.agentFilter[source] ? "agent filter supported" : "no agent filter"}
                  </span>
                </>
              )}
            </dd>
          </div>
        ))}
        {m.drillDown && (
          <>
            <dt className="text-muted">Drill-down</dt>
            <dd>Click a bucket to list its chats (sources with a chat archive)</dd>
          </>
        )}
      </dl>
    </article>
  );
}
