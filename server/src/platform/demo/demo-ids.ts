import crypto from 'node:crypto';

/** Stable ids for demo rows, so the README, the tests and the demo agree on them. */
export function demoId(name: string): string {
  const hex = crypto.createHash('md5').update(`upptack:demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Demo units and accounts (the kernel's identity tables), named by key in the README and tests. */
export const demoUnitId = (key: string) => demoId(`unit:${key}`);
export const demoUserId = (key: string) => demoId(`user:${key}`);

/** The one password of every demo account (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'upptack-demo-2026';
