// Placeholder for a page whose feature has not landed. It says so plainly and names the issue that brings it.
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export function NotYet({ feature, issue }: { feature: string; issue: number }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <p className="font-medium text-slate-800">Not yet available</p>
      <p className="mt-2 text-sm text-slate-600">{feature}</p>
      <p className="mt-2 text-xs text-slate-400">Arrives with issue #{issue}.</p>
    </div>
  );
}

/** A whole signed-in page that only says what will be there. */
export function notYetPage(title: string, feature: string, issue: number) {
  return async function NotYetPage() {
    await requireUser();
    return (
      <>
        <PageHeader title={title} />
        <NotYet feature={feature} issue={issue} />
      </>
    );
  };
}
