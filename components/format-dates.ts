/**
 * Display labels for calendar days and metric bucket keys. Works on the strings alone (never
 * through `Date` in the browser's zone): bucket keys are already wall-clock in the reporting
 * zone, and re-zoning them would shift hours and days.
 */
import type { Granularity } from "@/lib/metrics/types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

interface DayParts {
  year: number;
  month: number;
  day: number;
}

function dayParts(date: string): DayParts {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

function monthName(month: number, long = false): string {
  return (long ? MONTHS_LONG : MONTHS)[month - 1] ?? String(month);
}

function weekday({ year, month, day }: DayParts): string {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "";
}

/** `2024-03-05` → `Mar 5` (or `Mar 5, 2024`). */
export function formatDay(date: string, withYear = false): string {
  const p = dayParts(date);
  const base = `${monthName(p.month)} ${p.day}`;
  return withYear ? `${base}, ${p.year}` : base;
}

/** Range text: `Mar 5, 2024`, `Mar 1 – Mar 7, 2024`, `Dec 30, 2023 – Jan 5, 2024`. */
export function formatDateRange(from: string, to: string): string {
  if (from === to) return formatDay(from, true);
  if (from.slice(0, 4) === to.slice(0, 4)) return `${formatDay(from)} – ${formatDay(to, true)}`;
  return `${formatDay(from, true)} – ${formatDay(to, true)}`;
}

/**
 * Axis label for a bucket key: hour → `14:00` (`Mar 5 14:00` when the range spans days),
 * day → `Mar 5`, month → `Mar 2024`.
 */
export function bucketTickLabel(key: string, granularity: Granularity, multiDay: boolean): string {
  if (granularity === "month") return `${monthName(Number(key.slice(5, 7)))} ${key.slice(0, 4)}`;
  if (granularity === "day") return formatDay(key);
  const hour = key.slice(11, 16);
  return multiDay ? `${formatDay(key.slice(0, 10))} ${hour}` : hour;
}

/** Tooltip heading for a bucket: `Tue, Mar 5, 2024 14:00`, `Tue, Mar 5, 2024`, `March 2024`. */
export function bucketTooltipLabel(key: string, granularity: Granularity): string {
  if (granularity === "month")
    return `${monthName(Number(key.slice(5, 7)), true)} ${key.slice(0, 4)}`;
  const day = key.slice(0, 10);
  const text = `${weekday(dayParts(day))}, ${formatDay(day, true)}`;
  return granularity === "hour" ? `${text} ${key.slice(11, 16)}` : text;
}
