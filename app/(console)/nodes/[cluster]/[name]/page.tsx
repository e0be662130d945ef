import { NodePage } from "@/components/nodes/node-page";
import { requireUser } from "@/lib/web/session";

type Props = { params: Promise<{ cluster: string; name: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: decodeURIComponent((await params).name) };
}

export default async function NodeRoute({ params }: Props) {
  await requireUser();
  const { cluster, name } = await params;
  return <NodePage key={`${cluster}/${name}`} cluster={decodeURIComponent(cluster)} name={decodeURIComponent(name)} />;
}
