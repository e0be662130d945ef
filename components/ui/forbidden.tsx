export function Forbidden({ what }: { what: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
      <p className="font-medium">You do not have access to {what}.</p>
      <p className="mt-1 text-sm">Ask an administrator if you need it.</p>
    </div>
  );
}
