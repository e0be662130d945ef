"use client";
// A VM's console page body: the screen (noVNC's canvas), a toolbar (disconnect/connect, Ctrl-Alt-Del, scaling, full
// screen), typing a text into the VM, and the clipboard both ways. Every failure is said in words.
import { useRef, useState } from "react";
import { primaryButton, secondaryButton, field, label } from "@/components/ui/styles";
import { keysymsOf } from "./keysyms";
import { phaseText } from "./console-status";
import { useVncSession } from "./use-vnc-session";

export function VncConsole({ cluster, name }: { cluster: string; name: string }) {
  const screen = useRef<HTMLDivElement>(null);
  const session = useVncSession(cluster, name, screen);
  const { phase } = session;
  const connected = phase.kind === "connected";
  const [text, setText] = useState("");
  const [clipboard, setClipboard] = useState("");

  return (
    <div className="space-y-4">
      <div role="toolbar" aria-label="Console controls" className="flex flex-wrap items-center gap-2">
        {connected || phase.kind === "connecting"
          ? <button type="button" className={secondaryButton} onClick={session.disconnect}>Disconnect</button>
          : <button type="button" className={primaryButton} onClick={() => void session.connect()} disabled={phase.kind === "requesting"}>Connect</button>}
        <button type="button" className={secondaryButton} onClick={session.ctrlAltDel} disabled={!connected}>Send Ctrl-Alt-Del</button>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={session.scale} onChange={(e) => session.setScale(e.target.checked)} /> Scale to fit
        </label>
        <button type="button" className={secondaryButton} onClick={() => void screen.current?.requestFullscreen?.()} disabled={!connected}>Full screen</button>
      </div>
      <p role="status" data-testid="console-status" className={`rounded-md px-3 py-2 text-sm ${phase.kind === "closed" && phase.problem ? "bg-red-50 text-red-800" : connected ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-700"}`}>
        {phaseText(phase)}
      </p>
      <div ref={screen} data-testid="console-screen" aria-label={`Screen of ${name}`} className="h-[60vh] min-h-80 w-full overflow-hidden rounded-lg bg-slate-900" />
      <div className="grid gap-4 md:grid-cols-2">
        <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); session.typeKeys(keysymsOf(text)); setText(""); session.focus(); }}>
          <label htmlFor="console-type" className={label}>Type into the VM</label>
          <textarea id="console-type" className={`${field} font-mono`} rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="Text to type as key presses; a line end presses Return" />
          <button type="submit" className={secondaryButton} disabled={!connected || !text}>Type it</button>
        </form>
        <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); session.pasteToClipboard(clipboard); }}>
          <label htmlFor="console-clipboard" className={label}>Clipboard</label>
          <textarea id="console-clipboard" className={`${field} font-mono`} rows={3} value={clipboard} onChange={(e) => setClipboard(e.target.value)} placeholder="Text for the VM's clipboard" />
          <div className="flex flex-wrap items-center gap-2">
            <button type="submit" className={secondaryButton} disabled={!connected || !clipboard}>Send to the VM's clipboard</button>
            {session.remoteClipboard && <button type="button" className={secondaryButton} onClick={() => setClipboard(session.remoteClipboard)}>Take the VM's clipboard</button>}
          </div>
        </form>
      </div>
    </div>
  );
}
