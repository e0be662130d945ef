// The console's WebSocket endpoint (/console/ws?token=…), served by server.ts beside Next: a page of another origin is
// refused at the HTTP upgrade (403); everything else is upgraded and, when refused (no session, a bad token), closed
// at once with a code and a text the page shows — before any connection to a VNC server is made. Admitted consoles
// run as ConsoleSessions. noVNC asks for no subprotocol (1.7) or for "binary"; both get binary frames.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { CONSOLE_WS_PATH } from "@/lib/manager/console/console-token";
import type { SessionCookieOptions } from "@/lib/web/session-cookie";
import { closeReason } from "./close-codes";
import { auditConsoleOpen } from "./console-audit";
import { createConsoleRecheck } from "./console-recheck";
import { collectMessages, ConsoleSession, type ConsoleSessionDeps } from "./console-session";
import { admitConsole, clientAddress, originAllowed } from "./upgrade-checks";

export type ConsoleProxyDeps = ConsoleSessionDeps & { publicUrl: string; session: SessionCookieOptions };

export type ConsoleProxy = {
  /** Whether the upgrade request is the console's (anything else goes to Next). */
  handles(req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every open console (server shutdown). */
  closeAll(code: number, why: string): void;
};

/** Browser → server messages are small (keys, pointer, a paste); this bounds a paste. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export function createConsoleProxy(deps: ConsoleProxyDeps): ConsoleProxy {
  const recheck = createConsoleRecheck({ db: deps.db, registry: deps.registry, seconds: deps.settings.recheckSeconds });
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has("binary") ? "binary" : false),
  });

  async function serve(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const browser = collectMessages(ws);
    try {
      const admitted = await admitConsole(req, deps);
      if (!admitted.ok) {
        const { refusal, actor } = admitted;
        ws.close(refusal.code, closeReason(refusal.message));
        await auditConsoleOpen(deps.db, actor ?? { id: null, email: "", ip: clientAddress(req) }, null, { result: "refused", message: refusal.message });
        return;
      }
      await new ConsoleSession(ws, browser, admitted.admission, deps, recheck).run();
    } catch (error) {
      console.error("console: a console connection failed:", error);
      ws.close(1011, "The console failed unexpectedly; the server's log has the details.");
    }
  }

  return {
    handles: (req) => new URL(req.url ?? "/", "http://console").pathname === CONSOLE_WS_PATH,
    handleUpgrade(req, socket, head) {
      if (!originAllowed(req, deps.publicUrl)) {
        const origin = String(req.headers.origin ?? "none");
        socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nThe console opens only from Gantry's own pages.\n`);
        const message = `Refused a console WebSocket from another origin (${origin.slice(0, 200)}).`;
        auditConsoleOpen(deps.db, { id: null, email: "", ip: clientAddress(req) }, null, { result: "refused", message }).catch((error: unknown) => console.error("console: could not audit a refusal:", error));
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => void serve(ws, req));
    },
    closeAll(code, why) {
      for (const entry of deps.registry.all()) entry.close(code, why);
    },
  };
}
