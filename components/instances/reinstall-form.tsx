"use client";
// Reinstall a VM's operating system: its disks are erased (typed confirmation). A VM that was up is started again,
// one that was down stays down. The OS list comes live from the cluster (for those who may reinstall); otherwise it is typed.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { field, label } from "@/components/ui/styles";
import { ActionForm } from "./action-form";
import { liveQuery } from "./instance-live-details";
import type { FormProps } from "./form-props";
import { TypeToConfirm } from "./type-to-confirm";

export function ReinstallForm({ vm, action, close }: FormProps) {
  const [os, setOs] = useState(vm.os);
  const [confirm, setConfirm] = useState("");
  const live = useQuery(liveQuery(vm.cluster, vm.name));
  const list = live.data?.operatingSystems;
  return (
    <ActionForm submitLabel="Reinstall" danger onCancel={close} pending={action.isPending} error={action.error} disabled={!os.trim() || confirm !== vm.name}
      onSubmit={() => action.mutate({ path: "reinstall", body: { os: os.trim() }, label: `Reinstall ${vm.name} with ${os.trim()}` })}>
      <p className="text-sm text-red-800">Everything on {vm.name}&apos;s disks is erased.</p>
      <div>
        <label htmlFor="reinstall-os" className={label}>Operating system</label>
        {list ? (
          <select id="reinstall-os" className={field} value={os} onChange={(e) => setOs(e.target.value)}>
            {!list.includes(os) && <option value={os}>{os}</option>}
            {list.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        ) : (
          <input id="reinstall-os" className={`${field} font-mono`} value={os} onChange={(e) => setOs(e.target.value)} />
        )}
      </div>
      <TypeToConfirm id="reinstall-confirm" name={vm.name} value={confirm} onChange={setConfirm} />
    </ActionForm>
  );
}
