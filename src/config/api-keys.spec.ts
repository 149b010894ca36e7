import { ConfigError, loadConfig } from './index';

const A = 'key-a-0123456789abcdef';
const B = 'key-b-0123456789abcdef';

function startupMessage(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('API keys at start-up', () => {
  it('accepts distinct names and values', () => {
    expect(loadConfig({ API_KEY: A, API_KEYS: `finance:${B}:2`, ADMIN_API_KEY: 'admin-0123456789abcdef' }).auth.keys.map((k) => k.name)).toEqual(['default', 'finance']);
  });

  it('refuses two keys with one name, naming the name and never the key', () => {
    const message = startupMessage({ API_KEYS: `finance:${A},finance:${B}` });
    expect(message).toMatch(/API_KEYS: the name "finance" is used by 2 keys/);
    expect(message).not.toContain(A);
  });

  it('refuses an API_KEYS entry named like API_KEY', () => {
    expect(startupMessage({ API_KEY: A, API_KEYS: `default:${B}` })).toMatch(/"default" is used by 2 keys \(API_KEY is named "default"\)/);
  });

  it('refuses one value under two names, the admin key included', () => {
    expect(startupMessage({ API_KEY: A, API_KEYS: `finance:${A}` })).toMatch(/"default", "finance" have the same value/);
    const shared = startupMessage({ API_KEYS: `finance:${B}`, ADMIN_API_KEY: B });
    expect(shared).toMatch(/"finance", "ADMIN_API_KEY" have the same value/);
    expect(shared).not.toContain(B);
  });

  it('refuses the reserved name admin, in the same single message as other problems', () => {
    expect(startupMessage({ API_KEYS: `admin:${A}`, PORT: 'eighty' })).toMatch(/PORT[\s\S]*"admin" is reserved/);
    const alone = startupMessage({ API_KEYS: `admin:${A},ops:${A}` });
    expect(alone).toMatch(/^Invalid configuration \(2\):/);
    expect(alone).toMatch(/"admin" is reserved for ADMIN_API_KEY/);
  });
});
