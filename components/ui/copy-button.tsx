"use client";
import { useState } from "react";
import { secondaryButton } from "@/components/ui/styles";

/** Copies a text to the clipboard and says so for a moment. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"" | "yes" | "no">("");
  return (
    <button type="button" className={secondaryButton}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied("yes");
        } catch {
          setCopied("no");
        }
        setTimeout(() => setCopied(""), 2000);
      }}>
      {copied === "yes" ? "Copied" : copied === "no" ? "Copy failed; select the text" : label}
    </button>
  );
}
