"use client";
// The request form's fields, each with its hint (the admin's limits) and the server's problems with it under it. A
// problem is shown once the field has something in it, so an empty form does not start in red.
import { formatMiB } from "@/components/admin/units";
import { ProblemText } from "@/components/create/problem-text";
import { SizeInput } from "@/components/instances/size-input";
import { field, label } from "@/components/ui/styles";
import type { RequestDraft } from "./request-draft";
import type { RequestCheckView, RequestFormOptions, RequestSettings } from "./types";

type Props = {
  draft: RequestDraft;
  change: (patch: Partial<RequestDraft>) => void;
  limits: RequestSettings;
  options: RequestFormOptions | undefined;
  problems: RequestCheckView["problems"];
  me: string;
};

export function RequestFields({ draft, change, limits, options, problems, me }: Props) {
  const about = (name: keyof RequestDraft) => (String(draft[name]).trim() === "" ? [] : problems.filter((p) => p.field === name).map((p) => p.message));
  const offer = options?.offer && options.offer.cluster === draft.preferredCluster ? options.offer : null;
  const input = (name: keyof RequestDraft) => `${field} ${about(name).length ? "border-red-400" : ""}`;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="request-owner" className={label}>For</label>
        <select id="request-owner" className={field} value={draft.owner} onChange={(e) => change({ owner: e.target.value })}>
          {(options?.personas ?? [{ persona: me, label: "" }]).map((p) => <option key={p.persona} value={p.persona}>{p.persona === me ? `Me (${p.label || "you"})` : p.label}</option>)}
        </select>
        <p className="mt-1 text-xs text-slate-500">Yourself or a group you belong to: its quota pays for the VM and its members may manage it.</p>
        <ProblemText id="owner-problems" problems={about("owner")} />
      </div>
      <div>
        <label htmlFor="request-hostname" className={label}>Host name</label>
        <input id="request-hostname" className={input("hostname")} value={draft.hostname} onChange={(e) => change({ hostname: e.target.value })}
          placeholder="web1.example.org" autoComplete="off" spellCheck={false} aria-describedby="hostname-problems" />
        <ProblemText id="hostname-problems" problems={about("hostname")} />
      </div>
      <div>
        <SizeInput id="request-memory" label="Memory" mib={draft.memory} onChange={(memory) => change({ memory })} invalid={about("memory").length > 0}
          hint={`${formatMiB(limits.memoryMin)} to ${formatMiB(limits.memoryMax)}.`} />
        <ProblemText id="memory-problems" problems={about("memory")} />
      </div>
      <div>
        <label htmlFor="request-vcpus" className={label}>vCPUs</label>
        <input id="request-vcpus" inputMode="numeric" className={input("vcpus")} value={draft.vcpus} onChange={(e) => change({ vcpus: e.target.value })} aria-describedby="vcpus-hint" />
        <p id="vcpus-hint" className="mt-1 text-xs text-slate-500">1 to {limits.vcpusMax}.</p>
        <ProblemText id="vcpus-problems" problems={about("vcpus")} />
      </div>
      <div>
        <SizeInput id="request-disk" label="Disk" mib={draft.disk} onChange={(disk) => change({ disk })} invalid={about("disk").length > 0}
          hint={`${formatMiB(limits.diskMin)} to ${formatMiB(limits.diskMax)}.`} />
        <ProblemText id="disk-problems" problems={about("disk")} />
      </div>
      <div>
        <label htmlFor="request-cluster" className={label}>Preferred cluster</label>
        <select id="request-cluster" className={field} value={draft.preferredCluster} onChange={(e) => change({ preferredCluster: e.target.value })}>
          <option value="">No preference</option>
          {(options?.clusters ?? []).map((c) => <option key={c.slug} value={c.slug}>{c.slug}{c.description ? ` — ${c.description}` : ""}</option>)}
        </select>
        <p className="mt-1 text-xs text-slate-500">Optional: the approver decides where it goes.</p>
        <ProblemText id="cluster-problems" problems={about("preferredCluster")} />
      </div>
      <div>
        <label htmlFor="request-os" className={label}>Operating system</label>
        {offer ? (
          <select id="request-os" className={input("os")} value={draft.os} onChange={(e) => change({ os: e.target.value })}>
            {!offer.operatingSystems.includes(draft.os) && <option value={draft.os}>{draft.os || "Choose…"}</option>}
            {offer.operatingSystems.map((os) => <option key={os} value={os}>{os}</option>)}
          </select>
        ) : (
          <input id="request-os" className={input("os")} value={draft.os} onChange={(e) => change({ os: e.target.value })} placeholder="e.g. debian-12" autoComplete="off" />
        )}
        <ProblemText id="os-problems" problems={about("os")} />
      </div>
      <div>
        <label htmlFor="request-network" className={label}>Network <span className="font-normal text-slate-500">(optional)</span></label>
        {offer && offer.networks.length > 0 ? (
          <select id="request-network" className={field} value={draft.network} onChange={(e) => change({ network: e.target.value })}>
            <option value="">The cluster's default</option>
            {offer.networks.map((n) => <option key={n} value={n}>{n}</option>)}
            {draft.network && !offer.networks.includes(draft.network) && <option value={draft.network}>{draft.network}</option>}
          </select>
        ) : (
          <input id="request-network" className={field} value={draft.network} onChange={(e) => change({ network: e.target.value })} placeholder="leave empty for the default" autoComplete="off" />
        )}
        <ProblemText id="network-problems" problems={about("network")} />
      </div>
      {options?.offerError && <p role="alert" className="text-xs text-amber-800 sm:col-span-2">{options.offerError}</p>}
      <div className="sm:col-span-2">
        <label htmlFor="request-purpose" className={label}>Purpose</label>
        <textarea id="request-purpose" rows={3} className={input("purpose")} value={draft.purpose} onChange={(e) => change({ purpose: e.target.value })}
          placeholder="What the VM is for, and anything the approver should know." />
        <ProblemText id="purpose-problems" problems={about("purpose")} />
      </div>
    </div>
  );
}
