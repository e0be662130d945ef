"use client";
// Shut a VM down: the guest gets a number of seconds to stop on its own before the hypervisor stops it (0: at once).
import { useState } from "react";
import { field, label } from "@/components/ui/styles";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";

export function ShutdownForm({ vm, action, close }: FormProps) {
  const [timeout, setSeconds] = useState("120");
  const seconds = Number(timeout);
  const valid = timeout.trim() !== "" && Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600;
  return (
    <ActionForm submitLabel="Shut down" onCancel={close} pending={action.isPending} error={action.error} disabled={!valid}
      onSubmit={() => action.mutate({ path: "shutdown", body: { timeout: seconds }, label: `Shut down ${vm.name}` })}>
      <div>
        <label htmlFor="shutdown-timeout" className={label}>Seconds the guest gets to shut down cleanly</label>
        <input id="shutdown-timeout" inputMode="numeric" className={field} value={timeout} onChange={(e) => setSeconds(e.target.value)} aria-describedby="shutdown-timeout-hint" aria-invalid={!valid || undefined} />
        <p id="shutdown-timeout-hint" className="mt-1 text-xs text-slate-500">0 to 3600; 0 stops it at once, like pulling the plug.</p>
      </div>
    </ActionForm>
  );
}
