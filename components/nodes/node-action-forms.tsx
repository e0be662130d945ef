"use client";
// The forms inside a node action's dialog: what is about to happen, in words, and the button that does it.
import { useState } from "react";
import type { NodeView } from "@/components/clusters/types";
import { ActionForm } from "@/components/instances/action-form";
import { TypeToConfirm } from "@/components/instances/type-to-confirm";
import { field, label } from "@/components/ui/styles";

export type NodeRequest = { action: "role" | "migrate" | "evacuate"; body: Record<string, unknown>; label: string };
type Props = { node: NodeView; pending: boolean; error: unknown; close: () => void; send: (request: NodeRequest) => void };

const ROLES = [
  ["regular", "Regular: runs VMs, holds no copy of the configuration (the cluster may promote it to master candidate again if its pool is short)."],
  ["master-candidate", "Master candidate: holds a copy of the configuration and may become master."],
  ["drained", "Drained: keeps its VMs but gets no new ones (before maintenance)."],
  ["offline", "Offline: Ganeti stops talking to it (it is down or being repaired)."],
] as const;

export function RoleForm({ node, pending, error, close, send }: Props) {
  const [role, setRole] = useState<string>(node.role === "regular" ? "drained" : "regular");
  return (
    <ActionForm submitLabel="Set role" onCancel={close} pending={pending} error={error} disabled={role === node.role}
      onSubmit={() => send({ action: "role", body: { role }, label: `Set ${node.name} ${role}` })}>
      <fieldset className="space-y-2">
        <legend className={label}>New role (now {node.role})</legend>
        {ROLES.map(([value, text]) => (
          <label key={value} className="flex items-start gap-2 text-sm text-slate-700">
            <input type="radio" name="node-role" value={value} checked={role === value} onChange={() => setRole(value)} className="mt-1" />
            <span>{text}</span>
          </label>
        ))}
      </fieldset>
      {role === "offline" && node.primaries > 0 && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{node.name} still has {node.primaries} primary VM(s); move them first, or they stop being managed.</p>}
    </ActionForm>
  );
}

export function MigrateAllForm({ node, pending, error, close, send }: Props) {
  const [mode, setMode] = useState("live");
  return (
    <ActionForm submitLabel={`Migrate ${node.primaries} VM(s)`} onCancel={close} pending={pending} error={error} disabled={node.primaries === 0}
      onSubmit={() => send({ action: "migrate", body: { mode }, label: `Migrate all primaries of ${node.name}` })}>
      <p className="text-sm text-slate-700">Every VM whose primary is {node.name} moves to its secondary node (DRBD) or a node hail chooses.</p>
      <div>
        <label htmlFor="node-migrate-mode" className={label}>Mode</label>
        <select id="node-migrate-mode" className={field} value={mode} onChange={(e) => setMode(e.target.value)}>
          <option value="live">live (the VMs keep running)</option>
          <option value="non-live">non-live (each VM pauses while it moves)</option>
        </select>
      </div>
    </ActionForm>
  );
}

export function EvacuateForm({ node, pending, error, close, send }: Props) {
  const [mode, setMode] = useState("all");
  const [typed, setTyped] = useState("");
  return (
    <ActionForm submitLabel="Evacuate" danger onCancel={close} pending={pending} error={error} disabled={typed !== node.name}
      onSubmit={() => send({ action: "evacuate", body: { mode }, label: `Evacuate ${node.name}` })}>
      <p className="text-sm text-slate-700">The VMs move off {node.name} to nodes hail chooses; secondaries get their disks copied anew.</p>
      <div>
        <label htmlFor="node-evacuate-mode" className={label}>Which VMs</label>
        <select id="node-evacuate-mode" className={field} value={mode} onChange={(e) => setMode(e.target.value)}>
          <option value="all">all ({node.primaries} primary, {node.secondaries} secondary)</option>
          <option value="primary-only">primary only ({node.primaries})</option>
          <option value="secondary-only">secondary only ({node.secondaries})</option>
        </select>
      </div>
      <TypeToConfirm id="node-evacuate-confirm" name={node.name} value={typed} onChange={setTyped} />
    </ActionForm>
  );
}
