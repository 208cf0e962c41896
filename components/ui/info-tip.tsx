"use client";

import { useId, useState } from "react";

/**
 * A small ⓘ that explains a metric. Opens on hover, keyboard focus and tap (touch browsers do
 * not always focus buttons), closes on Escape; the text is always linked to the button with
 * `aria-describedby`, so screen readers announce it without opening anything.
 */
export function InfoTip({ label, text }: { label: string; text: string }) {
  const id = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = hovered || focused || pinned;

  return (
    <span
      className="relative inline-flex"
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
        className="inline-flex size-5 items-center justify-center rounded-full text-xs leading-none text-muted hover:bg-surface-2 hover:text-fg"
      >
        <span aria-hidden="true">ⓘ</span>
      </button>
      <span
        id={id}
        role="tooltip"
        className={`absolute top-full left-0 z-20 mt-1.5 w-72 max-w-[calc(100vw-3rem)] rounded-lg border border-line bg-surface p-3 text-left text-xs leading-relaxed font-normal text-fg shadow-lg ${
          open ? "visible opacity-100" : "invisible opacity-0"
        }`}
      >
        {text}
      </span>
    </span>
  );
}
