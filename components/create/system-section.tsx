"use client";
// What the VM is made of: operating system, disk template, disks, memory and vCPUs — with the instance policy's
// problems under each field as the user types.
import { SizeInput } from "@/components/instances/size-input";
import { field, label } from "@/components/ui/styles";
import { diskTemplateChoice } from "@/lib/manager/instances/disk-templates";
import { DisksEditor } from "./disks-editor";
import { ProblemText } from "./problem-text";
import type { CreateOptions, Draft } from "./types";

type Props = { options: CreateOptions; draft: Draft; change: (patch: Partial<Draft>) => void; problems: (field: string) => string[] };

export function SystemSection({ options, draft, change, problems }: Props) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="create-os" className={label}>Operating system</label>
        <select id="create-os" className={field} value={draft.os} onChange={(e) => change({ os: e.target.value })}>
          {!options.operatingSystems.includes(draft.os) && <option value={draft.os}>{draft.os || "Choose…"}</option>}
          {options.operatingSystems.map((os) => <option key={os} value={os}>{os}</option>)}
        </select>
        <ProblemText id="os-problems" problems={problems("os")} />
      </div>
      <div>
        <label htmlFor="create-disk-template" className={label}>Disk template</label>
        <select id="create-disk-template" className={field} value={draft.diskTemplate}
          onChange={(e) => change({ diskTemplate: e.target.value, disks: e.target.value === "diskless" ? [] : draft.disks.length ? draft.disks : [10240] })}>
          {!options.diskTemplates.includes(draft.diskTemplate) && <option value={draft.diskTemplate}>{draft.diskTemplate}</option>}
          {options.diskTemplates.map((t) => <option key={t} value={t}>{diskTemplateChoice(t)}</option>)}
        </select>
        <ProblemText id="disk-template-problems" problems={problems("diskTemplate")} />
      </div>
      <div>
        <SizeInput id="create-memory" label="Memory" mib={draft.memory} onChange={(memory) => change({ memory })} invalid={problems("memory").length > 0} />
        <ProblemText id="memory-problems" problems={problems("memory")} />
      </div>
      <div>
        <label htmlFor="create-vcpus" className={label}>vCPUs</label>
        <input id="create-vcpus" inputMode="numeric" className={`${field} ${problems("vcpus").length ? "border-red-400" : ""}`} value={draft.vcpus} onChange={(e) => change({ vcpus: e.target.value })}
          aria-invalid={problems("vcpus").length > 0 || undefined} aria-describedby="vcpus-problems" />
        <ProblemText id="vcpus-problems" problems={problems("vcpus")} />
      </div>
      {draft.diskTemplate !== "diskless" && (
        <div className="sm:col-span-2">
          <DisksEditor disks={draft.disks} onChange={(disks) => change({ disks })} invalid={problems("disks").length > 0} />
          <ProblemText id="disks-problems" problems={problems("disks")} />
        </div>
      )}
    </div>
  );
}
