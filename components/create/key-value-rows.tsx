"use client";
// Rows of parameter names and values (OS parameters; other hypervisor parameters for cluster admins), added and
// removed, each row's problems under it.
import { field, secondaryButton } from "@/components/ui/styles";
import { ProblemText } from "./problem-text";
import type { ParamRow } from "./types";

type Props = {
  id: string; what: string; addText: string; rows: ParamRow[]; onChange: (rows: ParamRow[]) => void; problems: (field: string) => string[]; prefix: string;
  placeholder?: ParamRow; max?: number;
};

export function KeyValueRows({ id, what, addText, rows, onChange, problems, prefix, placeholder, max = 32 }: Props) {
  const set = (i: number, patch: Partial<ParamRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div>
      {rows.length > 0 && (
        <ul className="space-y-2">
          {rows.map((row, i) => {
            const rowProblems = row.key.trim() ? problems(`${prefix}.${row.key.trim()}`) : [];
            return (
              <li key={i}>
                <div className="flex items-end gap-2">
                  <div className="flex-1">
                    <label htmlFor={`${id}-${i}-key`} className="text-xs text-slate-600">{what} {i} name</label>
                    <input id={`${id}-${i}-key`} className={`${field} font-mono ${rowProblems.length ? "border-red-400" : ""}`} value={row.key} placeholder={placeholder?.key}
                      autoComplete="off" spellCheck={false} onChange={(e) => set(i, { key: e.target.value })} aria-invalid={rowProblems.length > 0 || undefined} aria-describedby={`${id}-${i}-problems`} />
                  </div>
                  <div className="flex-[2]">
                    <label htmlFor={`${id}-${i}-value`} className="text-xs text-slate-600">{what} {i} value</label>
                    <input id={`${id}-${i}-value`} className={`${field} font-mono`} value={row.value} placeholder={placeholder?.value}
                      autoComplete="off" spellCheck={false} onChange={(e) => set(i, { value: e.target.value })} />
                  </div>
                  <button type="button" className={secondaryButton} aria-label={`Remove ${what} ${i}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button>
                </div>
                <ProblemText id={`${id}-${i}-problems`} problems={rowProblems} />
              </li>
            );
          })}
        </ul>
      )}
      <ProblemText id={`${id}-problems`} problems={problems(prefix)} />
      {rows.length < max && <button type="button" className={`${secondaryButton} mt-2`} onClick={() => onChange([...rows, { key: "", value: "" }])}>{addText}</button>}
    </div>
  );
}
