"use client";
// Shut a VM down: the guest gets a number of seconds to stop on its own before the hypervisor stops it (0: at once).
import { useState } from "react";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";
import { shutdownSeconds, ShutdownTimeoutField } from "./power-options";

export function ShutdownForm({ vm, action, close }: FormProps) {
  const [timeout, setTimeoutText] = useState("120");
  const seconds = shutdownSeconds(timeout);
  return (
    <ActionForm submitLabel="Shut down" onCancel={close} pending={action.isPending} error={action.error} disabled={seconds === null}
      onSubmit={() => action.mutate({ path: "shutdown", body: { timeout: seconds }, label: `Shut down ${vm.name}` })}>
      <ShutdownTimeoutField id="shutdown-timeout" value={timeout} onChange={setTimeoutText} />
    </ActionForm>
  );
}
