// A luxi client: one UNIX socket connection, requests answered in order.
import net from "node:net";
import { GanetiError } from "../errors";
import { ETX, MessageSplitter, type LuxiMethod, type LuxiResponse } from "./protocol";

export class LuxiError extends Error {}

export class LuxiClient {
  private readonly pending: Array<{ resolve: (r: LuxiResponse) => void; reject: (e: Error) => void }> = [];
  private readonly splitter = new MessageSplitter();
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      for (const message of this.splitter.push(chunk)) {
        const waiter = this.pending.shift();
        try {
          waiter?.resolve(JSON.parse(message) as LuxiResponse);
        } catch (error) {
          waiter?.reject(new LuxiError(`Bad answer from the master daemon: ${(error as Error).message}`));
        }
      }
    });
    const fail = (error: Error) => {
      this.closed = true;
      for (const waiter of this.pending.splice(0)) waiter.reject(error);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new LuxiError("The master daemon closed the connection")));
  }

  static connect(socketPath: string, timeoutMs = 5000): Promise<LuxiClient> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(socketPath);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new LuxiError(`Timed out connecting to the master daemon at ${socketPath}`));
      }, timeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve(new LuxiClient(socket));
      });
      socket.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Calls a method; a failure on the master side is rethrown as the GanetiError it encodes. */
  async call<T = unknown>(method: LuxiMethod, ...args: unknown[]): Promise<T> {
    if (this.closed) throw new LuxiError("The connection to the master daemon is closed");
    const response = await new Promise<LuxiResponse>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(JSON.stringify({ method, args }) + ETX);
    });
    if (response.success) return response.result as T;
    const [kind, details] = (Array.isArray(response.result) ? response.result : ["LuxiError", [String(response.result)]]) as [string, unknown[]];
    const [message, code] = details as [string, string | undefined];
    throw new GanetiError(kind, String(message), code as never);
  }

  close(): void {
    this.closed = true;
    this.socket.end();
  }
}
