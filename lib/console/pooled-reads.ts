// Reading the VNC servers' sockets into recycled buffers. A socket normally allocates a fresh 64 KiB buffer for
// every read; at 100 MB/s over hundreds of consoles that is thousands of buffers a second, and V8 answers the
// external memory they take with garbage collections over the whole server's heap — measured under bench/console,
// collection was two thirds of the relay's CPU. Here a console's socket reads into buffers from a shared free list
// (Node's `onread` with a buffer generator), and the relay gives each one back when its WebSocket frame has been
// written, so streaming allocates nothing. Sockets made elsewhere (tests) still work through 'data' events.
import net from "node:net";

const READ_SIZE = 64 * 1024;
/** Buffers kept for reuse (16 MiB); beyond that, given-back buffers are left to the collector. */
const MAX_FREE = 256;

const free: Buffer[] = [];

function take(): Buffer {
  return free.pop() ?? Buffer.allocUnsafeSlow(READ_SIZE);
}

function give(buffer: Buffer): void {
  if (free.length < MAX_FREE && buffer.length === READ_SIZE) free.push(buffer);
}

/**
 * What to do with bytes read: `chunk` is valid until `release` is called (the relay calls it once the bytes have been
 * written on); a handler that keeps nothing calls it at once. For sockets not made by connectPooled, release does
 * nothing.
 */
export type ChunkHandler = (chunk: Buffer, release: () => void) => void;

type Reader = { handler: ChunkHandler | null; waiting: Buffer[] };
const readers = new WeakMap<net.Socket, Reader>();

/** A TCP connection whose reads use the shared buffers (see onChunk). */
export function connectPooled(host: string, port: number): net.Socket {
  const reader: Reader = { handler: null, waiting: [] };
  const socket = net.connect({
    host,
    port,
    onread: {
      buffer: take,
      callback: (length: number, buffer: Uint8Array) => {
        const full = buffer as Buffer;
        const chunk = full.subarray(0, length);
        if (reader.handler) reader.handler(chunk, () => give(full));
        else {
          // Nobody reads yet: keep a copy, so the buffer can go back.
          reader.waiting.push(Buffer.from(chunk));
          give(full);
        }
        return true;
      },
    },
  });
  readers.set(socket, reader);
  return socket;
}

/** Sends the socket's bytes to `handler` from now on (null: hold them until a handler is set again). */
export function onChunk(socket: net.Socket, handler: ChunkHandler | null): void {
  const reader = readers.get(socket);
  if (!reader) {
    socket.removeAllListeners("data");
    if (handler) socket.on("data", (chunk: Buffer) => handler(chunk, () => undefined));
    return;
  }
  reader.handler = handler;
  if (!handler) return;
  for (const chunk of reader.waiting.splice(0)) handler(chunk, () => undefined);
}

/** Buffers waiting for reuse (tests). */
export const freeBufferCount = (): number => free.length;
