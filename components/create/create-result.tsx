"use client";
// After "Create": the job followed live, then a link to the new VM's page (it appears there with the cache sync that
// follows the job's end).
import Link from "next/link";
import { useState } from "react";
import { instanceHref } from "@/components/instances/instance-table";
import { JobView } from "@/components/jobs/job-view";
import type { JobDetail } from "@/components/jobs/types";
import { primaryButton, secondaryButton } from "@/components/ui/styles";

export function CreateResult({ created }: { created: { jobId: number; cluster: string; name: string; owner: string } }) {
  const [ended, setEnded] = useState<JobDetail | null>(null);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{created.name} is being made on {created.cluster} for {created.owner}.</p>
      <JobView cluster={created.cluster} id={created.jobId} title={`Create ${created.name}`} onFinal={setEnded} />
      {ended?.status === "success" && (
        <div className="flex flex-wrap gap-3">
          <Link href={instanceHref(created.cluster, created.name)} className={primaryButton}>Open {created.name}</Link>
          <Link href="/instances" className={secondaryButton}>All VMs</Link>
        </div>
      )}
      {ended && ended.status !== "success" && (
        <p className="text-sm text-slate-700">The VM was not made; the job above says why. <a href="/instances/new" className="text-brand-700 hover:underline">Start again</a></p>
      )}
    </div>
  );
}
