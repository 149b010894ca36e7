import { ConfigError, loadConfig } from './index';

describe('HTTP timeouts at start-up', () => {
  it('defaults to 10 s for headers, 30 s for the whole request and 75 s idle', () => {
    expect(loadConfig({}).http.timeouts).toEqual({ headersMs: 10_000, requestMs: 30_000, idleMs: 75_000 });
  });

  it('refuses headers longer than the request, and an idle timeout a vendor wait would hit', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_BODY_TIMEOUT_MS/);
    expect(() => loadConfig({ HTTP_IDLE_TIMEOUT_MS: '30000' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_IDLE_TIMEOUT_MS: '30000' })).toThrow(/HTTP_IDLE_TIMEOUT_MS: must be longer than LLM_REQUEST_DEADLINE_MS \(60000\)/);
    expect(loadConfig({ HTTP_IDLE_TIMEOUT_MS: '30000', LLM_REQUEST_DEADLINE_MS: '20000' }).http.timeouts.idleMs).toBe(30_000);
  });
});
