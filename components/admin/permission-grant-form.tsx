"use client";
// Grant a permission to a user or group, on the whole cluster or on one of its VMs.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { StatusNote } from "@/components/ui/status-note";
import { card, field, label, primaryButton } from "@/components/ui/styles";
import { CLUSTER_PERMISSIONS, INSTANCE_PERMISSIONS } from "@/lib/manager/access/permission-names";
import { fetchJson } from "@/lib/web/fetch-json";
import { PersonaPicker } from "./persona-picker";
import type { PermissionRow } from "./types";

type Change = PermissionRow & { changed: boolean };

export function PermissionGrantForm({ slug, instance: fixedInstance }: { slug: string; instance?: string }) {
  const queryClient = useQueryClient();
  const [grantee, setGrantee] = useState("");
  const [instance, setInstance] = useState(fixedInstance ?? "");
  const [perm, setPerm] = useState("");
  const names: readonly string[] = instance.trim() ? INSTANCE_PERMISSIONS : CLUSTER_PERMISSIONS;
  const grant = useMutation({
    mutationFn: () => fetchJson<Change>("/api/permissions", { method: "POST", body: { grantee, cluster: slug, ...(instance.trim() ? { instance: instance.trim() } : {}), perm } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["permissions", slug] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };
  return (
    <section className={`${card} mb-6`} aria-labelledby="grant-permission">
      <h2 id="grant-permission" className="mb-3 text-lg font-medium">Grant a permission</h2>
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-3">
        <PersonaPicker id="grant-grantee" value={grantee} onChange={setGrantee} labelText="Grantee" />
        <label className={label} htmlFor="grant-instance">VM (empty: the whole cluster)
          <input id="grant-instance" value={instance} readOnly={fixedInstance !== undefined}
            onChange={(e) => { setInstance(e.target.value); setPerm(""); }} className={field} placeholder="whole cluster" />
        </label>
        <label className={label} htmlFor="grant-perm">Permission
          <select id="grant-perm" required value={perm} onChange={(e) => setPerm(e.target.value)} className={field}>
            <option value="">Choose…</option>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <div className="space-y-3 sm:col-span-3">
          <ErrorAlert error={grant.error} />
          {grant.isSuccess && (
            <StatusNote>
              {grant.data.changed ? "Granted" : "Already held"}: {grant.data.granteeLabel} — {grant.data.perm} on {grant.data.instance ?? "the whole cluster"}.
            </StatusNote>
          )}
          <button type="submit" disabled={grant.isPending} className={primaryButton}>{grant.isPending ? "Granting…" : "Grant"}</button>
        </div>
      </form>
    </section>
  );
}
