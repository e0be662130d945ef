"use client";
// Memory, disk (MiB) and vCPU limits; an empty field is unlimited.
import { useState, type FormEvent, type ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { field, label, primaryButton, secondaryButton } from "@/components/ui/styles";
import { limitText, parseLimit } from "./units";
import type { Limits } from "./types";

export type LimitsInput = { memory: number | string | null; disk: number | string | null; vcpus: number | string | null };

type Props = {
  id: string;
  initial: Limits;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (limits: LimitsInput) => void;
  onCancel?: () => void;
  children?: ReactNode;
};

export function QuotaLimitsForm({ id, initial, submitLabel, pending, error, onSubmit, onCancel, children }: Props) {
  const [memory, setMemory] = useState(limitText(initial.memory));
  const [disk, setDisk] = useState(limitText(initial.disk));
  const [vcpus, setVcpus] = useState(limitText(initial.vcpus));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ memory: parseLimit(memory), disk: parseLimit(disk), vcpus: parseLimit(vcpus) });
  };
  const input = (key: string, text: string, value: string, set: (v: string) => void) => (
    <label className={label} htmlFor={`${id}-${key}`}>{text}
      <input id={`${id}-${key}`} inputMode="numeric" value={value} onChange={(e) => set(e.target.value)} className={field} placeholder="unlimited" />
    </label>
  );
  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-3">
      {children && <div className="sm:col-span-3">{children}</div>}
      {input("memory", "Memory (MiB)", memory, setMemory)}
      {input("disk", "Disk (MiB)", disk, setDisk)}
      {input("vcpus", "vCPUs", vcpus, setVcpus)}
      <div className="space-y-3 sm:col-span-3">
        <p className="text-xs text-slate-500">Leave a field empty for no limit. 1 GiB = 1024 MiB.</p>
        <ErrorAlert error={error} />
        <div className="flex gap-2">
          <button type="submit" disabled={pending} className={primaryButton}>{pending ? "Saving…" : submitLabel}</button>
          {onCancel && <button type="button" disabled={pending} onClick={onCancel} className={secondaryButton}>Cancel</button>}
        </div>
      </div>
    </form>
  );
}
