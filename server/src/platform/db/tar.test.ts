import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { TarError, tarDirectory, untarInto } from './tar.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-tar-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The archive fed in small, uneven chunks, as a gunzip stream hands it over. */
function chunked(archive: Buffer, size = 777): AsyncIterable<Buffer> {
  return Readable.from(
    (function* () {
      for (let at = 0; at < archive.length; at += size) yield archive.subarray(at, at + size);
    })(),
  );
}

describe('tar for backups (issue 18)', () => {
  it('round-trips a directory of files, empty files and nested directories, in small chunks', async () => {
    const source = path.join(tmp, 'source');
    fs.mkdirSync(path.join(source, 'base', '16384'), { recursive: true });
    fs.mkdirSync(path.join(source, 'pg_wal', 'archive_status'), { recursive: true });
    const big = crypto.randomBytes(3 * 1024 * 1024 + 123);
    fs.writeFileSync(path.join(source, 'base', '16384', '2608'), big);
    fs.writeFileSync(path.join(source, 'PG_VERSION'), '18\n');
    fs.writeFileSync(path.join(source, 'empty'), '');
    const long = `${'d'.repeat(90)}/${'e'.repeat(40)}`;
    fs.mkdirSync(path.join(source, long), { recursive: true });
    fs.writeFileSync(path.join(source, long, 'file'), 'long path');

    const archive = await collect(tarDirectory(source));
    expect(archive.length % 512).toBe(0);
    const target = path.join(tmp, 'target');
    fs.mkdirSync(target);
    expect(await untarInto(chunked(archive), target)).toBe(4);
    expect(fs.readFileSync(path.join(target, 'base', '16384', '2608')).equals(big)).toBe(true);
    expect(fs.readFileSync(path.join(target, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(fs.statSync(path.join(target, 'empty')).size).toBe(0);
    expect(fs.statSync(path.join(target, 'pg_wal', 'archive_status')).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(target, long, 'file'), 'utf8')).toBe('long path');
  });

  it('reads entries named with a leading slash, as PGlite writes them, and refuses paths that escape', async () => {
    const source = path.join(tmp, 'slash');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'x'), 'content');
    const archive = await collect(tarDirectory(source));
    const renamed = (name: string) => {
      const copy = Buffer.from(archive);
      copy.fill(0, 0, 100);
      copy.write(name, 0, 'utf8');
      // Recompute the header checksum.
      copy.write('        ', 148, 'latin1');
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += copy[i]!;
      copy.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
      return copy;
    };
    const slashed = path.join(tmp, 'slashed');
    fs.mkdirSync(slashed);
    await untarInto(chunked(renamed('/x')), slashed);
    expect(fs.readFileSync(path.join(slashed, 'x'), 'utf8')).toBe('content');
    const escape = path.join(tmp, 'escape');
    fs.mkdirSync(escape);
    await expect(untarInto(chunked(renamed('../outside')), escape)).rejects.toThrow(TarError);
    expect(fs.existsSync(path.join(tmp, 'outside'))).toBe(false);
  });

  it('refuses what is not an archive, a corrupt header and an archive cut short', async () => {
    const source = path.join(tmp, 'short');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'x'), crypto.randomBytes(5000));
    const archive = await collect(tarDirectory(source));
    const into = (name: string) => {
      const directory = path.join(tmp, name);
      fs.mkdirSync(directory);
      return directory;
    };
    await expect(untarInto(chunked(crypto.randomBytes(4096)), into('garbage'))).rejects.toThrow(/not a tar archive/);
    const corrupt = Buffer.from(archive);
    corrupt[10] = corrupt[10]! ^ 0xff;
    await expect(untarInto(chunked(corrupt), into('corrupt'))).rejects.toThrow(/checksum|not a tar/);
    await expect(untarInto(chunked(archive.subarray(0, 3000)), into('cut'))).rejects.toThrow(/ends early/);
  });
});
