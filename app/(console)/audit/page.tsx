import { AuditLog } from "@/components/audit/audit-log";
import { auditQuery } from "@/components/audit/audit-query";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Audit log" };

// Superusers only: the API refuses anyone else, and the page shows its refusal.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const query = auditQuery(await searchParams);
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, to which object, with which job and result." />
      <AuditLog query={query} />
    </>
  );
}
