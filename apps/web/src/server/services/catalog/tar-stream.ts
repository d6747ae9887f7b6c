// A minimal streaming ustar writer: enough to send a checkpoint directory as one archive
// without buffering it (files are read in chunks as the client pulls).
const BLOCK = 512;

function header(name: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (text: string, offset: number, length: number) => {
    const bytes = new TextEncoder().encode(text);
    h.set(bytes.subarray(0, length), offset);
  };
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, "0") + "\0";
  let prefix = "";
  let base = name;
  if (name.length > 100) {
    const cut = name.lastIndexOf("/", 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  put(base, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  put("        ", 148, 8); // checksum placeholder: spaces while summing
  put("0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  put(prefix, 345, 155);
  const sum = h.reduce((a, b) => a + b, 0);
  put(octal(sum, 7) + " ", 148, 8);
  return h;
}

/** One archive member: its name, its recorded size, and its bytes (already opened). */
export type TarEntry = { name: string; size: number; stream: AsyncIterable<unknown> };

/** Bytes of the archive: a header and padded data per entry, then two zero blocks. */
export function tarSize(entries: Pick<TarEntry, "size">[]) {
  return entries.reduce((a, e) => a + BLOCK + Math.ceil(e.size / BLOCK) * BLOCK, 2 * BLOCK);
}

/** Streams `entries` as a tar archive; an entry whose bytes differ from its size aborts it. */
export function tarStream(entries: TarEntry[]): ReadableStream<Uint8Array> {
  const mtime = Math.floor(Date.now() / 1000);
  async function* chunks() {
    for (const entry of entries) {
      yield header(entry.name, entry.size, mtime);
      let written = 0;
      for await (const chunk of entry.stream) {
        const bytes = chunk as Buffer;
        written += bytes.length;
        yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      }
      if (written !== entry.size) {
        throw new Error(`${entry.name}: ${written} bytes in the store, ${entry.size} recorded`);
      }
      const pad = (BLOCK - (entry.size % BLOCK)) % BLOCK;
      if (pad) yield new Uint8Array(pad);
    }
    yield new Uint8Array(BLOCK * 2);
  }
  const it = chunks();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await it.return(undefined);
      for (const e of entries) (e.stream as { destroy?: () => void }).destroy?.();
    },
  });
}
