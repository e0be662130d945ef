"use client";
// Reboot a VM: soft (the guest restarts itself), hard (the hypervisor resets it) or full (stopped and started again).
import { useState } from "react";
import { field, label } from "@/components/ui/styles";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";

const TYPES = { soft: "Soft: the guest restarts itself", hard: "Hard: the hypervisor resets it", full: "Full: stop, then start again" } as const;

export function RebootForm({ vm, action, close }: FormProps) {
  const [type, setType] = useState<keyof typeof TYPES>("soft");
  return (
    <ActionForm submitLabel="Reboot" onCancel={close} pending={action.isPending} error={action.error}
      onSubmit={() => action.mutate({ path: "reboot", body: { type }, label: `Reboot ${vm.name} (${type})` })}>
      <div>
        <label htmlFor="reboot-type" className={label}>Kind of reboot</label>
        <select id="reboot-type" className={field} value={type} onChange={(e) => setType(e.target.value as keyof typeof TYPES)}>
          {Object.entries(TYPES).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
        </select>
      </div>
    </ActionForm>
  );
}
