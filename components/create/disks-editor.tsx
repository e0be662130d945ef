"use client";
// The new VM's (or a VM template's) disks: one size each (MiB or GiB), added and removed; up to 16. idPrefix keeps
// the fields' ids apart where two editors share a page.
import { formatMiB } from "@/components/admin/units";
import { SizeInput } from "@/components/instances/size-input";
import { secondaryButton } from "@/components/ui/styles";

type Props = { disks: number[]; onChange: (disks: number[]) => void; invalid: boolean; idPrefix?: string };

export function DisksEditor({ disks, onChange, invalid, idPrefix = "disk" }: Props) {
  const set = (i: number, mib: number) => onChange(disks.map((d, j) => (j === i ? mib : d)));
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Disks</legend>
      <ul className="mt-1 space-y-2">
        {disks.map((size, i) => (
          <li key={i} className="flex items-end gap-2">
            <div className="flex-1"><SizeInput id={`${idPrefix}-${i}`} label={`Disk ${i} size`} mib={size} onChange={(mib) => set(i, mib)} invalid={invalid && !(size >= 1)} /></div>
            {disks.length > 1 && <button type="button" className={secondaryButton} aria-label={`Remove disk ${i}`} onClick={() => onChange(disks.filter((_, j) => j !== i))}>Remove</button>}
          </li>
        ))}
      </ul>
      {disks.length < 16 && <button type="button" className={`${secondaryButton} mt-2`} onClick={() => onChange([...disks, 10240])}>Add a disk</button>}
      {disks.length > 1 && <p className="mt-1 text-xs text-slate-500">Total {formatMiB(disks.reduce((s, d) => s + (Number.isFinite(d) ? d : 0), 0))}.</p>}
    </fieldset>
  );
}
