"use client";
// The bar over the VM list while VMs are selected: how many, one button per bulk action with the number of selected
// VMs it applies to, and Clear. Start goes at once (as on a VM's page); the others open a dialog first. An admin of
// the selected VMs' cluster may also mail their owners (the broadcast page, with those VMs filled in).
import Link from "next/link";
import { useState } from "react";
import { dangerButton, primaryButton, secondaryButton } from "@/components/ui/styles";
import { ActionDialog } from "./action-dialog";
import { BULK_ACTIONS, BULK_KINDS, bulkTargets, vmCount, type BulkKind, type BulkRequest } from "./bulk-actions";
import { BulkForm } from "./bulk-form";
import type { InstanceListItem } from "./types";

type Props = {
  selected: InstanceListItem[];
  busy: boolean;
  onRun: (kind: BulkKind, targets: InstanceListItem[], request: BulkRequest) => void;
  onClear: () => void;
  /** Whether the user may mail the owners of this cluster's VMs (its admin, or a superuser). */
  mayNotify: (cluster: string) => boolean;
};

/** The broadcast page for the selected VMs, when they are all on one cluster whose owners this user may mail. */
function notifyHref(selected: InstanceListItem[], mayNotify: Props["mayNotify"]): string | null {
  const clusters = new Set(selected.map((vm) => vm.cluster));
  const [cluster] = clusters;
  if (clusters.size !== 1 || !cluster || !mayNotify(cluster)) return null;
  return `/admin/broadcast?${new URLSearchParams({ cluster, vms: selected.map((vm) => vm.name).join(",") })}`;
}

export function BulkBar({ selected, busy, onRun, onClear, mayNotify }: Props) {
  const [open, setOpen] = useState<BulkKind | null>(null);
  const close = () => setOpen(null);
  const targets = open ? bulkTargets(open, selected) : [];
  const notify = notifyHref(selected, mayNotify);
  return (
    <div role="toolbar" aria-label="Bulk actions" className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2">
      <span className="mr-2 text-sm font-medium text-brand-900">{vmCount(selected.length)} selected</span>
      {BULK_KINDS.map((kind) => {
        const n = bulkTargets(kind, selected).length;
        const { verb } = BULK_ACTIONS[kind];
        return (
          <button key={kind} type="button" disabled={busy || n === 0} aria-label={`${verb} ${vmCount(n)}`}
            title={n === 0 ? `None of the selected VMs: ${BULK_ACTIONS[kind].leftOut}.` : undefined}
            className={kind === "delete" ? dangerButton : kind === "start" ? primaryButton : secondaryButton}
            onClick={() => (kind === "start" ? onRun(kind, bulkTargets(kind, selected), BULK_ACTIONS.start.request({})) : setOpen(kind))}>
            {verb} <span className="tabular-nums opacity-80">({n})</span>
          </button>
        );
      })}
      {notify && <Link href={notify} className={secondaryButton} aria-label={`Notify the owners of ${vmCount(selected.length)}`}>Notify owners <span className="tabular-nums opacity-80">({selected.length})</span></Link>}
      <button type="button" className={`${secondaryButton} ml-auto`} onClick={onClear}>Clear selection</button>
      <ActionDialog title={open ? `${BULK_ACTIONS[open].verb} ${vmCount(targets.length)}` : ""} open={open !== null} onClose={close}>
        {open && (
          <BulkForm kind={open} targets={targets} leftOut={selected.length - targets.length} onCancel={close}
            onSubmit={(request) => {
              close();
              onRun(open, targets, request);
            }} />
        )}
      </ActionDialog>
    </div>
  );
}
