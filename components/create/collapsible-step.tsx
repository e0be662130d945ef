"use client";
// A wizard step that starts folded (for what most VMs leave at the cluster's defaults): its title and a one-line
// summary of what is chosen; opened by click or keyboard (a native <details>), and held open while it has problems.
import { useState } from "react";
import { card } from "@/components/ui/styles";

type Props = { n: number; title: string; summary: string; hasProblems: boolean; children: React.ReactNode };

export function CollapsibleStep({ n, title, summary, hasProblems, children }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <details className={card} open={open || hasProblems} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer rounded-md focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
        <h2 id={`step-${n}`} className="inline text-base font-semibold"><span className="mr-2 text-brand-600">{n}</span>{title}</h2>
        <span className="ml-2 text-sm text-slate-500">{summary}</span>
      </summary>
      <div className="mt-4">{children}</div>
    </details>
  );
}
