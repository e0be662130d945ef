import { notFound } from "next/navigation";
import { RequestPage } from "@/components/requests/request-page";
import { requireUser } from "@/lib/web/session";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Request #${(await params).id}` };
}

export default async function RequestRoute({ params }: Props) {
  await requireUser();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  return <RequestPage key={id} id={Number(id)} />;
}
