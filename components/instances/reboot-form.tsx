"use client";
// Reboot a VM: soft (the guest restarts itself), hard (the hypervisor resets it) or full (stopped and started again).
import { useState } from "react";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";
import { RebootTypeField, type RebootType } from "./power-options";

export function RebootForm({ vm, action, close }: FormProps) {
  const [type, setType] = useState<RebootType>("soft");
  return (
    <ActionForm submitLabel="Reboot" onCancel={close} pending={action.isPending} error={action.error}
      onSubmit={() => action.mutate({ path: "reboot", body: { type }, label: `Reboot ${vm.name} (${type})` })}>
      <RebootTypeField id="reboot-type" value={type} onChange={setType} />
    </ActionForm>
  );
}
