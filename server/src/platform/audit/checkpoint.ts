import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import { queryRows, type Database } from '../db/database.ts';
import type { JobHandler, Schedule } from '../jobs/job-runner.ts';

/**
 * Audit checkpoints (issue 16 item 9). The hash chain shows a changed or removed event *inside*
 * the trail, but someone who owns the database can delete the newest events and the chain that
 * is left still verifies. A checkpoint records how long the chain was and the hash of its last
 * event, and is kept where the application cannot rewrite it: a structured log line every hour
 * (the log stream leaves the host) and the header of every backup. It is signed with a key derived
 * from LOOKUP_KEY (which, unlike ENCRYPTION_KEY, is never rotated), so a database owner without
 * the configuration cannot make one up. `verify-audit --checkpoint …` then finds a trail that
 * is shorter than a checkpoint, or whose event at the checkpoint has another hash.
 */
export type AuditCheckpoint = { events: number; head: string; at: string; mac: string };

export type ChainHead = { events: number; head: string };

/** The log line's message and field name: what an operator searches the log stream for. */
export const CHECKPOINT_LOG_MESSAGE = 'audit checkpoint';
const LOG_FIELD = 'auditCheckpoint';
export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';
const GENESIS_HASH = '0'.repeat(64);

export function checkpointKey(config: Pick<Config, 'lookupKey'>): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', config.lookupKey, Buffer.alloc(0), 'upptack audit checkpoint v1', 32));
}

function macOf(key: Buffer, head: ChainHead, at: string): string {
  return crypto.createHmac('sha256', key).update(`${head.events}\n${head.head}\n${at}`).digest('hex');
}

export function signCheckpoint(key: Buffer, head: ChainHead, at: Date): AuditCheckpoint {
  const stamp = at.toISOString();
  return { events: head.events, head: head.head, at: stamp, mac: macOf(key, head, stamp) };
}

export function isSigned(key: Buffer, checkpoint: AuditCheckpoint): boolean {
  const expected = Buffer.from(macOf(key, checkpoint, checkpoint.at), 'hex');
  const given = Buffer.from(checkpoint.mac, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The SQL of the chain's head; sequence numbers start at 1 without gaps (the chain check holds them to it). */
export const CHAIN_HEAD_SQL = 'select seq, hash from audit_events order by seq desc limit 1';

export function chainHeadOf(row: { seq: string | number; hash: string } | undefined): ChainHead {
  return row ? { events: Number(row.seq), head: row.hash } : { events: 0, head: GENESIS_HASH };
}

export async function chainHead(database: Database): Promise<ChainHead> {
  const [row] = await database.system((tx) => queryRows<{ seq: string | number; hash: string }>(tx, sql.raw(CHAIN_HEAD_SQL)));
  return chainHeadOf(row);
}

function asCheckpoint(value: unknown): AuditCheckpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = LOG_FIELD in value ? (value as Record<string, unknown>)[LOG_FIELD] : value;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { events, head, at, mac } = candidate as Record<string, unknown>;
  if (typeof events !== 'number' || !Number.isInteger(events) || events < 0) return undefined;
  if (typeof head !== 'string' || !/^[0-9a-f]{64}$/.test(head) || typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return undefined;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  return { events, head, at, mac };
}

/** The last checkpoint in a text: one checkpoint as JSON, a log line, or a whole log. */
export function findCheckpoint(text: string): AuditCheckpoint | undefined {
  let found: AuditCheckpoint | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      found = asCheckpoint(JSON.parse(trimmed)) ?? found;
    } catch {
      // Other lines of a log are not checkpoints.
    }
  }
  return found;
}

export type CheckpointVerification =
  { ok: true } | { ok: false; problem: 'unsigned' } | { ok: false; problem: 'truncated'; events: number } | { ok: false; problem: 'rewritten' };

/** Whether the trail still holds every event the checkpoint saw, unchanged. */
export async function verifyAgainstCheckpoint(database: Database, key: Buffer, checkpoint: AuditCheckpoint): Promise<CheckpointVerification> {
  if (!isSigned(key, checkpoint)) return { ok: false, problem: 'unsigned' };
  const current = await chainHead(database);
  if (current.events < checkpoint.events) return { ok: false, problem: 'truncated', events: current.events };
  if (checkpoint.events === 0) return { ok: true };
  const [row] = await database.system((tx) => queryRows<{ hash: string }>(tx, sql`select hash from audit_events where seq = ${checkpoint.events}`));
  return row?.hash === checkpoint.head ? { ok: true } : { ok: false, problem: 'rewritten' };
}

/** Every hour on the hour: a database owner can remove at most the last hour's events unseen. */
export const AUDIT_CHECKPOINT_SCHEDULE: Schedule = {
  kind: AUDIT_CHECKPOINT_JOB,
  next(after) {
    const next = new Date(after);
    next.setUTCMinutes(0, 0, 0);
    next.setUTCHours(next.getUTCHours() + 1);
    return next;
  },
};

export function auditCheckpointJob(database: Database, key: Buffer, logger: FastifyBaseLogger): JobHandler {
  return async (_job, context) => {
    const checkpoint = signCheckpoint(key, await chainHead(database), context.clock.now());
    logger.info({ [LOG_FIELD]: checkpoint }, CHECKPOINT_LOG_MESSAGE);
    return { result: { events: checkpoint.events } };
  };
}
