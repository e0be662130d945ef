// A confirmation link that cannot be used, and why (another user's, used, superseded, expired, unknown).
import Link from "next/link";

export function ConfirmRefused({ message }: { message: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
      <p className="font-medium">This link cannot be used.</p>
      <p className="mt-1 text-sm">{message}</p>
      <Link href="/instances" className="mt-3 inline-block text-sm text-brand-700 hover:underline">Your virtual machines</Link>
    </div>
  );
}
