"use client";
// Change a VM's memory and vCPUs. Ganeti applies them when the VM next starts; growth of a VM that is up counts
// against its owner's quota at once.
import { useState } from "react";
import { formatMiB } from "@/components/admin/units";
import { field, label } from "@/components/ui/styles";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";
import { SizeInput } from "./size-input";

export function ResizeForm({ vm, action, close }: FormProps) {
  const [memory, setMemory] = useState(vm.memory);
  const [vcpus, setVcpus] = useState(String(vm.vcpus));
  const cpu = Number(vcpus);
  const validMemory = Number.isInteger(memory) && memory >= 64;
  const validCpu = Number.isInteger(cpu) && cpu >= 1 && cpu <= 256;
  const changed = memory !== vm.memory || cpu !== vm.vcpus;
  return (
    <ActionForm submitLabel="Resize" onCancel={close} pending={action.isPending} error={action.error} disabled={!validMemory || !validCpu || !changed}
      onSubmit={() => action.mutate({ method: "PATCH", body: { ...(memory !== vm.memory ? { memory } : {}), ...(cpu !== vm.vcpus ? { vcpus: cpu } : {}) }, label: `Resize ${vm.name}` })}>
      <p className="text-sm text-slate-600">Now {formatMiB(vm.memory)} and {vm.vcpus} vCPU{vm.vcpus === 1 ? "" : "s"}.{vm.adminState === "up" && " A running VM gets the new size when it next starts (reboot it fully)."}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <SizeInput id="resize-memory" label="Memory" mib={memory} onChange={setMemory} invalid={!validMemory} hint="At least 64 MiB." />
        <div>
          <label htmlFor="resize-vcpus" className={label}>vCPUs</label>
          <input id="resize-vcpus" inputMode="numeric" className={field} value={vcpus} onChange={(e) => setVcpus(e.target.value)} aria-invalid={!validCpu || undefined} />
        </div>
      </div>
    </ActionForm>
  );
}
