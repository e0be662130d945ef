import { MyRequests } from "@/components/requests/my-requests";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Applications" };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const page = Number([(await searchParams).page].flat()[0]);
  return (
    <>
      <PageHeader title="Applications" description="Ask for a virtual machine and follow your requests; an approver reviews each one." />
      <MyRequests page={Number.isInteger(page) && page > 0 ? page : 1} />
    </>
  );
}
