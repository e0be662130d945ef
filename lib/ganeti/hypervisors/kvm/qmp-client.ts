// A QEMU Machine Protocol client over a UNIX socket: QMP is one JSON object per line. On connect QEMU greets,
// the client leaves capabilities negotiation with `qmp_capabilities`, then every command carries an id its answer
// repeats; anything with "event" is an asynchronous event, emitted by name (SHUTDOWN, RESET, STOP, RESUME, MIGRATION…).
import { EventEmitter } from "node:events";
import net from "node:net";
import { HypervisorError } from "../../errors";

/** QEMU refused a command: its error class (GenericError, CommandNotFound, DeviceNotActive…) and description. */
export class QmpError extends HypervisorError {
  readonly errorClass: string;
  readonly desc: string;

  constructor(command: string, errorClass: string, desc: string) {
    super(`QMP ${command} failed: ${desc} (${errorClass})`);
    this.errorClass = errorClass;
    this.desc = desc;
  }
}

export type QmpEvent = { event: string; data?: Record<string, unknown>; timestamp?: { seconds: number; microseconds: number } };
type Pending = { command: string; resolve: (value: unknown) => void; reject: (error: Error) => void };

export class QmpClient extends EventEmitter {
  readonly version: { qemu: { major: number; minor: number; micro: number } } | undefined;
  private readonly socket: net.Socket;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private closed: Error | null = null;

  private constructor(socket: net.Socket, greeting: Record<string, unknown>) {
    super();
    this.socket = socket;
    this.version = (greeting.QMP as { version?: QmpClient["version"] } | undefined)?.version;
  }

  /** Connects, reads the greeting and negotiates capabilities; rejects within `timeoutMs`. */
  static async connect(socketPath: string, timeoutMs = 5_000): Promise<QmpClient> {
    const socket = net.connect(socketPath);
    const lines = lineReader(socket);
    let timer: NodeJS.Timeout | undefined;
    const greeting = await new Promise<Record<string, unknown>>((resolve, reject) => {
      timer = setTimeout(() => reject(new HypervisorError(`QMP at ${socketPath} did not greet within ${timeoutMs} ms`)), timeoutMs);
      socket.once("error", (error) => reject(new HypervisorError(`Cannot connect to QMP at ${socketPath}: ${error.message}`)));
      socket.once("close", () => reject(new HypervisorError(`QMP at ${socketPath} closed before greeting`)));
      lines.once("line", (line: string) => resolve(JSON.parse(line)));
    }).catch((error) => {
      socket.destroy();
      throw error;
    }).finally(() => clearTimeout(timer));
    socket.removeAllListeners("error").removeAllListeners("close");
    lines.removeAllListeners("line");
    if (!("QMP" in greeting)) {
      socket.destroy();
      throw new HypervisorError(`${socketPath} is not a QMP socket: it greeted with ${JSON.stringify(greeting).slice(0, 200)}`);
    }
    const client = new QmpClient(socket, greeting);
    lines.on("line", (line: string) => client.receive(line));
    socket.on("error", (error) => client.fail(new HypervisorError(`QMP connection failed: ${error.message}`)));
    socket.on("close", () => client.fail(new HypervisorError("QMP connection closed (QEMU exited?)")));
    await client.execute("qmp_capabilities");
    return client;
  }

  /** Runs one command and resolves with its "return" value; QEMU's refusals reject as QmpError. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject });
      this.socket.write(`${JSON.stringify(args ? { execute: command, arguments: args, id } : { execute: command, id })}\n`);
    });
  }

  /** Resolves with the first event of this name (and matching `accept`), or null after `timeoutMs`. */
  waitForEvent(name: string, timeoutMs: number, accept: (event: QmpEvent) => boolean = () => true): Promise<QmpEvent | null> {
    return new Promise((resolve) => {
      const onEvent = (event: QmpEvent) => {
        if (!accept(event)) return;
        done(event);
      };
      const done = (event: QmpEvent | null) => {
        clearTimeout(timer);
        this.off(name, onEvent);
        this.off("close", onClose);
        resolve(event);
      };
      const onClose = () => done(null);
      const timer = setTimeout(() => done(null), timeoutMs);
      this.on(name, onEvent);
      this.once("close", onClose);
    });
  }

  get isClosed(): boolean {
    return this.closed !== null;
  }

  close(): void {
    this.fail(new HypervisorError("QMP connection closed by the client"));
  }

  private receive(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line);
    } catch {
      return; // QMP only sends JSON; a torn line cannot be answered anyway
    }
    if (typeof message.event === "string") {
      this.emit(message.event, message as QmpEvent);
      this.emit("event", message as QmpEvent);
      return;
    }
    const id = String(message.id ?? "");
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if ("error" in message) {
      const error = message.error as { class?: string; desc?: string };
      pending.reject(new QmpError(pending.command, error.class ?? "GenericError", error.desc ?? "no description"));
    } else {
      pending.resolve(message.return);
    }
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.closed = error;
    this.socket.destroy();
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.emit("close", error);
  }
}

/** Splits a socket's bytes into lines, emitted as "line". */
function lineReader(socket: net.Socket): EventEmitter {
  const lines = new EventEmitter();
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      if (line) lines.emit("line", line);
    }
  });
  return lines;
}
