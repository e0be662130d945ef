"use client";
// A new override: a user or group, and its limits.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { StatusNote } from "@/components/ui/status-note";
import { card } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { PersonaPicker } from "./persona-picker";
import { QuotaLimitsForm, type LimitsInput } from "./quota-limits-form";

const NONE = { memory: null, disk: null, vcpus: null };

export function QuotaOverrideForm({ slug }: { slug: string }) {
  const queryClient = useQueryClient();
  const [persona, setPersona] = useState("");
  const [formKey, setFormKey] = useState(0);
  const save = useMutation({
    mutationFn: (limits: LimitsInput) => fetchJson(`/api/clusters/${encodeURIComponent(slug)}/quotas`, { method: "PUT", body: { persona, ...limits } }),
    onSuccess: () => {
      setPersona("");
      setFormKey((k) => k + 1);
      return queryClient.invalidateQueries({ queryKey: ["quotas", slug] });
    },
  });
  return (
    <section className={`${card} mb-6`} aria-labelledby="add-override">
      <h2 id="add-override" className="mb-3 text-lg font-medium">Add an override</h2>
      <QuotaLimitsForm key={formKey} id="override" initial={NONE} submitLabel="Save override" pending={save.isPending} error={save.error} onSubmit={(l) => save.mutate(l)}>
        <PersonaPicker id="override-persona" value={persona} onChange={setPersona} />
      </QuotaLimitsForm>
      {save.isSuccess && <div className="mt-3"><StatusNote>Override saved.</StatusNote></div>}
    </section>
  );
}
