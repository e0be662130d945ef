"use client";
// A set of selected names, kept to those still listed (a name no longer listed is neither selected nor counted).
import { useState } from "react";

export function useSelection(names: string[]) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const listed = new Set(names);
  const selected = names.filter((n) => picked.has(n));
  const toggle = (name: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  const setAll = (on: boolean) => setPicked(on ? new Set(names) : new Set());
  return { names, selected, isSelected: (n: string) => listed.has(n) && picked.has(n), toggle, setAll, clear: () => setPicked(new Set()) };
}
