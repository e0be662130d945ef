"use client";
// One console session: a one-time token from the server (which checks the console permission and that the VM runs),
// then the console WebSocket on this origin with that token, handed to noVNC. The VNC password never comes here: the
// proxy authenticates toward the hypervisor and offers this page a session without one.
import type RFB from "@novnc/novnc";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchJson } from "@/lib/web/fetch-json";
import { vmPath } from "@/components/instances/use-vm-action";
import { closeMessage, type ConsolePhase } from "./console-status";

type Ticket = { token: string; path: string; expiresAt: string };

export function useVncSession(cluster: string, name: string, screen: React.RefObject<HTMLDivElement | null>) {
  const rfb = useRef<RFB | null>(null);
  const [phase, setPhase] = useState<ConsolePhase>({ kind: "requesting" });
  const [remoteClipboard, setRemoteClipboard] = useState("");
  const [scale, setScaleState] = useState(true);
  const scaleRef = useRef(scale);

  const connect = useCallback(async () => {
    rfb.current?.disconnect();
    setPhase({ kind: "requesting" });
    let ticket: Ticket;
    try {
      ticket = await fetchJson<Ticket>(`${vmPath(cluster, name)}/console`, { method: "POST" });
    } catch (error) {
      setPhase({ kind: "closed", message: (error as Error).message, problem: true });
      return;
    }
    const { default: RFBClass } = await import("@novnc/novnc");
    if (!screen.current) return;
    const url = new URL(ticket.path, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    // Read before noVNC's own handler runs: its disconnect event carries no code or reason.
    let closed: { code: number; reason: string } | null = null;
    socket.addEventListener("close", (event) => { closed = { code: event.code, reason: event.reason }; });
    setPhase({ kind: "connecting" });
    const client = new RFBClass(screen.current, socket, { shared: true });
    client.scaleViewport = scaleRef.current;
    client.background = "rgb(15, 23, 42)";
    client.addEventListener("connect", () => setPhase({ kind: "connected", desktop: "" }));
    client.addEventListener("desktopname", (event) => {
      const desktop = (event as CustomEvent<{ name: string }>).detail.name;
      setPhase((now) => (now.kind === "connected" ? { kind: "connected", desktop } : now));
    });
    client.addEventListener("clipboard", (event) => setRemoteClipboard((event as CustomEvent<{ text: string }>).detail.text));
    client.addEventListener("disconnect", (event) => {
      if (rfb.current === client) rfb.current = null;
      const clean = (event as CustomEvent<{ clean: boolean }>).detail.clean;
      const ended = closed as { code: number; reason: string } | null;
      setPhase({ kind: "closed", ...closeMessage(ended?.code ?? 1006, ended?.reason ?? "", clean) });
    });
    rfb.current = client;
  }, [cluster, name, screen]);

  useEffect(() => {
    void connect();
    return () => rfb.current?.disconnect();
  }, [connect]);

  const setScale = useCallback((on: boolean) => {
    scaleRef.current = on;
    setScaleState(on);
    if (rfb.current) rfb.current.scaleViewport = on;
  }, []);

  return {
    phase,
    remoteClipboard,
    scale,
    setScale,
    connect,
    disconnect: () => rfb.current?.disconnect(),
    ctrlAltDel: () => rfb.current?.sendCtrlAltDel(),
    /** Presses and releases each key in turn, as if typed. */
    typeKeys: (keysyms: number[]) => {
      for (const keysym of keysyms) {
        rfb.current?.sendKey(keysym, null, true);
        rfb.current?.sendKey(keysym, null, false);
      }
    },
    pasteToClipboard: (text: string) => rfb.current?.clipboardPasteFrom(text),
    focus: () => rfb.current?.focus(),
  };
}
