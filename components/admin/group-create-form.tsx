"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { StatusNote } from "@/components/ui/status-note";
import { card, field, label, primaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { GroupView } from "./types";

export function GroupCreateForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation({
    mutationFn: () => fetchJson<GroupView>("/api/groups", { method: "POST", body: { name, description } }),
    onSuccess: () => {
      setName("");
      setDescription("");
      return queryClient.invalidateQueries({ queryKey: ["groups"] });
    },
  });
  return (
    <section className={`${card} mb-8`} aria-labelledby="create-group">
      <h2 id="create-group" className="mb-3 text-lg font-medium">Create a group</h2>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); create.mutate(); }} className="grid gap-4 sm:grid-cols-3">
        <label className={label}>Group name
          <input required value={name} onChange={(e) => setName(e.target.value)} className={field} placeholder="physics" autoComplete="off" />
        </label>
        <label className={`${label} sm:col-span-2`}>Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} className={field} autoComplete="off" />
        </label>
        <div className="space-y-3 sm:col-span-3">
          <p className="text-xs text-slate-500">Names appear in the VMs' Ganeti tags: letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, no spaces.</p>
          <ErrorAlert error={create.error} />
          {create.isSuccess && <StatusNote>Group {create.data.name} created.</StatusNote>}
          <button type="submit" disabled={create.isPending} className={primaryButton}>{create.isPending ? "Creating…" : "Create group"}</button>
        </div>
      </form>
    </section>
  );
}
