"use client";
// A search field that applies itself a moment after the user stops typing (and at once on Enter, through `now`),
// never twice for the same text.
import { useEffect, useRef, useState } from "react";

export function useDebouncedSearch(initial: string, apply: (text: string | undefined) => void, delay = 300) {
  const [text, setText] = useState(initial);
  const applied = useRef(initial);
  const now = (value = text) => {
    applied.current = value.trim();
    apply(value.trim() || undefined);
  };
  useEffect(() => {
    if (text.trim() === applied.current) return;
    const timer = setTimeout(() => now(), delay);
    return () => clearTimeout(timer);
  });
  /** Empties the field without applying anything (the caller resets its filters itself). */
  const reset = () => {
    setText("");
    applied.current = "";
  };
  return { text, setText, now, reset };
}
