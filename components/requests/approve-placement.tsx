"use client";
// Where the approved VM goes: the cluster (those the reviewer approves onto), its disk template, the placement — the
// allocator anywhere, the allocator within a node group, or chosen nodes (a secondary for DRBD) — and the network.
import { formatMiB } from "@/components/admin/units";
import { field, label } from "@/components/ui/styles";
import { diskTemplateChoice } from "@/lib/manager/instances/disk-templates";
import { firstTemplate, type ApproveDraft } from "./approve-draft";
import type { ReviewCluster } from "./types";

type Props = { draft: ApproveDraft; change: (patch: Partial<ApproveDraft>) => void; clusters: ReviewCluster[]; chosen: ReviewCluster | undefined; askedNetwork: string };

type Offer = NonNullable<ReviewCluster["offer"]>;
const nodeText = (n: Offer["nodes"][number]) => `${n.name} (${n.group ? `${n.group}, ` : ""}${n.mfree !== null ? `${formatMiB(n.mfree)} free memory` : "memory unknown"})`;

export function ApprovePlacement({ draft, change, clusters, chosen, askedNetwork }: Props) {
  const offer = chosen?.offer;
  const radio = (value: ApproveDraft["placement"], text: string, disabled = false) => (
    <label className="inline-flex items-center gap-2"><input type="radio" name="approve-placement" checked={draft.placement === value} disabled={disabled} onChange={() => change({ placement: value })} /> {text}</label>
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="approve-cluster" className={label}>Cluster</label>
        <select id="approve-cluster" className={field} value={draft.cluster}
          onChange={(e) => change({ cluster: e.target.value, diskTemplate: firstTemplate(clusters.find((c) => c.slug === e.target.value)), group: "", pnode: "", snode: "", placement: "auto" })}>
          {clusters.map((c) => <option key={c.slug} value={c.slug} disabled={c.readOnly}>{c.slug}{c.readOnly ? " (read-only)" : ""}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="approve-disk-template" className={label}>Disk template</label>
        <select id="approve-disk-template" className={field} value={draft.diskTemplate} onChange={(e) => change({ diskTemplate: e.target.value })}>
          {(offer?.diskTemplates ?? [draft.diskTemplate]).map((t) => <option key={t} value={t}>{diskTemplateChoice(t)}</option>)}
        </select>
      </div>
      <fieldset className="sm:col-span-2">
        <legend className={label}>Placement</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {radio("auto", "Automatic: the allocator picks the nodes")}
          {radio("group", "In a node group", !offer?.groups.length)}
          {radio("nodes", "On chosen nodes", !offer?.nodes.length)}
        </div>
      </fieldset>
      {draft.placement === "group" && (
        <div>
          <label htmlFor="approve-group" className={label}>Node group</label>
          <select id="approve-group" className={field} value={draft.group} onChange={(e) => change({ group: e.target.value })}>
            <option value="">Choose…</option>
            {(offer?.groups ?? []).map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </div>
      )}
      {draft.placement === "nodes" && (
        <>
          <div>
            <label htmlFor="approve-pnode" className={label}>Primary node</label>
            <select id="approve-pnode" className={field} value={draft.pnode} onChange={(e) => change({ pnode: e.target.value })}>
              <option value="">Choose…</option>
              {(offer?.nodes ?? []).map((n) => <option key={n.name} value={n.name}>{nodeText(n)}</option>)}
            </select>
          </div>
          {draft.diskTemplate === "drbd" && (
            <div>
              <label htmlFor="approve-snode" className={label}>Secondary node</label>
              <select id="approve-snode" className={field} value={draft.snode} onChange={(e) => change({ snode: e.target.value })}>
                <option value="">Choose…</option>
                {(offer?.nodes ?? []).filter((n) => n.name !== draft.pnode).map((n) => <option key={n.name} value={n.name}>{nodeText(n)}</option>)}
              </select>
            </div>
          )}
        </>
      )}
      <div className="sm:col-span-2">
        <label htmlFor="approve-network" className={label}>Network</label>
        <select id="approve-network" className={field} value={draft.network} onChange={(e) => change({ network: e.target.value })}>
          <option value="">The cluster's default NIC</option>
          {askedNetwork && !offer?.networks.some((n) => n.name === askedNetwork) && <option value={askedNetwork}>{askedNetwork} (asked for; not on this cluster)</option>}
          {(offer?.networks ?? []).map((n) => <option key={n.name} value={n.name}>{n.name}{n.subnet ? ` (${n.subnet})` : ""}{n.name === askedNetwork ? " — asked for" : ""}</option>)}
        </select>
      </div>
    </div>
  );
}
