"use client";
// A filter typed in full (a node's or a tag's exact name): applied on Enter or when the field is left.
import { useState } from "react";
import { field, label } from "@/components/ui/styles";

export function TextFilter({ id, text, value, placeholder, onApply }: { id: string; text: string; value?: string; placeholder: string; onApply: (value: string | undefined) => void }) {
  const [draft, setDraft] = useState(value ?? "");
  const apply = () => { if (draft.trim() !== (value ?? "")) onApply(draft.trim() || undefined); };
  return (
    <div>
      <label htmlFor={id} className={label}>{text}</label>
      <input id={id} className={field} value={draft} placeholder={placeholder} autoComplete="off" onChange={(e) => setDraft(e.target.value)} onBlur={apply}
        onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); apply(); } }} />
    </div>
  );
}
