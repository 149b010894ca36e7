import { ConfigError, validateEnv } from './env.schema';

describe(validateEnv.name, () => {
  it('accepts a chat message limit up to the request schema cap and names the variable above it', () => {
    expect(validateEnv({ CHAT_MAX_MESSAGE_LENGTH: '5000' }).CHAT_MAX_MESSAGE_LENGTH).toBe(5000);
    expect(() => validateEnv({ CHAT_MAX_MESSAGE_LENGTH: '8000' })).toThrow(ConfigError);
    expect(() => validateEnv({ CHAT_MAX_MESSAGE_LENGTH: '8000' })).toThrow(/CHAT_MAX_MESSAGE_LENGTH: .*5000/);
  });
});
