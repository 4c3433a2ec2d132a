import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

/** PGlite does not lock its directory; this lock file keeps a second process out (stack notes). */
describe('the data-directory lock', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records the owner and is gone after release', () => {
    const dir = dataDir();
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'upptack.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'upptack.lock'))).toBe(false);
  });

  it('creates a data directory that does not exist yet', () => {
    const dir = path.join(dataDir(), 'nested', 'data');
    lockDataDir(dir).release();
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });

  it('refuses while another living process holds it, naming the directory and the process', async () => {
    const dir = dataDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'upptack.lock'), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(`The data directory ${dir} is in use by another Upptäck process (PID ${other.pid})`);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that no longer runs (e.g. after kill -9)', () => {
    const dir = dataDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(path.join(dir, 'upptack.lock'), String(dead));
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'upptack.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, 'upptack.lock'), 'garbage');
    lockDataDir(dir).release();
    expect(fs.existsSync(path.join(dir, 'upptack.lock'))).toBe(false);
  });
});
