import type { ChatRating, ChatSummary } from "@/lib/metrics/types";

export const RATING_TEXT: Record<ChatRating, string> = {
  good: "Rated good",
  bad: "Rated bad",
  not_rated: "Not rated",
};

const RATING_CLASS: Record<ChatRating, string> = {
  good: "text-positive",
  bad: "text-negative",
  not_rated: "text-muted",
};

export function RatingText({ rating }: { rating: ChatRating }) {
  return <span className={`font-medium ${RATING_CLASS[rating]}`}>{RATING_TEXT[rating]}</span>;
}

export function listText(items: readonly string[]): string {
  return items.length > 0 ? items.join(", ") : "—";
}

export function chatTypeText(type: ChatSummary["type"]): string {
  return type === "missed_chat" ? "Missed chat" : "Chat";
}
