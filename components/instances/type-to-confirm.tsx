"use client";
// Destructive actions ask for the VM's name (for several VMs, their number: "delete 3"), typed: the button stays
// disabled until it matches.
import { field, label } from "@/components/ui/styles";

export function TypeToConfirm({ id, name, value, onChange }: { id: string; name: string; value: string; onChange: (text: string) => void }) {
  return (
    <div className="rounded-md border border-red-200 bg-red-50 p-3">
      <label htmlFor={id} className={label}>Type <span className="select-all font-mono font-semibold text-red-800">{name}</span> to confirm</label>
      <input id={id} className={`${field} font-mono`} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} />
    </div>
  );
}
