// Reads exact byte counts from a stream that arrives in chunks of any size (TCP segments, WebSocket messages), for
// the RFB handshakes; what arrives beyond the handshake is handed on to the relay untouched (take()).
export class StreamEndedError extends Error {}

export class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private waiting: { count: number; resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | null = null;
  private ended: Error | null = null;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    this.settle();
  }

  /** No more bytes will come: a pending or later read fails with this error. */
  end(error: Error = new StreamEndedError("the connection closed")): void {
    this.ended ??= error;
    this.settle();
  }

  read(count: number): Promise<Buffer> {
    if (this.waiting) return Promise.reject(new Error("one read at a time"));
    return new Promise((resolve, reject) => {
      this.waiting = { count, resolve, reject };
      this.settle();
    });
  }

  async readUint8(): Promise<number> {
    return (await this.read(1)).readUInt8(0);
  }

  async readUint32(): Promise<number> {
    return (await this.read(4)).readUInt32BE(0);
  }

  /** Everything received and not read yet. */
  take(): Buffer {
    const rest = Buffer.concat(this.chunks);
    this.chunks = [];
    this.length = 0;
    return rest;
  }

  private settle(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    if (this.length >= waiting.count) {
      this.waiting = null;
      const all = this.take();
      if (all.length > waiting.count) this.push(all.subarray(waiting.count));
      waiting.resolve(all.subarray(0, waiting.count));
    } else if (this.ended) {
      this.waiting = null;
      waiting.reject(this.ended);
    }
  }
}
