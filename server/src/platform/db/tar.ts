import fs from 'node:fs';
import path from 'node:path';

/**
 * A minimal ustar writer and reader for the embedded database's backups (issue 18): a directory
 * streamed into an archive and an archive streamed back into a directory, one file chunk at a time,
 * so memory stays bounded whatever the database's size. Regular files and directories only, as
 * in a PostgreSQL data directory and in PGlite's own dumps (which name entries with a leading `/`).
 */
const BLOCK = 512;
/** Read and written in chunks of this size. */
const CHUNK = 1 << 20;

export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, mode: number, size: number, mtime: Date, type: '0' | '5'): Buffer {
  const block = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    // ustar: up to 155 bytes of directories in the prefix field, the rest in the name.
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new TarError(`path too long for the archive: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  block.write(base, 0, 100, 'utf8');
  block.write(octal(mode & 0o7777, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'latin1');
  block.write('        ', 148, 'latin1');
  block.write(type, 156, 'latin1');
  block.write('ustar\0' + '00', 257, 'latin1');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'latin1');
  return block;
}

/**
 * The archive of everything under `root` (paths relative to it, directories before their
 * contents), yielded in chunks of at most 1 MiB. A file that changes size while it is read fails
 * the archive: the caller must make sure nothing writes meanwhile.
 */
export async function* tarDirectory(root: string): AsyncGenerator<Buffer> {
  const walk = async function* (relative: string): AsyncGenerator<Buffer> {
    const entries = (await fs.promises.readdir(path.join(root, relative), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      const full = path.join(root, name);
      const stat = await fs.promises.stat(full);
      if (entry.isDirectory()) {
        yield header(name, stat.mode, 0, stat.mtime, '5');
        yield* walk(name);
      } else if (entry.isFile()) {
        yield header(name, stat.mode, stat.size, stat.mtime, '0');
        const handle = await fs.promises.open(full, 'r');
        try {
          let remaining = stat.size;
          while (remaining > 0) {
            const buffer = Buffer.allocUnsafe(Math.min(CHUNK, remaining));
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, stat.size - remaining);
            if (bytesRead === 0) throw new TarError(`${name} shrank while it was archived`);
            remaining -= bytesRead;
            yield buffer.subarray(0, bytesRead);
          }
        } finally {
          await handle.close();
        }
        const padding = (BLOCK - (stat.size % BLOCK)) % BLOCK;
        if (padding > 0) yield Buffer.alloc(padding);
      }
      // Anything else (sockets, links) has no place in a data directory and is left out.
    }
  };
  yield* walk('');
  yield Buffer.alloc(2 * BLOCK);
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function number(block: Buffer, start: number, length: number): number {
  const raw = block.subarray(start, start + length);
  if (raw[0]! & 0x80) {
    // GNU base-256 for sizes over 8 GiB.
    let value = 0;
    for (let i = 1; i < length; i++) value = value * 256 + raw[i]!;
    return value;
  }
  const text = field(block, start, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarError('not a tar archive');
  return text === '' ? 0 : parseInt(text, 8);
}

/** Where an entry goes under `root`; refuses absolute escapes and `..`. */
function target(root: string, name: string): string {
  const clean = name.replace(/^(\.?\/)+/, '');
  const parts = clean.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) throw new TarError(`unsafe path in the archive: ${name}`);
  return path.join(root, ...parts);
}

/**
 * Writes the archive read from `source` under `root` (which must exist), one chunk at a time.
 * Returns the number of regular files. Throws `TarError` on anything that is not a well-formed
 * ustar archive of files and directories.
 */
export async function untarInto(source: AsyncIterable<Buffer>, root: string): Promise<number> {
  let pending: Buffer = Buffer.alloc(0);
  let file: { handle: fs.promises.FileHandle; remaining: number; padding: number } | undefined;
  let skip = 0;
  let files = 0;
  let ended = false;
  let sawHeader = false;
  try {
    for await (const chunk of source) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (ended) {
          pending = Buffer.alloc(0);
          break;
        }
        if (file) {
          if (pending.length === 0) break;
          const take = Math.min(file.remaining, pending.length);
          await file.handle.write(pending.subarray(0, take));
          pending = pending.subarray(take);
          file.remaining -= take;
          if (file.remaining > 0) break;
          await file.handle.close();
          skip = file.padding;
          file = undefined;
          continue;
        }
        if (skip > 0) {
          const take = Math.min(skip, pending.length);
          pending = pending.subarray(take);
          skip -= take;
          if (skip > 0) break;
        }
        if (pending.length < BLOCK) break;
        const block = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (block.every((byte) => byte === 0)) {
          ended = true;
          continue;
        }
        if (!sawHeader && block.subarray(257, 262).toString('latin1') !== 'ustar') throw new TarError('not a tar archive');
        sawHeader = true;
        let sum = 0;
        for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
        if (sum !== number(block, 148, 8)) throw new TarError('the archive is corrupt (header checksum)');
        const prefix = field(block, 345, 155);
        const name = prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100);
        const size = number(block, 124, 12);
        const type = String.fromCharCode(block[156]!);
        const where = target(root, name);
        if (type === '5') {
          await fs.promises.mkdir(where, { recursive: true });
        } else if (type === '0' || type === '\0') {
          await fs.promises.mkdir(path.dirname(where), { recursive: true });
          const handle = await fs.promises.open(where, 'wx', number(block, 100, 8) & 0o777 || 0o600);
          files++;
          const padding = (BLOCK - (size % BLOCK)) % BLOCK;
          if (size === 0) await handle.close();
          else file = { handle, remaining: size, padding };
        } else {
          throw new TarError(`unexpected entry type '${type}' in the archive`);
        }
      }
    }
    // PGlite's own dumps may end without the two zero blocks; a file cut short is an error.
    if (file || skip > 0) throw new TarError('the archive ends early');
    if (!sawHeader) throw new TarError('not a tar archive');
    return files;
  } finally {
    await file?.handle.close();
  }
}
