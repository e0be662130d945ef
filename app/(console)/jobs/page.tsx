import { JobList } from "@/components/jobs/job-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Jobs" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const params = await searchParams;
  return (
    <>
      <PageHeader title="Jobs" description="Every change to a cluster runs as a job; they move on here live, newest first." />
      <JobList query={{ cluster: one(params.cluster), status: one(params.status), page: one(params.page) }} />
    </>
  );
}
