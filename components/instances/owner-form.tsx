"use client";
// Give a VM to another user or group (cluster admins): the owner changes at once; the owner tag follows on the
// cluster as a job, when there is one to follow.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { PersonaPicker } from "@/components/admin/persona-picker";
import { fetchJson } from "@/lib/web/fetch-json";
import { ActionForm } from "./action-form";
import type { InstanceDetail } from "./types";
import type { OnJob } from "./use-vm-action";
import { vmPath } from "./use-vm-action";

type OwnerChange = { owner: string; label: string; tagJobId: number | null };

export function OwnerForm({ vm, close, onJob, onChanged }: { vm: InstanceDetail; close: () => void; onJob: OnJob; onChanged: (label: string) => void }) {
  const [owner, setOwner] = useState(vm.owner?.persona ?? "");
  const change = useMutation({
    mutationFn: () => fetchJson<OwnerChange>(`${vmPath(vm.cluster, vm.name)}/owner`, { method: "PUT", body: { owner } }),
    onSuccess: (result) => {
      onChanged(result.label);
      if (result.tagJobId !== null) onJob({ jobId: result.tagJobId, cluster: vm.cluster, label: `Owner tag of ${vm.name}` });
      close();
    },
  });
  return (
    <ActionForm submitLabel="Change owner" onCancel={close} pending={change.isPending} error={change.error} disabled={!owner || owner === vm.owner?.persona} onSubmit={() => change.mutate()}>
      <p className="text-sm text-slate-600">Now owned by {vm.owner?.label ?? "nobody"}. The new owner&apos;s quota counts this VM from now on.</p>
      <PersonaPicker id="owner-persona" value={owner} onChange={setOwner} labelText="New owner" />
    </ActionForm>
  );
}
