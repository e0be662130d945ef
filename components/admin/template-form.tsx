"use client";
// A VM template's fields, for a new template or to edit one: where it applies (a cluster, or every cluster for
// superusers), its name and description, and what it fills in in the create wizard (disk template, disks, memory,
// vCPUs, operating system). The API checks them; its message is shown under the field it names, else under the form.
import { useState, type FormEvent } from "react";
import { DisksEditor } from "@/components/create/disks-editor";
import { ProblemText } from "@/components/create/problem-text";
import { SizeInput } from "@/components/instances/size-input";
import { ErrorAlert } from "@/components/ui/error-alert";
import { field, label, primaryButton, secondaryButton } from "@/components/ui/styles";
import { DISK_TEMPLATES, diskTemplateChoice } from "@/lib/manager/instances/disk-templates";
import type { TemplateView } from "./types";

export type TemplateBody = { cluster?: string; name: string; description: string; diskTemplate: string; disks: number[]; memory: number; vcpus: number; os: string };

type Props = {
  id: string;
  initial?: TemplateView;
  /** The clusters this user keeps templates for; "" stands for every cluster (superusers). */
  clusters: string[];
  defaultCluster?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: TemplateBody) => void;
  onCancel?: () => void;
};

/** The API's messages start with the field they are about ("Memory: at least 64 MiB."). */
const FIELD_OF: Record<string, string> = { Name: "name", Description: "description", "Disk template": "diskTemplate", Disks: "disks", "Disk size": "disks", Memory: "memory", vCPUs: "vcpus", os: "os" };
const fieldOf = (error: unknown) => (error instanceof Error ? FIELD_OF[error.message.split(":")[0]!] : undefined);

export function TemplateForm({ id, initial, clusters, defaultCluster, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [cluster, setCluster] = useState(initial ? initial.cluster ?? "" : defaultCluster && clusters.includes(defaultCluster) ? defaultCluster : clusters[0] ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [diskTemplate, setDiskTemplate] = useState(initial?.diskTemplate ?? "plain");
  const [disks, setDisks] = useState<number[]>(initial?.disks.length ? initial.disks : [10240]);
  const [memory, setMemory] = useState(initial?.memory ?? 1024);
  const [vcpus, setVcpus] = useState(String(initial?.vcpus ?? 1));
  const [os, setOs] = useState(initial?.os ?? "");
  const about = fieldOf(error);
  const problems = (f: string) => (about === f && error instanceof Error ? [error.message] : []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const diskless = diskTemplate === "diskless";
    onSubmit({ ...(cluster ? { cluster } : {}), name, description, diskTemplate, disks: diskless ? [] : disks, memory, vcpus: vcpus.trim() === "" ? NaN : Number(vcpus), os });
  };
  const input = (f: string, extra = "") => ({ id: `${id}-${f}`, className: `${field} ${problems(f).length ? "border-red-400" : ""} ${extra}`.trim(), "aria-invalid": problems(f).length > 0 || undefined, "aria-describedby": `${id}-${f}-problems` });
  const problemText = (f: string) => <ProblemText id={`${id}-${f}-problems`} problems={problems(f)} />;

  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" aria-label={submitLabel}>
      <div>
        <label htmlFor={`${id}-cluster`} className={label}>Cluster</label>
        <select id={`${id}-cluster`} className={field} value={cluster} onChange={(e) => setCluster(e.target.value)}>
          {clusters.map((c) => <option key={c} value={c}>{c || "Every cluster"}</option>)}
        </select>
        <p className="mt-1 text-xs text-slate-500">Users who may create VMs there find it in the create wizard.</p>
      </div>
      <div>
        <label htmlFor={`${id}-name`} className={label}>Name</label>
        <input {...input("name")} required value={name} onChange={(e) => setName(e.target.value)} placeholder="small" autoComplete="off" />
        {problemText("name")}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-description`} className={label}>Description</label>
        <input {...input("description")} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="1 vCPU, 1 GiB: a small web server" autoComplete="off" />
        {problemText("description")}
      </div>
      <div>
        <label htmlFor={`${id}-diskTemplate`} className={label}>Disk template</label>
        <select {...input("diskTemplate")} value={diskTemplate} onChange={(e) => setDiskTemplate(e.target.value)}>
          {DISK_TEMPLATES.map((t) => <option key={t} value={t}>{diskTemplateChoice(t)}</option>)}
        </select>
        {problemText("diskTemplate")}
      </div>
      <div>
        <label htmlFor={`${id}-os`} className={label}>Operating system</label>
        <input {...input("os", "font-mono")} value={os} onChange={(e) => setOs(e.target.value)} placeholder="noop" autoComplete="off" spellCheck={false} />
        <p className="mt-1 text-xs text-slate-500">Empty: the user chooses one. Otherwise one the cluster offers, e.g. debootstrap+default.</p>
        {problemText("os")}
      </div>
      <div>
        <SizeInput id={`${id}-memory`} label="Memory" mib={memory} onChange={setMemory} invalid={problems("memory").length > 0} />
        {problemText("memory")}
      </div>
      <div>
        <label htmlFor={`${id}-vcpus`} className={label}>vCPUs</label>
        <input {...input("vcpus")} inputMode="numeric" value={vcpus} onChange={(e) => setVcpus(e.target.value)} />
        {problemText("vcpus")}
      </div>
      {diskTemplate !== "diskless" && (
        <div className="sm:col-span-2">
          <DisksEditor idPrefix={`${id}-disk`} disks={disks} onChange={setDisks} invalid={problems("disks").length > 0} />
          {problemText("disks")}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        {!about && <div className="basis-full"><ErrorAlert error={error} /></div>}
        <button type="submit" className={primaryButton} disabled={pending}>{pending ? "Saving…" : submitLabel}</button>
        {onCancel && <button type="button" className={secondaryButton} onClick={onCancel} disabled={pending}>Cancel</button>}
      </div>
    </form>
  );
}
