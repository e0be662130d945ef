import { ClusterPage } from "@/components/clusters/cluster-page";
import { requireUser } from "@/lib/web/session";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Cluster ${decodeURIComponent((await params).slug)}` };
}

export default async function ClusterRoute({ params }: Props) {
  await requireUser();
  const { slug } = await params;
  return <ClusterPage key={slug} slug={decodeURIComponent(slug)} />;
}
