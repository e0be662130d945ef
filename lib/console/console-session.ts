// One console, from an admitted WebSocket to its close: a place in the user's limit, the VM's VNC endpoint from its
// cluster, a TCP connection, the two RFB handshakes (the proxy authenticates to the VNC server; the browser gets a
// password-less session), then the relay — closed when the VM's server or the browser hangs up, after the idle time
// or the maximum length, or when the user loses the right to it (console-recheck asks again every few seconds).
import crypto from "node:crypto";
import net from "node:net";
import type { WebSocket } from "ws";
import type { ConsoleSettings } from "@/lib/server/config";
import { consoleLoss, type ConsoleLoss } from "@/lib/manager/console/console-loss";
import { ByteReader } from "./byte-reader";
import { connectPooled, onChunk } from "./pooled-reads";
import { CloseCode, closeReason, ConsoleError, type ConsoleCloseCode } from "./close-codes";
import { auditConsoleClose, auditConsoleOpen, type ConsoleAuditTarget } from "./console-audit";
import { resolveVncEndpoint, type EndpointDeps } from "./console-endpoint";
import { startRelay, toBuffer, type Relay, type RelayEnd } from "./relay";
import { authenticateToVncServer } from "./rfb-client-handshake";
import { offerNoAuthToBrowser } from "./rfb-server-handshake";
import type { ConsoleRecheck } from "./console-recheck";
import type { ConsoleSessionRegistry } from "./session-registry";
import type { Admission } from "./upgrade-checks";

export type Dialer = (host: string, port: number) => Promise<net.Socket>;

export type ConsoleSessionDeps = EndpointDeps & { settings: ConsoleSettings; registry: ConsoleSessionRegistry; dial?: Dialer };

const CONNECT_TIMEOUT_MS = 10_000;
const HANDSHAKE_TIMEOUT_MS = 15_000;
/** A browser that does not answer the close handshake is cut off after this long. */
const CLOSE_GRACE_MS = 2_000;
const INTERNAL_ERROR = 1011;

const LOSSES: Record<ConsoleLoss, [code: ConsoleCloseCode, why: string]> = {
  signed_out: [CloseCode.sessionOver, "You signed out."],
  session_expired: [CloseCode.sessionOver, "Your sign-in session expired; sign in again."],
  deactivated: [CloseCode.deactivated, "Your account is deactivated."],
  permission: [CloseCode.permissionLost, "You no longer have the console permission on this VM."],
};

/** Connects to a VNC server, its reads in recycled buffers (pooled-reads.ts). */
export const dialTcp: Dialer = (host, port) =>
  new Promise((resolve, reject) => {
    const socket = connectPooled(host, port);
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

export class ConsoleSession {
  private readonly id = crypto.randomUUID();
  private readonly fromServer = new ByteReader();
  private readonly fromBrowser: ByteReader;
  private tcp: net.Socket | null = null;
  private target: ConsoleAuditTarget | null = null;
  private relay: Relay | null = null;
  private openedAt = 0;
  private lastInputAt = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private ended = false;

  /** `browser` has collected the browser's messages since the upgrade (collectMessages). */
  constructor(
    private readonly ws: WebSocket,
    private readonly browser: CollectedMessages,
    private readonly admission: Admission,
    private readonly deps: ConsoleSessionDeps,
    /** Checks every open console's user again every few seconds, this one among them once it is registered. */
    private readonly recheck: ConsoleRecheck,
  ) {
    this.fromBrowser = browser.reader;
  }

  async run(): Promise<void> {
    const { ws, fromBrowser, fromServer } = this;
    const { actor, grant } = this.admission;
    const onEarlyClose = () => fromBrowser.end(new ConsoleError(CloseCode.protocolError, "The browser closed the console before it opened."));
    ws.on("close", onEarlyClose);
    try {
      const cluster = await this.deps.db.cluster.findUnique({ where: { id: grant.clusterId }, select: { slug: true } });
      this.target = { grant, clusterSlug: cluster?.slug ?? grant.clusterId };
      const entry = {
        id: this.id,
        userId: actor.id,
        hold: { claims: this.admission.claims, grant },
        openedAt: Date.now(),
        close: (code: number, why: string) => this.stop(code, why),
        lose: (loss: ConsoleLoss) => this.stop(...LOSSES[loss]),
      };
      if (!this.deps.registry.tryAdd(entry, this.deps.settings.maxPerUser)) {
        throw new ConsoleError(CloseCode.tooMany, `You have ${this.deps.settings.maxPerUser} consoles open, the most allowed; close one first.`, { result: "refused" });
      }
      this.recheck.wake();
      const loss = await consoleLoss(this.deps.db, entry.hold);
      if (loss) throw new ConsoleError(LOSSES[loss][0], LOSSES[loss][1], { result: "refused" });
      const endpoint = await resolveVncEndpoint(this.deps, grant);
      const tcp = (this.tcp = await (this.deps.dial ?? dialTcp)(endpoint.host, endpoint.port).catch((error: NodeJS.ErrnoException) => {
        throw new ConsoleError(CloseCode.vncUnreachable, `The VM's VNC server cannot be reached (${error.code ?? error.message}).`, { detail: `${endpoint.host}:${endpoint.port}` });
      }));
      onChunk(tcp, (chunk, release) => {
        fromServer.push(Buffer.from(chunk)); // a copy: the buffer is read into again once released
        release();
      });
      tcp.on("close", () => fromServer.end(new ConsoleError(CloseCode.vncClosed, "The VM's VNC server closed the connection before the console opened.")));
      tcp.on("error", () => undefined); // "close" follows and says it
      const deadline = setTimeout(() => {
        const late = new ConsoleError(CloseCode.protocolError, `The console did not open within ${HANDSHAKE_TIMEOUT_MS / 1000} s.`);
        fromServer.end(late);
        fromBrowser.end(late);
      }, HANDSHAKE_TIMEOUT_MS);
      try {
        await authenticateToVncServer({ reader: fromServer, write: (bytes) => tcp.write(bytes) }, endpoint.password);
        tcp.write(await offerNoAuthToBrowser({ reader: fromBrowser, write: (bytes) => ws.send(bytes, { binary: true }) }));
      } finally {
        clearTimeout(deadline);
      }
    } catch (error) {
      await this.failToOpen(error);
      return;
    } finally {
      ws.off("close", onEarlyClose);
    }
    if (this.ended) {
      // Stopped (a shutdown, say) just as the handshakes finished.
      this.tcp?.destroy();
      await auditConsoleOpen(this.deps.db, actor, this.target, { result: "failed", message: "Closed as it opened." });
      return;
    }
    this.browser.detach();
    onChunk(this.tcp!, null);
    this.tcp!.removeAllListeners("close").removeAllListeners("error");
    this.startRelaying();
    await auditConsoleOpen(this.deps.db, actor, this.target, { result: "success", message: `from ${actor.ip || "an unknown address"}` });
  }

  /** Ends the console (idempotent): the browser gets the code and text, the audit log the tally. */
  stop(code: number, why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.relay?.stop();
    this.deps.registry.remove(this.id);
    this.closeBrowser(code, why);
    this.tcp?.destroy();
    if (!this.relay) {
      // Still opening: the pending handshake read fails with this, and failToOpen audits it.
      this.fromBrowser.end(new ConsoleError(CloseCode.protocolError, why));
      return;
    }
    const tally = { openedAt: this.openedAt, closedAt: Date.now(), bytesToBrowser: this.relay.bytesToBrowser, bytesFromBrowser: this.relay.bytesFromBrowser, code, why };
    auditConsoleClose(this.deps.db, this.admission.actor, this.target!, tally).catch((error: unknown) => console.error("console: could not audit a close:", error));
  }

  private startRelaying(): void {
    const { settings } = this.deps;
    this.openedAt = this.lastInputAt = Date.now();
    const pending = { fromServer: this.fromServer.take(), fromBrowser: this.fromBrowser.take() };
    this.relay = startRelay(this.ws, this.tcp!, pending, { onInput: () => (this.lastInputAt = Date.now()), onEnd: (end) => this.relayEnded(end) });

    const idleMs = settings.idleMinutes * 60_000;
    const checkIdle = () => {
      const quiet = Date.now() - this.lastInputAt;
      if (quiet >= idleMs) this.stop(CloseCode.idle, `Closed after ${settings.idleMinutes} minutes without keyboard or mouse input.`);
      else this.timers.push(setTimeout(checkIdle, idleMs - quiet));
    };
    this.timers.push(setTimeout(checkIdle, idleMs));
    this.timers.push(setTimeout(() => this.stop(CloseCode.maxLength, `Closed: a console lasts at most ${settings.maxHours} hours; open it again to go on.`), settings.maxHours * 3_600_000));
  }

  private relayEnded(end: RelayEnd): void {
    if (end.by === "vnc") return this.stop(CloseCode.vncClosed, "The VM's console closed (the VM was stopped, restarted or moved).");
    if (this.ws.readyState === this.ws.OPEN) return this.stop(CloseCode.protocolError, `Closed: ${end.detail}.`);
    this.stop(1000, "Closed in the browser.");
  }

  private async failToOpen(error: unknown): Promise<void> {
    const failure = error instanceof ConsoleError ? error : null;
    if (!failure) console.error("console: opening a console failed:", error);
    const message = failure?.message ?? "The console failed unexpectedly; the server's log has the details.";
    this.ended = true;
    this.deps.registry.remove(this.id);
    this.closeBrowser(failure?.code ?? INTERNAL_ERROR, message);
    this.tcp?.destroy();
    const audited = failure?.detail ? `${message} (${failure.detail})` : message;
    await auditConsoleOpen(this.deps.db, this.admission.actor, this.target, { result: failure?.result ?? "failed", message: audited });
  }

  private closeBrowser(code: number, why: string): void {
    const { ws } = this;
    if (ws.readyState !== ws.OPEN && ws.readyState !== ws.CONNECTING) return;
    ws.close(code, closeReason(why));
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  }
}

export type CollectedMessages = { reader: ByteReader; detach(): void };

/** Feeds a WebSocket's messages into a reader, from the moment of the upgrade (nothing the browser sends is lost). */
export function collectMessages(ws: WebSocket): CollectedMessages {
  const reader = new ByteReader();
  const listener = (data: Parameters<typeof toBuffer>[0]) => reader.push(toBuffer(data));
  ws.on("message", listener);
  return { reader, detach: () => ws.off("message", listener) };
}
