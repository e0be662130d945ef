"use client";
// VM templates (GWM's): named presets users pick in the create wizard. Lists those of the clusters the user may
// create on (all of one cluster's, given `cluster`), with the form that makes one for the clusters they keep
// templates for — superusers also for every cluster — and Edit and Delete where they may.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { StatusNote } from "@/components/ui/status-note";
import { card, table, tableCard, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { TemplateForm, type TemplateBody } from "./template-form";
import { TemplateRow } from "./template-row";
import type { ListedCluster, ListedTemplate, TemplateView } from "./types";

export function TemplatesAdmin({ cluster, isSuperuser }: { cluster?: string; isSuperuser: boolean }) {
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ["templates", cluster ?? ""],
    queryFn: () => fetchJson<ListedTemplate[]>(`/api/templates${cluster ? `?cluster=${encodeURIComponent(cluster)}` : ""}`),
  });
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ListedCluster[]>("/api/clusters"), staleTime: 60_000 });
  // Where this user keeps templates: "" is every cluster (superusers only); the API checks again.
  const keeps = [...(isSuperuser ? [""] : []), ...(clusters.data ?? []).filter((c) => isSuperuser || c.permissions.includes("admin")).map((c) => c.slug)];
  // The wizard's options carry the templates: they change with them.
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["templates"] }), queryClient.invalidateQueries({ queryKey: ["create-options"] })]);
  // Each template made empties the form (a new one from its defaults); a refusal keeps what was typed.
  const [made, setMade] = useState(0);
  const create = useMutation({
    mutationFn: (body: TemplateBody) => fetchJson<TemplateView>("/api/templates", { method: "POST", body }),
    onSuccess: () => {
      setMade((n) => n + 1);
      return refresh();
    },
  });

  return (
    <>
      {clusters.data && keeps.length > 0 && (
        <section className={`${card} mb-8`} aria-labelledby="create-template">
          <h2 id="create-template" className="mb-1 text-lg font-medium">Create a template</h2>
          <p className="mb-4 text-sm text-slate-600">Users pick a template in the create wizard; it fills in the fields below, which they can still change.</p>
          <TemplateForm key={made} id="new-template" clusters={keeps} defaultCluster={cluster} submitLabel="Create template" pending={create.isPending}
            error={create.error} onSubmit={(body) => create.mutate(body)} />
          {create.isSuccess && <div className="mt-3"><StatusNote>Template {create.data.name} created{create.data.cluster ? ` on ${create.data.cluster}` : " for every cluster"}.</StatusNote></div>}
        </section>
      )}
      <h2 className="mb-3 text-lg font-medium">{cluster ? `Templates offered on ${cluster}` : "Templates"}</h2>
      <ErrorAlert error={templates.error ?? clusters.error} />
      {templates.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {templates.data && templates.data.length === 0 && (
        <div className={`${card} px-6 py-10 text-center`}>
          <p className="font-medium text-slate-800">No VM templates yet.</p>
          <p className="mx-auto mt-1 max-w-prose text-sm text-slate-600">
            A template is a named preset — disk template, disks, memory, vCPUs and operating system — that users pick in the{" "}
            <Link href="/instances/new" className="text-brand-700 hover:underline">create wizard</Link> instead of choosing each value.
            {keeps.length > 0 ? " Create one above: a few sizes that fit your clusters go a long way." : " Ask a cluster's administrator for some."}
          </p>
        </div>
      )}
      {templates.data && templates.data.length > 0 && (
        <div className={tableCard}>
          <table className={table} aria-label="VM templates">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>Template</th>
                <th scope="col" className={th}>Cluster</th>
                <th scope="col" className={th}>Disks</th>
                <th scope="col" className={th}>Memory and vCPUs</th>
                <th scope="col" className={th}>OS</th>
                <th scope="col" className={th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {templates.data.map((t) => <TemplateRow key={t.id} template={t} clusters={keeps} onSaved={refresh} />)}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
