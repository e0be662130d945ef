// What was asked (sizes, OS, network, purpose, preferred cluster) and what was decided (by whom, when, where).
import { formatMiB } from "@/components/admin/units";
import { shortTime } from "@/components/jobs/job-href";
import { card } from "@/components/ui/styles";
import type { RequestView } from "./types";

export function RequestFacts({ request: r }: { request: RequestView }) {
  const placement = r.placement;
  const rows: Array<[string, string]> = [
    ["Host name", r.hostname],
    ["For", r.owner.label],
    ["Memory", formatMiB(r.memory)],
    ["vCPUs", String(r.vcpus)],
    ["Disk", formatMiB(r.disk)],
    ["Operating system", r.os],
    ["Network", r.network || "the cluster's default"],
    ["Preferred cluster", r.preferredCluster ?? "no preference"],
    ["Filed", shortTime(r.createdAt)],
  ];
  if (r.decidedAt) rows.push(["Decided", `${shortTime(r.decidedAt)}${r.reviewer ? ` by ${r.reviewer}` : ""}`]);
  if (r.cluster && placement) {
    const where = placement.pnode ? `nodes ${[placement.pnode, placement.snode].filter(Boolean).join(" and ")}` : placement.group ? `node group ${placement.group}` : "chosen by the allocator";
    rows.push(["Placed on", `cluster ${r.cluster}, ${placement.diskTemplate} disks, ${where}`]);
  }
  if (r.quotaOverride) rows.push(["Quota", "approved beyond the owner's quota (audited)"]);
  if (r.endedAt) rows.push(["Ended", shortTime(r.endedAt)]);
  return (
    <section aria-label="Request details" className={card}>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-600">{term}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
        <dt className="font-medium text-slate-600">Purpose</dt>
        <dd className="whitespace-pre-wrap text-slate-900">{r.purpose}</dd>
      </dl>
    </section>
  );
}
