// One side of an RFB conversation during a handshake: bytes read in exact counts, bytes written as they are.
import type { ByteReader } from "./byte-reader";

export type RfbIo = { reader: ByteReader; write(bytes: Buffer): void };

/** RFB's failure reason: a 32-bit length, then that many bytes of text (cut to what a person reads). */
export async function readReasonString(reader: ByteReader): Promise<string> {
  const length = await reader.readUint32();
  if (length > 64 * 1024) throw new Error(`a reason string of ${length} bytes`);
  return (await reader.read(length)).toString("utf8").slice(0, 200);
}

export function reasonString(text: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
