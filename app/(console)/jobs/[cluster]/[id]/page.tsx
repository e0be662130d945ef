import { notFound } from "next/navigation";
import { JobPage } from "@/components/jobs/job-page";
import { requireUser } from "@/lib/web/session";

type Props = { params: Promise<{ cluster: string; id: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Job ${(await params).id}` };
}

export default async function JobRoute({ params }: Props) {
  await requireUser();
  const { cluster, id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  return <JobPage cluster={decodeURIComponent(cluster)} id={Number(id)} />;
}
