"use client";
// A size in MiB, typed in MiB or GiB (what people think in): the number and its unit side by side; onChange gets MiB
// (NaN while the text is not a number, so that checks can say so).
import { useState } from "react";
import { field, label as labelClass } from "@/components/ui/styles";

const toText = (mib: number, unit: "MiB" | "GiB") => (Number.isFinite(mib) ? String(unit === "GiB" ? +(mib / 1024).toFixed(3) : mib) : "");

export function SizeInput({ id, label, mib, onChange, hint, invalid }: { id: string; label: string; mib: number; onChange: (mib: number) => void; hint?: string; invalid?: boolean }) {
  const [unit, setUnit] = useState<"MiB" | "GiB">(Number.isFinite(mib) && mib >= 1024 && mib % 1024 === 0 ? "GiB" : "MiB");
  const [text, setText] = useState(toText(mib, unit));
  const emit = (t: string, u: "MiB" | "GiB") => {
    const n = t.trim() === "" ? NaN : Number(t);
    onChange(Number.isFinite(n) ? Math.round(u === "GiB" ? n * 1024 : n) : NaN);
  };
  return (
    <div>
      <label htmlFor={id} className={labelClass}>{label}</label>
      <div className="mt-1 flex">
        <input id={id} inputMode="decimal" className={`${field} mt-0 rounded-r-none ${invalid ? "border-red-400" : ""}`} value={text} aria-invalid={invalid || undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => { setText(e.target.value); emit(e.target.value, unit); }} />
        <select aria-label={`${label} unit`} className="rounded-r-md border border-l-0 border-slate-300 bg-slate-50 px-2 text-sm" value={unit}
          onChange={(e) => { const u = e.target.value as "MiB" | "GiB"; setUnit(u); emit(text, u); }}>
          <option>MiB</option>
          <option>GiB</option>
        </select>
      </div>
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}
