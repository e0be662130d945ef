"use client";
// A size in MiB, typed in MiB or GiB (what people think in): the number and its unit side by side; onChange gets MiB
// (NaN while the text is not a number, so that checks can say so). A size set from outside (a template applied, a
// disk above removed) replaces the text.
import { useState } from "react";
import { field, label as labelClass } from "@/components/ui/styles";

type Unit = "MiB" | "GiB";

const toText = (mib: number, unit: Unit) => (Number.isFinite(mib) ? String(unit === "GiB" ? +(mib / 1024).toFixed(3) : mib) : "");
const unitFor = (mib: number): Unit => (Number.isFinite(mib) && mib >= 1024 && mib % 1024 === 0 ? "GiB" : "MiB");
const toMiB = (text: string, unit: Unit) => {
  const n = text.trim() === "" ? NaN : Number(text);
  return Number.isFinite(n) ? Math.round(unit === "GiB" ? n * 1024 : n) : NaN;
};

export function SizeInput({ id, label, mib, onChange, hint, invalid }: { id: string; label: string; mib: number; onChange: (mib: number) => void; hint?: string; invalid?: boolean }) {
  const [unit, setUnit] = useState<Unit>(unitFor(mib));
  const [text, setText] = useState(toText(mib, unit));
  const [seen, setSeen] = useState(mib);
  if (!Object.is(mib, seen)) {
    setSeen(mib);
    if (!Object.is(toMiB(text, unit), mib)) {
      setUnit(unitFor(mib));
      setText(toText(mib, unitFor(mib)));
    }
  }
  const emit = (t: string, u: Unit) => onChange(toMiB(t, u));
  return (
    <div>
      <label htmlFor={id} className={labelClass}>{label}</label>
      <div className="mt-1 flex">
        <input id={id} inputMode="decimal" className={`${field} mt-0 rounded-r-none ${invalid ? "border-red-400" : ""}`} value={text} aria-invalid={invalid || undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => { setText(e.target.value); emit(e.target.value, unit); }} />
        <select aria-label={`${label} unit`} className="rounded-r-md border border-l-0 border-slate-300 bg-slate-50 px-2 text-sm" value={unit}
          onChange={(e) => { const u = e.target.value as Unit; setUnit(u); emit(text, u); }}>
          <option>MiB</option>
          <option>GiB</option>
        </select>
      </div>
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}
