// The master's luxi listener: a UNIX socket in the (private) state directory, one handler per method.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { encodeError } from "../errors";
import { ETX, LUXI_METHODS, MessageSplitter, type LuxiMethod, type LuxiRequest } from "./protocol";

export type LuxiHandlers = Record<LuxiMethod, (...args: any[]) => unknown>;

export class LuxiServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly handlers: LuxiHandlers) {
    this.server = net.createServer((socket) => this.serve(socket));
  }

  listen(socketPath: string): Promise<void> {
    fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
    fs.rmSync(socketPath, { force: true }); // a stale socket from a master that died; the abstract lock says we own it
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(socketPath, () => {
        fs.chmodSync(socketPath, 0o600);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.setEncoding("utf8");
    const splitter = new MessageSplitter();
    let chain = Promise.resolve();
    socket.on("data", (chunk: string) => {
      for (const message of splitter.push(chunk)) {
        // Answers go back in request order, as the client expects.
        chain = chain.then(() => this.answer(socket, message));
      }
    });
  }

  private async answer(socket: net.Socket, message: string): Promise<void> {
    let response: { success: boolean; result: unknown };
    try {
      const request = JSON.parse(message) as LuxiRequest;
      if (!LUXI_METHODS.includes(request.method as LuxiMethod)) throw new Error(`Unknown luxi method ${request.method}`);
      const result = await this.handlers[request.method as LuxiMethod](...(request.args ?? []));
      response = { success: true, result: result ?? null };
    } catch (error) {
      response = { success: false, result: encodeError(error) };
    }
    if (!socket.destroyed) socket.write(JSON.stringify(response) + ETX);
  }
}
