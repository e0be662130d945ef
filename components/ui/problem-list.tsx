// What is still wrong with a form, all in one list beside its button (each problem is also under its field).
export function ProblemList({ title, problems, testId }: { title: string; problems: Array<{ message: string }>; testId?: string }) {
  return (
    <div className="rounded-md bg-red-50 px-3 py-2" data-testid={testId}>
      <p className="text-sm font-medium text-red-800">{title}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-red-700">{problems.map((p) => <li key={p.message}>{p.message}</li>)}</ul>
    </div>
  );
}
