"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { StatusNote } from "@/components/ui/status-note";
import { card, field, label, primaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { UserView } from "./types";

const EMPTY = { email: "", name: "", password: "", isAdmin: false };

export function UserCreateForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const create = useMutation({
    mutationFn: () => fetchJson<UserView>("/api/users", { method: "POST", body: values }),
    onSuccess: () => {
      setValues(EMPTY);
      return queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className={`${card} mb-8`} aria-labelledby="create-user">
      <h2 id="create-user" className="mb-3 text-lg font-medium">Create a user</h2>
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-3">
        <label className={label}>E-mail
          <input type="email" required value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} className={field} autoComplete="off" />
        </label>
        <label className={label}>Name
          <input required value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} className={field} autoComplete="off" />
        </label>
        <label className={label}>Initial password
          <input type="password" required value={values.password} onChange={(e) => setValues({ ...values, password: e.target.value })} className={field} autoComplete="new-password" />
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-3">
          <input type="checkbox" checked={values.isAdmin} onChange={(e) => setValues({ ...values, isAdmin: e.target.checked })} />
          Superuser (may do everything, on every cluster)
        </label>
        <div className="space-y-3 sm:col-span-3">
          <ErrorAlert error={create.error} />
          {create.isSuccess && <StatusNote>Account {create.data.email} created; tell them their password out of band.</StatusNote>}
          <button type="submit" disabled={create.isPending} className={primaryButton}>{create.isPending ? "Creating…" : "Create user"}</button>
        </div>
      </form>
    </section>
  );
}
