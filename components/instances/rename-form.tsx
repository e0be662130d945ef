"use client";
// Rename a VM (destructive for whoever reaches it by name: typed confirmation). Ganeti renames only a stopped VM, so
// the form says so before anything is sent when the VM is up.
import { useState } from "react";
import { field, label } from "@/components/ui/styles";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";
import { TypeToConfirm } from "./type-to-confirm";

export function RenameForm({ vm, action, close }: FormProps) {
  const [newName, setNewName] = useState("");
  const [confirm, setConfirm] = useState("");
  const up = vm.adminState === "up";
  return (
    <ActionForm submitLabel="Rename" danger onCancel={close} pending={action.isPending} error={action.error}
      disabled={up || !newName.trim() || newName.trim().toLowerCase() === vm.name || confirm !== vm.name}
      onSubmit={() => action.mutate({ path: "rename", body: { newName: newName.trim() }, label: `Rename ${vm.name} to ${newName.trim()}` })}>
      {up && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{vm.name} is running. Ganeti renames only a stopped VM: shut it down first.</p>}
      <div>
        <label htmlFor="rename-new" className={label}>New name</label>
        <input id="rename-new" className={field} value={newName} onChange={(e) => setNewName(e.target.value)} disabled={up} placeholder="web2.example.org" autoComplete="off" />
      </div>
      {!up && <TypeToConfirm id="rename-confirm" name={vm.name} value={confirm} onChange={setConfirm} />}
    </ActionForm>
  );
}
