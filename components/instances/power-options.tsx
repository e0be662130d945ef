"use client";
// The options of shutting down and rebooting, the same on a VM's page and in the VM list's bulk actions.
import { field, label } from "@/components/ui/styles";

/** The seconds typed, when they are a whole number from 0 to 3600 (what the API accepts), else null. */
export function shutdownSeconds(text: string): number | null {
  const seconds = Number(text);
  return text.trim() !== "" && Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600 ? seconds : null;
}

export function ShutdownTimeoutField({ id, value, onChange }: { id: string; value: string; onChange: (text: string) => void }) {
  return (
    <div>
      <label htmlFor={id} className={label}>Seconds the guest gets to shut down cleanly</label>
      <input id={id} inputMode="numeric" className={field} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`}
        aria-invalid={shutdownSeconds(value) === null || undefined} />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">0 to 3600; 0 stops it at once, like pulling the plug.</p>
    </div>
  );
}

export const REBOOT_TYPES = { soft: "Soft: the guest restarts itself", hard: "Hard: the hypervisor resets it", full: "Full: stop, then start again" } as const;
export type RebootType = keyof typeof REBOOT_TYPES;

export function RebootTypeField({ id, value, onChange }: { id: string; value: RebootType; onChange: (type: RebootType) => void }) {
  return (
    <div>
      <label htmlFor={id} className={label}>Kind of reboot</label>
      <select id={id} className={field} value={value} onChange={(e) => onChange(e.target.value as RebootType)}>
        {Object.entries(REBOOT_TYPES).map(([type, text]) => <option key={type} value={type}>{text}</option>)}
      </select>
    </div>
  );
}
