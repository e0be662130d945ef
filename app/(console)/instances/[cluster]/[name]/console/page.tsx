import Link from "next/link";
import { VncConsole } from "@/components/console/vnc-console";
import { instanceHref } from "@/components/instances/instance-table";
import { requireUser } from "@/lib/web/session";

type Props = { params: Promise<{ cluster: string; name: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Console of ${decodeURIComponent((await params).name)}` };
}

export default async function ConsoleRoute({ params }: Props) {
  await requireUser();
  const { cluster: rawCluster, name: rawName } = await params;
  const [cluster, name] = [decodeURIComponent(rawCluster), decodeURIComponent(rawName)];
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-500"><Link href="/instances" className="hover:underline">Virtual machines</Link> / <Link href={instanceHref(cluster, name)} className="hover:underline">{name}</Link></p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Console of {name}</h1>
      </div>
      <VncConsole key={`${cluster}/${name}`} cluster={cluster} name={name} />
    </div>
  );
}
