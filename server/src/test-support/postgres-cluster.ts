import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process.ts';

/**
 * A throwaway PostgreSQL cluster for process tests that restart or stop the server, made the way
 * CI makes its own (.ci/run): initdb and pg_ctl as the postgres user when running as root (the
 * server refuses root), trust authentication, 127.0.0.1 on a free port, a socket in its directory.
 */
export type PostgresCluster = {
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every session ends at once, the server is back when it returns. */
  restart(): void;
  /** `pg_ctl stop -m fast`. */
  stop(): void;
  start(): void;
  /** The postmaster's PID (to freeze it with SIGSTOP). */
  postmasterPid(): number;
  /** Stops the server if it runs and removes every file. */
  destroy(): void;
};

function serverBinaries(): string {
  const onPath = (process.env.PATH ?? '').split(path.delimiter);
  const versioned = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .sort()
        .reverse()
        .map((version) => path.join('/usr/lib/postgresql', version, 'bin'))
    : [];
  const found = [...onPath, '/usr/local/bin', ...versioned].find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH, in /usr/local/bin or /usr/lib/postgresql/*/bin. ' +
        'Install them (`apt-get install postgresql`, as .ci/run does): this test does not skip.',
    );
  }
  return found;
}

export async function createPostgresCluster(): Promise<PostgresCluster> {
  const bin = serverBinaries();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'upptack-pg-'));
  const data = path.join(root, 'data');
  const log = path.join(root, 'server.log');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    fs.chownSync(root, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, prefix] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool)]] : [path.join(bin, tool), []];
    // The server's output goes to the log file: a pipe held open by it would never reach EOF.
    execFileSync(command, [...prefix, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const pgCtl = (action: string, extra: string[]) => run('pg_ctl', ['-D', data, '-l', log, '-w', ...extra, action]);
  let running = false;

  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  const cluster: PostgresCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      pgCtl('start', ['-o', serverOptions]);
      running = true;
    },
    restart() {
      pgCtl('restart', ['-m', 'fast', '-o', serverOptions]);
    },
    stop() {
      pgCtl('stop', ['-m', 'fast']);
      running = false;
    },
    postmasterPid() {
      return Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    },
    destroy() {
      try {
        if (running) cluster.stop();
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
  try {
    cluster.start();
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  return cluster;
}
