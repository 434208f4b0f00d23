/** How many variables share one encoded block: small enough to re-encode per write, few enough blocks to copy. */
const BLOCK_SIZE = 64;
const COMMA = Buffer.from(',');

/**
 * One answer from its encoded parts. A plain `Uint8Array` of this realm, not a `Buffer`: Fastify sends bytes as they
 * are when `payload.buffer instanceof ArrayBuffer`, which Node's Buffer pool fails where the global `ArrayBuffer` is
 * another realm's (the console's component tests run this server under jsdom).
 */
export function joinBytes(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** JSON texts interleaved with commas, for `joinBytes`. */
export function commaSeparated(texts: Uint8Array[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const text of texts) {
    if (parts.length > 0) parts.push(COMMA);
    parts.push(text);
  }
  return parts;
}

/**
 * The UTF-8 JSON text of a page's variables (without the braces), kept in encoded blocks of a few dozen keys in key
 * order. A write re-encodes only the block that holds its key, and the page's answer is one copy of the blocks.
 * Why not one string: joining a thousand `"key":value` pieces and encoding the result on every write cost more than
 * the rest of a PATCH — real pages hold text outside Latin-1 (a dash is enough), which V8 stores as two-byte strings
 * that are slow to encode.
 */
export class VariablesText {
  private readonly position = new Map<string, number>();
  private readonly pieces: string[] = [];
  /** The encoded blocks; `undefined` where a write changed the block since it was last encoded. */
  private readonly blocks: (Buffer | undefined)[] = [];

  /** Sets a key's JSON text; a new key goes last, as in `{...variables, ...patch}`. */
  set(key: string, valueJson: string) {
    const piece = `${JSON.stringify(key)}:${valueJson}`;
    let at = this.position.get(key);
    if (at === undefined) {
      at = this.pieces.length;
      this.position.set(key, at);
      this.pieces.push(piece);
    } else {
      this.pieces[at] = piece;
    }
    this.blocks[Math.floor(at / BLOCK_SIZE)] = undefined;
  }

  /** The encoded blocks, to be copied between the page's other parts (each after the first starts with its comma). */
  parts(): Uint8Array[] {
    const blocks: Buffer[] = [];
    for (let block = 0; block * BLOCK_SIZE < this.pieces.length; block++) {
      blocks.push((this.blocks[block] ??= this.encode(block)));
    }
    return blocks;
  }

  private encode(block: number): Buffer {
    const text = this.pieces.slice(block * BLOCK_SIZE, (block + 1) * BLOCK_SIZE).join(',');
    return Buffer.from(block === 0 ? text : `,${text}`);
  }
}
