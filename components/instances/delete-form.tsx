"use client";
// Delete a VM and its disks for good (typed confirmation).
import { useState } from "react";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";
import { TypeToConfirm } from "./type-to-confirm";

export function DeleteForm({ vm, action, close }: FormProps) {
  const [confirm, setConfirm] = useState("");
  return (
    <ActionForm submitLabel="Delete VM" danger onCancel={close} pending={action.isPending} error={action.error} disabled={confirm !== vm.name}
      onSubmit={() => action.mutate({ method: "DELETE", label: `Delete ${vm.name}` })}>
      <p className="text-sm text-red-800">{vm.name} and all its disks are removed from {vm.cluster}. This cannot be undone.</p>
      <TypeToConfirm id="delete-confirm" name={vm.name} value={confirm} onChange={setConfirm} />
    </ActionForm>
  );
}
