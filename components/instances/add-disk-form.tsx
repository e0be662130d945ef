"use client";
// Give a VM one more disk (counted against its owner's disk quota).
import { useState } from "react";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";
import { SizeInput } from "./size-input";

export function AddDiskForm({ vm, action, close }: FormProps) {
  const [size, setSize] = useState(10240);
  const valid = Number.isInteger(size) && size >= 1;
  return (
    <ActionForm submitLabel="Add disk" onCancel={close} pending={action.isPending} error={action.error} disabled={!valid}
      onSubmit={() => action.mutate({ method: "PATCH", body: { addDisk: size }, label: `Add a disk to ${vm.name}` })}>
      <SizeInput id="add-disk-size" label="Size of the new disk" mib={size} onChange={setSize} invalid={!valid} />
    </ActionForm>
  );
}
