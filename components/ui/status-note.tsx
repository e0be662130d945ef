// A short success note after an action (role=status: announced without interrupting).
export function StatusNote({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{children}</p>;
}
