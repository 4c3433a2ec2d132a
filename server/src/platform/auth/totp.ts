import { generateSecret, generateURI, verify } from 'otplib';

/**
 * Time-based one-time passwords (RFC 6238: 30-second steps, six digits, SHA-1 for
 * authenticator-app compatibility). One step of clock drift is accepted either way, and a code
 * is accepted only once (the last used step is remembered).
 */
const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: 'Upptäck', label: email, secret });
}

export async function verifyTotp(
  secret: string,
  token: string,
  options: { now: Date; lastStep: number | null },
): Promise<{ valid: true; step: number } | { valid: false }> {
  if (!/^\d{6}$/.test(token)) return { valid: false };
  const epoch = Math.floor(options.now.getTime() / 1000);
  const result = await verify({
    secret,
    token,
    epoch,
    epochTolerance: PERIOD_SECONDS,
    ...(options.lastStep !== null ? { afterTimeStep: options.lastStep } : {}),
  });
  if (!result.valid) return { valid: false };
  const step = Math.floor(epoch / PERIOD_SECONDS) + (result as { delta?: number }).delta!;
  return { valid: true, step };
}
