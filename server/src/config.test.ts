import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts in demo mode with defaults when NODE_ENV is not production', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ demoMode: true, port: 3000, sessionIdleMinutes: 15, sessionAbsoluteHours: 8 });
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('names every setting production needs', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['ENCRYPTION_KEY', 'LOOKUP_KEY', 'PUBLIC_URL']) expect(problems).toContain(name);
    }
  });

  it('rejects a key that is not 32 bytes and a port out of range, naming them', () => {
    try {
      loadConfig({ ENCRYPTION_KEY: 'c2hvcnQ=', PORT: '70000' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/ENCRYPTION_KEY/);
      expect(problems).toMatch(/PORT/);
    }
  });

  it('accepts a complete production configuration', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: key, LOOKUP_KEY: key, PUBLIC_URL: 'https://upptack.example.se' });
    expect(config.demoMode).toBe(false);
    expect(config.env).toBe('production');
  });
});
