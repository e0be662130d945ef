"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { StatusNote } from "@/components/ui/status-note";
import { card } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { ClusterForm, type ClusterFormValues } from "./cluster-form";
import type { ClusterView } from "./types";

export function ClusterAddForm() {
  const queryClient = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const add = useMutation({
    mutationFn: ({ removeVncPassword: _nothingToRemove, ...values }: ClusterFormValues) => fetchJson<ClusterView>("/api/clusters", { method: "POST", body: values }),
    onSuccess: () => {
      setFormKey((k) => k + 1); // a fresh, empty form
      return queryClient.invalidateQueries({ queryKey: ["clusters"] });
    },
  });
  return (
    <section className={`${card} mb-8`} aria-labelledby="add-cluster">
      <h2 id="add-cluster" className="mb-3 text-lg font-medium">Add a cluster</h2>
      <p className="mb-4 text-sm text-slate-600">Gantry tests the connection before saving. A cluster without a RAPI user is read-only.</p>
      <ClusterForm key={formKey} pending={add.isPending} error={add.error} submitLabel="Add cluster" onSubmit={(values) => add.mutate(values)} />
      {add.isSuccess && <div className="mt-3"><StatusNote>Cluster {add.data.slug} ({add.data.name}) added.</StatusNote></div>}
    </section>
  );
}
