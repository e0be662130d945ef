"use client";
// The wizard's form for one cluster: owner and name, the system, placement, and — folded, as most VMs take the
// cluster's defaults — network cards and advanced parameters; checked while the user types (the instance policy and
// repeated parameter names here in the browser; name, NICs, parameters and quota by the server's dry run) — and a
// summary of what will be sent with the owner's quota after this VM and the button. Once submitted, the job is
// followed live and the VM's page linked.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { card } from "@/components/ui/styles";
import { policyProblems } from "@/lib/manager/instances/instance-policy";
import { fetchJson } from "@/lib/web/fetch-json";
import { CreateResult } from "./create-result";
import { CreateSummary } from "./create-summary";
import { AdvancedSection } from "./advanced-section";
import { CollapsibleStep } from "./collapsible-step";
import { IdentitySection } from "./identity-section";
import { NicsEditor } from "./nics-editor";
import { PlacementSection } from "./placement-section";
import { SystemSection } from "./system-section";
import { draftProblems, initialDraft, toRequest, type CreateOptions, type Draft } from "./types";
import { useCreateCheck } from "./use-create-check";

type Created = { jobId: number; cluster: string; name: string; owner: string };

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`step-${n}`} className={card}>
      <h2 id={`step-${n}`} className="mb-4 text-base font-semibold"><span className="mr-2 text-brand-600">{n}</span>{title}</h2>
      {children}
    </section>
  );
}

export function CreateForm({ options }: { options: CreateOptions }) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(options));
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const applyTemplate = (id: string) => {
    const t = options.templates.find((x) => x.id === id);
    if (!t) return change({ templateId: "" });
    change({ templateId: id, diskTemplate: t.diskTemplate, disks: t.disks, memory: t.memory, vcpus: String(t.vcpus), ...(t.os ? { os: t.os } : {}) });
  };
  const request = toRequest(options, draft);
  const check = useCreateCheck(request);
  const policy = policyProblems(options.ipolicy ?? undefined, { memory: request.memory, vcpus: request.vcpus, disks: request.disks, nics: request.nics.length, diskTemplate: request.diskTemplate });
  const serverProblems = (check.data?.problems ?? []).filter((p) => p.field !== "name" || request.name);
  const all = [...policy, ...draftProblems(draft), ...serverProblems].filter((p, i, list) => list.findIndex((q) => q.message === p.message) === i);
  const problems = (field: string) => all.filter((p) => p.field === field).map((p) => p.message);
  const within = (...prefixes: string[]) => all.some((p) => prefixes.some((prefix) => p.field === prefix || p.field.startsWith(`${prefix}.`)));
  const customised = draft.osparams.length + Object.values(draft.hvparams).filter(Boolean).length + draft.extraHvparams.length;
  const create = useMutation({ mutationFn: () => fetchJson<Created>("/api/instances", { method: "POST", body: request }) });
  const ownerLabel = options.personas.find((p) => p.persona === draft.owner)?.label ?? draft.owner;

  if (create.data) return <CreateResult created={create.data} />;
  const ready = Boolean(request.name) && all.length === 0 && check.current && check.data?.ok === true;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-6">
        <Step n={2} title="Owner and name"><IdentitySection options={options} draft={draft} change={change} applyTemplate={applyTemplate} problems={problems} /></Step>
        <Step n={3} title="System"><SystemSection options={options} draft={draft} change={change} problems={problems} /></Step>
        <Step n={4} title="Placement"><PlacementSection options={options} draft={draft} change={change} problems={problems} /></Step>
        <CollapsibleStep n={5} title="Network" hasProblems={within("nics")}
          summary={`${draft.nics.length} NIC${draft.nics.length === 1 ? "" : "s"}${draft.nics.some((n) => Object.values(n).some((v) => v.trim())) ? "" : ", the cluster's defaults"}`}>
          <NicsEditor options={options} nics={draft.nics} onChange={(nics) => change({ nics })} problems={problems} />
        </CollapsibleStep>
        <CollapsibleStep n={6} title="Advanced" hasProblems={within("osparams", "hvparams", "hypervisor")}
          summary={customised ? `${customised} parameter${customised === 1 ? "" : "s"} set` : "OS and hypervisor parameters: the defaults"}>
          <AdvancedSection options={options} draft={draft} change={change} problems={problems} />
        </CollapsibleStep>
      </div>
      <CreateSummary request={request} nicDefaults={options.nicDefaults} ownerLabel={ownerLabel} problems={all} quota={check.data?.quota ?? null} checking={!check.current} checkError={check.error}
        ready={ready} pending={create.isPending} submitError={create.error} onSubmit={() => create.mutate()} />
    </div>
  );
}
