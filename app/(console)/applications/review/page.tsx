import Link from "next/link";
import { queueQuery } from "@/components/requests/review-query";
import { ReviewQueue } from "@/components/requests/review-queue";
import { PageHeader } from "@/components/ui/page-header";
import { secondaryButton } from "@/components/ui/styles";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Review queue" };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  return (
    <>
      <PageHeader title="Review queue" description="VM requests waiting for a decision, longest waiting first. Open one to approve or reject it."
        actions={<Link href="/applications" className={secondaryButton}>My requests</Link>} />
      <ReviewQueue query={queueQuery(await searchParams)} />
    </>
  );
}
