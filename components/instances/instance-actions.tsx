"use client";
// The actions this user may take on the VM (the API's `allowed`), grouped as people think of them: power, size and
// disks, placement, and the destructive ones apart. Each opens a dialog; what is sent becomes a job the page follows.
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { dangerButton, primaryButton, secondaryButton } from "@/components/ui/styles";
import { ActionDialog } from "./action-dialog";
import { AddDiskForm } from "./add-disk-form";
import { DeleteForm } from "./delete-form";
import { GrowDiskForm } from "./grow-disk-form";
import { instanceHref } from "./instance-table";
import { MigrateForm } from "./migrate-form";
import { OwnerForm } from "./owner-form";
import { RebootForm } from "./reboot-form";
import { ReinstallForm } from "./reinstall-form";
import { RenameForm } from "./rename-form";
import { ResizeForm } from "./resize-form";
import { ShutdownForm } from "./shutdown-form";
import type { InstanceDetail } from "./types";
import { useVmAction, type OnJob } from "./use-vm-action";
import { ErrorAlert } from "@/components/ui/error-alert";

type Dialog = "shutdown" | "reboot" | "resize" | "add-disk" | "grow-disk" | "migrate" | "failover" | "rename" | "reinstall" | "delete" | "owner";

const TITLES: Record<Dialog, string> = {
  shutdown: "Shut down", reboot: "Reboot", resize: "Resize memory and vCPUs", "add-disk": "Add a disk", "grow-disk": "Grow a disk",
  migrate: "Migrate", failover: "Fail over", rename: "Rename", reinstall: "Reinstall the OS", delete: "Delete", owner: "Change owner",
};

export function InstanceActions({ vm, onJob, onOwnerChanged, busy }: { vm: InstanceDetail; onJob: OnJob; onOwnerChanged: (label: string) => void; busy: boolean }) {
  const [open, setOpen] = useState<Dialog | null>(null);
  const close = () => setOpen(null);
  const action = useVmAction(vm.cluster, vm.name, onJob, close);
  const start = useVmAction(vm.cluster, vm.name, onJob);
  const can = (a: InstanceDetail["allowed"][number]) => vm.allowed.includes(a);
  const up = vm.adminState === "up";
  const show = (dialog: Dialog) => () => { action.reset(); setOpen(dialog); };
  const button = (dialog: Dialog, text: string, cls = secondaryButton) => <button type="button" className={cls} onClick={show(dialog)} disabled={busy}>{text}</button>;

  const groups: Array<[string, ReactNode[]]> = [];
  if (can("console")) {
    groups.push(["Console", [
      up ? <Link key="console" href={`${instanceHref(vm.cluster, vm.name)}/console`} className={secondaryButton}>Open console</Link>
        : <span key="console" className="text-xs text-slate-500">Start the VM to open its console.</span>,
    ]]);
  }
  if (can("power")) {
    groups.push(["Power", [
      !up && <button key="start" type="button" className={primaryButton} disabled={busy || start.isPending} onClick={() => start.mutate({ path: "startup", label: `Start ${vm.name}` })}>{start.isPending ? "Starting…" : "Start"}</button>,
      up && <span key="shutdown">{button("shutdown", "Shut down")}</span>,
      up && <span key="reboot">{button("reboot", "Reboot")}</span>,
    ]]);
  }
  if (can("modify")) groups.push(["Size and disks", [<span key="r">{button("resize", "Resize")}</span>, <span key="a">{button("add-disk", "Add disk")}</span>, <span key="g">{button("grow-disk", "Grow disk")}</span>]]);
  if (can("migrate")) groups.push(["Placement", [<span key="m">{button("migrate", "Migrate")}</span>, <span key="f">{button("failover", "Fail over")}</span>]]);
  if (can("set_owner")) groups.push(["Ownership", [<span key="o">{button("owner", "Change owner")}</span>]]);
  const destructive = [can("modify") && <span key="n">{button("rename", "Rename", dangerButton)}</span>, can("remove") && <span key="i">{button("reinstall", "Reinstall", dangerButton)}</span>, can("remove") && <span key="d">{button("delete", "Delete", dangerButton)}</span>].filter(Boolean);
  if (destructive.length) groups.push(["Danger zone", destructive]);

  if (vm.clusterReadOnly) return <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">Cluster {vm.cluster} is read-only in Gantry: no actions can be taken on its VMs here.</p>;
  if (groups.length === 0) return <p className="text-sm text-slate-600">You may look at this VM but not act on it. Ask its owner or an administrator for a permission.</p>;

  const formProps = { vm, action, close };
  return (
    <div role="toolbar" aria-label="VM actions" className="flex flex-wrap gap-x-6 gap-y-3">
      {groups.map(([title, items]) => (
        <div key={title} role="group" aria-label={title} className="flex flex-col gap-1.5">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</span>
          <div className="flex flex-wrap gap-2">{items}</div>
        </div>
      ))}
      {start.error && <div className="basis-full"><ErrorAlert error={start.error} /></div>}
      <ActionDialog title={open ? `${TITLES[open]} ${vm.name}` : ""} open={open !== null} onClose={close}>
        {open === "shutdown" && <ShutdownForm {...formProps} />}
        {open === "reboot" && <RebootForm {...formProps} />}
        {open === "resize" && <ResizeForm {...formProps} />}
        {open === "add-disk" && <AddDiskForm {...formProps} />}
        {open === "grow-disk" && <GrowDiskForm {...formProps} />}
        {open === "migrate" && <MigrateForm {...formProps} />}
        {open === "failover" && <MigrateForm {...formProps} failover />}
        {open === "rename" && <RenameForm {...formProps} />}
        {open === "reinstall" && <ReinstallForm {...formProps} />}
        {open === "delete" && <DeleteForm {...formProps} />}
        {open === "owner" && <OwnerForm vm={vm} close={close} onJob={onJob} onChanged={onOwnerChanged} />}
      </ActionDialog>
    </div>
  );
}
