"use client";

import { useId, useState } from "react";

/**
 * A small ⓘ that explains a metric. Opens on hover, keyboard focus and tap (touch browsers do
 * not always focus buttons), closes on Escape; the text is always linked to the button with
 * `aria-describedby`, so screen readers announce it without opening anything.
 *
 * The bubble is positioned against the nearest positioned ancestor (the card, which must be
 * `relative`) and spans its width, so it never runs off the right edge of a phone screen.
 */
export function InfoTip({ label, text }: { label: string; text: string }) {
  const id = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = hovered || focused || pinned;

  return (
    <span
      className="inline-flex"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      <button
        type="button"
        aria-label={`About ${label}`}
        aria-describedby={id}
        aria-expanded={open}
        onClick={() => setPinned((p) => !p)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          setPinned(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setHovered(false);
            setFocused(false);
            setPinned(false);
          }
        }}
        className="inline-flex size-6 items-center justify-center rounded-full text-muted hover:bg-surface-2 hover:text-fg"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5">
          <circle cx="8" cy="8" r="6.75" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 7.25v4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          <circle cx="8" cy="4.9" r="0.95" fill="currentColor" />
        </svg>
      </button>
      {/* display:none when closed still serves aria-describedby, and adds no scroll overflow. */}
      <span
        id={id}
        role="tooltip"
        className={`${open ? "block" : "hidden"} absolute inset-x-3 top-12 z-20 rounded-lg border border-line bg-surface p-3 text-left text-xs leading-relaxed font-normal text-fg shadow-lg`}
      >
        {text}
      </span>
    </span>
  );
}
