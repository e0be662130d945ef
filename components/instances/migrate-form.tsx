"use client";
// Move a VM to another node: live migration (no downtime; to its secondary, or to a chosen node on shared storage) or
// failover (stopped and started on the other node, for when migration is impossible, e.g. its primary is down).
import { useState } from "react";
import { field, label } from "@/components/ui/styles";
import { ActionForm } from "./action-form";
import type { FormProps } from "./form-props";

const SHARED = new Set(["sharedfile", "rbd", "ext", "blockdev"]);

export function MigrateForm({ vm, action, close, failover = false }: FormProps & { failover?: boolean }) {
  const [mode, setMode] = useState<"live" | "non-live">("live");
  const [target, setTarget] = useState("");
  const shared = SHARED.has(vm.diskTemplate);
  const movable = shared || vm.snodes.length > 0;
  const verb = failover ? "Fail over" : "Migrate";
  return (
    <ActionForm submitLabel={verb} onCancel={close} pending={action.isPending} error={action.error}
      onSubmit={() => action.mutate({
        path: failover ? "failover" : "migrate",
        body: failover ? { ...(target ? { targetNode: target } : {}) } : { mode, ...(target ? { targetNode: target } : {}) },
        label: `${verb} ${vm.name}`,
      })}>
      <p className="text-sm text-slate-600">
        Now on <span className="font-medium">{vm.pnode}</span>
        {vm.snodes.length > 0 ? <> with its secondary on <span className="font-medium">{vm.snodes.join(", ")}</span>; it moves there.</> : "."}
        {!movable && ` A ${vm.diskTemplate} VM has its disks on one node only: the cluster will refuse to move it.`}
      </p>
      {!failover && (
        <div>
          <label htmlFor="migrate-mode" className={label}>Mode</label>
          <select id="migrate-mode" className={field} value={mode} onChange={(e) => setMode(e.target.value as "live" | "non-live")}>
            <option value="live">Live: keeps running</option>
            <option value="non-live">Non-live: paused while it moves</option>
          </select>
        </div>
      )}
      {shared && (
        <div>
          <label htmlFor="migrate-target" className={label}>Target node (optional)</label>
          <input id="migrate-target" className={field} value={target} onChange={(e) => setTarget(e.target.value)} placeholder="chosen by the allocator when empty" />
        </div>
      )}
    </ActionForm>
  );
}
