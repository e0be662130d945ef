"use client";
// Every group with its members, and the form that creates one.
import { useQuery } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, table, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { GroupCreateForm } from "./group-create-form";
import { GroupRow } from "./group-row";
import type { GroupView } from "./types";

export function GroupsAdmin() {
  const groups = useQuery({ queryKey: ["groups"], queryFn: () => fetchJson<GroupView[]>("/api/groups") });
  return (
    <>
      <GroupCreateForm />
      <h2 className="mb-3 text-lg font-medium">Groups</h2>
      <ErrorAlert error={groups.error} />
      {groups.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {groups.data && (
        <div className={`${card} overflow-x-auto p-0`}>
          <table className={table}>
            <thead>
              <tr>
                <th scope="col" className={th}>Group</th>
                <th scope="col" className={th}>Description</th>
                <th scope="col" className={th}>Members</th>
                <th scope="col" className={th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {groups.data.map((g) => <GroupRow key={g.id} group={g} />)}
              {groups.data.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-sm text-slate-500">No group yet.</td></tr>}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
