// A minimal RFB 3.8 server (RFC 6143; 3.3 and 3.7 clients too) showing one framebuffer to any number of clients, as
// QEMU's shared sessions do: VNC authentication with a password (security type None only for a server made without
// one), raw encoding in the client's pixel format, incremental updates of what changed, key events and clipboard text
// handed to the owner. Pointer events are read and ignored.
import net from "node:net";
import type { Framebuffer } from "./framebuffer";
import { RfbConnection } from "./rfb-connection";

export type RfbServerOptions = {
  framebuffer: Framebuffer;
  /** The desktop name clients show (ServerInit). */
  desktopName: string;
  /** Required of every client (VNC authentication); without one, clients are let in with security type None. */
  password?: string | null;
  onKey?(keysym: number, down: boolean): void;
  /** Clipboard text a client sent (ClientCutText), Latin-1 as the protocol has it. */
  onCutText?(text: string): void;
  /** A client left or was closed; `reason` says why when the server closed it (bad input, wrong password). */
  onClientClosed?(reason: string | null): void;
  /** Longer clipboard text closes the client (default 1 MiB). */
  maxCutTextBytes?: number;
  /** Clients past this many are refused with a reason (default 256). */
  maxClients?: number;
  /** A client that has not finished the handshake by then is closed (default 30 s). */
  handshakeTimeoutMs?: number;
};

export const DEFAULT_MAX_CUT_TEXT_BYTES = 1024 * 1024;

export class RfbServer {
  private readonly connections = new Set<RfbConnection>();
  private listener: net.Server | null = null;
  private readonly stopDamage: () => void;
  private closing = false;

  constructor(private readonly options: RfbServerOptions) {
    if (options.password === "") throw new Error("A VNC password cannot be empty: give none to offer security type None");
    this.stopDamage = options.framebuffer.onDamage((rect) => {
      for (const connection of this.connections) connection.damage(rect);
    });
  }

  /** Clients connected (the handshake included). */
  get clientCount(): number {
    return this.connections.size;
  }

  /** Listens on `host`:`port` (0: a port the system chooses); resolves with the address. */
  listen(port = 0, host = "127.0.0.1"): Promise<net.AddressInfo> {
    if (this.listener) throw new Error("The RFB server is already listening");
    const listener = net.createServer((socket) => this.accept(socket));
    this.listener = listener;
    return new Promise((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(port, host, () => {
        listener.off("error", reject);
        // Running out of file descriptors refuses a connection; it must not stop the process.
        listener.on("error", () => undefined);
        resolve(listener.address() as net.AddressInfo);
      });
    });
  }

  /** Serves a client on a socket connected by someone else (a listener of the owner's, a test). */
  accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const maxClients = this.options.maxClients ?? 256;
    const connection = new RfbConnection(socket, {
      framebuffer: this.options.framebuffer,
      desktopName: this.options.desktopName,
      password: this.options.password ?? null,
      maxCutTextBytes: this.options.maxCutTextBytes ?? DEFAULT_MAX_CUT_TEXT_BYTES,
      handshakeTimeoutMs: this.options.handshakeTimeoutMs ?? 30_000,
      refusal: this.connections.size >= maxClients ? `Too many clients (at most ${maxClients})` : undefined,
      onKey: (keysym, down) => this.options.onKey?.(keysym, down),
      onCutText: (text) => this.options.onCutText?.(text),
      onClose: (closed, reason) => {
        this.connections.delete(closed);
        this.options.onClientClosed?.(reason);
      },
    });
    this.connections.add(connection);
  }

  /** Stops listening and closes every client. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopDamage();
    for (const connection of this.connections) connection.close("the server is closing");
    const listener = this.listener;
    this.listener = null;
    if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}
