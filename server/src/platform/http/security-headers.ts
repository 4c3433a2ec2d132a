import type { FastifyReply } from 'fastify';

/**
 * Headers on every response. The CSP allows only our own origin: no third-party scripts,
 * styles, fonts or requests (a client's visit must leave no trace elsewhere), no inline script,
 * no framing. `no-referrer` keeps a quick exit from telling the neutral site where it came from.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
].join('; ');

export function applySecurityHeaders(reply: FastifyReply, https: boolean): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}
