// The JSON of one UUID-keyed map of the configuration (instances, disks, …), kept in blocks whose encoded text is
// cached: a write re-serialises only the blocks whose objects changed and hands the rest to the disk as they are,
// so writing a 10,000-instance configuration costs about what changed, not a new 6 MB string each time.
type Block = { keys: string[]; json: Buffer | null };

const COMMA = Buffer.from(",");
const OPEN = Buffer.from("{");
const CLOSE = Buffer.from("}");

const BLOCK_SIZE = 256;

export class SerializedMap {
  private readonly blocks: Block[] = [];
  private readonly blockOf = new Map<string, Block>();

  constructor(private readonly record: Record<string, unknown>) {
    for (const key of Object.keys(record)) this.added(key);
  }

  /** A new key: objects keep insertion order, so it goes last, as in the record itself. */
  added(key: string): void {
    if (this.blockOf.has(key)) return this.changed(key);
    let last = this.blocks.at(-1);
    if (!last || last.keys.length >= BLOCK_SIZE) {
      last = { keys: [], json: null };
      this.blocks.push(last);
    }
    last.keys.push(key);
    last.json = null;
    this.blockOf.set(key, last);
  }

  changed(key: string): void {
    const block = this.blockOf.get(key);
    if (block) block.json = null;
  }

  removed(key: string): void {
    const block = this.blockOf.get(key);
    if (!block) return;
    block.keys.splice(block.keys.indexOf(key), 1);
    block.json = null;
    this.blockOf.delete(key);
    if (!block.keys.length) this.blocks.splice(this.blocks.indexOf(block), 1);
  }

  /** The map's JSON as buffers to be written one after the other. */
  encode(): Buffer[] {
    const parts: Buffer[] = [OPEN];
    this.blocks.forEach((block, i) => {
      if (i) parts.push(COMMA);
      parts.push((block.json ??= Buffer.from(block.keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(this.record[k])}`).join(","))));
    });
    parts.push(CLOSE);
    return parts;
  }
}
