"use client";
// Grow one of a VM's disks by an amount (disks only grow; the file system inside is the guest's to extend).
import { useState } from "react";
import { formatMiB } from "@/components/admin/units";
import { field, label } from "@/components/ui/styles";
import { ActionForm } from "./action-form";
import { diskSizes } from "./instance-fields";
import type { FormProps } from "./form-props";
import { SizeInput } from "./size-input";

export function GrowDiskForm({ vm, action, close }: FormProps) {
  const sizes = diskSizes(vm);
  const [disk, setDisk] = useState(0);
  const [amount, setAmount] = useState(1024);
  const valid = Number.isInteger(amount) && amount >= 1;
  if (sizes.length === 0) return <p className="text-sm text-slate-600">{vm.name} has no disks to grow.</p>;
  return (
    <ActionForm submitLabel="Grow disk" onCancel={close} pending={action.isPending} error={action.error} disabled={!valid}
      onSubmit={() => action.mutate({ path: "grow-disk", body: { disk, amount }, label: `Grow disk ${disk} of ${vm.name}` })}>
      <div>
        <label htmlFor="grow-disk-index" className={label}>Disk</label>
        <select id="grow-disk-index" className={field} value={disk} onChange={(e) => setDisk(Number(e.target.value))}>
          {sizes.map((size, i) => <option key={i} value={i}>Disk {i} ({formatMiB(size)})</option>)}
        </select>
      </div>
      <SizeInput id="grow-disk-amount" label="Grow by" mib={amount} onChange={setAmount} invalid={!valid} hint={valid ? `It becomes ${formatMiB((sizes[disk] ?? 0) + amount)}.` : undefined} />
    </ActionForm>
  );
}
