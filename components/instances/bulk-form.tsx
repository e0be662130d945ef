"use client";
// The dialog body of a bulk action: the VMs it will act on, those of the selection it leaves out and why, its options
// (as on a VM's page), and for Delete the number of VMs typed ("delete 3") before the button works.
import { useState } from "react";
import { ActionForm } from "./action-form";
import { BULK_ACTIONS, vmCount, type BulkKind, type BulkRequest } from "./bulk-actions";
import { RebootTypeField, shutdownSeconds, ShutdownTimeoutField, type RebootType } from "./power-options";
import { TypeToConfirm } from "./type-to-confirm";
import type { InstanceListItem } from "./types";

type Props = { kind: BulkKind; targets: InstanceListItem[]; leftOut: number; onSubmit: (request: BulkRequest) => void; onCancel: () => void };

export function BulkForm({ kind, targets, leftOut, onSubmit, onCancel }: Props) {
  const [timeout, setTimeoutText] = useState("120");
  const [type, setType] = useState<RebootType>("soft");
  const [typed, setTyped] = useState("");
  const action = BULK_ACTIONS[kind];
  const phrase = `delete ${targets.length}`;
  const seconds = shutdownSeconds(timeout);
  const disabled = kind === "shutdown" ? seconds === null : kind === "delete" ? typed.trim() !== phrase : false;
  return (
    <ActionForm submitLabel={`${action.verb} ${vmCount(targets.length)}`} danger={kind === "delete"} pending={false} error={null} disabled={disabled}
      onCancel={onCancel} onSubmit={() => onSubmit(action.request({ timeout: seconds ?? undefined, type }))}>
      <ul aria-label="VMs this acts on" className="max-h-40 overflow-y-auto rounded-md border border-slate-200 px-3 py-2 text-sm">
        {targets.map((vm) => <li key={`${vm.cluster}/${vm.name}`}>{vm.name} <span className="text-slate-500">on {vm.cluster}</span></li>)}
      </ul>
      {leftOut > 0 && <p className="text-sm text-slate-600">{vmCount(leftOut)} of the selection left out: {action.leftOut}.</p>}
      {kind === "shutdown" && <ShutdownTimeoutField id="bulk-shutdown-timeout" value={timeout} onChange={setTimeoutText} />}
      {kind === "reboot" && <RebootTypeField id="bulk-reboot-type" value={type} onChange={setType} />}
      {kind === "delete" && (
        <>
          <p className="text-sm text-red-800">These VMs and all their disks are removed. This cannot be undone.</p>
          <TypeToConfirm id="bulk-delete-confirm" name={phrase} value={typed} onChange={setTyped} />
        </>
      )}
    </ActionForm>
  );
}
