"use client";
// A node's admin actions (cluster admin or migrate, or a superuser): set its role, migrate all its primaries away,
// evacuate it. Each asks first in a dialog; the job it starts is handed to the page to follow.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { NodeView } from "@/components/clusters/types";
import { ActionDialog } from "@/components/instances/action-dialog";
import type { Submitted } from "@/components/instances/types";
import { dangerButton, secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { EvacuateForm, MigrateAllForm, RoleForm, type NodeRequest } from "./node-action-forms";

type Dialog = "role" | "migrate" | "evacuate";
const TITLES: Record<Dialog, string> = { role: "Change the role of", migrate: "Migrate all primaries of", evacuate: "Evacuate" };

export function NodeActions({ cluster, node, busy, onJob }: { cluster: string; node: NodeView; busy: boolean; onJob: (job: Submitted & { label: string }) => void }) {
  const [open, setOpen] = useState<Dialog | null>(null);
  const close = () => setOpen(null);
  const action = useMutation({
    mutationFn: async (request: NodeRequest) => {
      const submitted = await fetchJson<Submitted>(`/api/nodes/${encodeURIComponent(cluster)}/${encodeURIComponent(node.name)}/${request.action}`, { method: "POST", body: request.body });
      return { ...submitted, label: request.label };
    },
    onSuccess: (job) => { onJob(job); close(); },
  });
  const show = (dialog: Dialog) => () => { action.reset(); setOpen(dialog); };
  const master = node.role === "master";
  const props = { node, pending: action.isPending, error: action.error, close, send: (r: NodeRequest) => action.mutate(r) };
  return (
    <div role="toolbar" aria-label="Node actions" className="flex flex-wrap items-center gap-2">
      {master
        ? <span className="text-sm text-slate-600">The master's role changes only by a master failover.</span>
        : <button type="button" className={secondaryButton} onClick={show("role")} disabled={busy}>Change role</button>}
      <button type="button" className={secondaryButton} onClick={show("migrate")} disabled={busy || node.primaries === 0}>Migrate all</button>
      <button type="button" className={dangerButton} onClick={show("evacuate")} disabled={busy || node.primaries + node.secondaries === 0}>Evacuate</button>
      <ActionDialog title={open ? `${TITLES[open]} ${node.name}` : ""} open={open !== null} onClose={close}>
        {open === "role" && <RoleForm {...props} />}
        {open === "migrate" && <MigrateAllForm {...props} />}
        {open === "evacuate" && <EvacuateForm {...props} />}
      </ActionDialog>
    </div>
  );
}
