// A field's problems under it (role=alert: announced as they appear while typing).
export function ProblemText({ id, problems }: { id: string; problems: string[] }) {
  if (!problems.length) return null;
  return (
    <ul id={id} role="alert" className="mt-1 space-y-0.5 text-xs text-red-700">
      {problems.map((p) => <li key={p}>{p}</li>)}
    </ul>
  );
}
