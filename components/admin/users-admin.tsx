"use client";
// Every user account, and the form that creates one.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, field, table, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { UserCreateForm } from "./user-create-form";
import { UserRow } from "./user-row";
import type { GroupView, UserView } from "./types";

export function UsersAdmin() {
  const users = useQuery({ queryKey: ["users"], queryFn: () => fetchJson<UserView[]>("/api/users") });
  const groups = useQuery({ queryKey: ["groups"], queryFn: () => fetchJson<GroupView[]>("/api/groups") });
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = (users.data ?? []).filter((u) => !needle || u.email.includes(needle) || u.name.toLowerCase().includes(needle));
  return (
    <>
      <UserCreateForm />
      <div className="mb-3 flex items-end justify-between gap-4">
        <h2 className="text-lg font-medium">Users</h2>
        <label className="text-sm text-slate-700">Filter
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className={`${field} w-64`} placeholder="e-mail or name" />
        </label>
      </div>
      <ErrorAlert error={users.error} />
      {users.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {users.data && (
        <div className={`${card} overflow-x-auto p-0`}>
          <table className={table}>
            <thead>
              <tr>
                <th scope="col" className={th}>User</th>
                <th scope="col" className={th}>Role</th>
                <th scope="col" className={th}>Groups</th>
                <th scope="col" className={th}>Last sign-in</th>
                <th scope="col" className={th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => <UserRow key={u.id} user={u} groups={groups.data ?? []} />)}
              {shown.length === 0 && <tr><td colSpan={5} className="px-3 py-6 text-center text-sm text-slate-500">No user matches.</td></tr>}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
