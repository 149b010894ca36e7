import { startFixtureServer, serve, type FixtureServer } from 'test/fixtures/sii/fixture-server';

import { assertAllowedUrl, fetchPage, siiUserAgent, type FetchPageOptions } from './page-fetcher';
import { isSiiFetchError, type SiiFetchErrorKind } from './sii-fetch.error';

describe(fetchPage.name, () => {
  let server: FixtureServer;
  let options: FetchPageOptions;

  beforeEach(async () => {
    server = await startFixtureServer();
    options = {
      allowedHosts: [server.host],
      timeoutMs: 500,
      maxBytes: 1000,
      retries: 2,
      userAgent: siiUserAgent('1.2.3', 'https://example.cl/contacto'),
      backoffMs: 1,
    };
  });
  afterEach(() => server.close());

  const failure = async (promise: Promise<unknown>): Promise<SiiFetchErrorKind> => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    if (!isSiiFetchError(error)) throw new Error(`expected a SiiFetchError, got ${String(error)}`);
    return error.kind;
  };

  it('returns status, content type and body, sending an honest User-Agent', async () => {
    server.routes.set('/index.html', serve('<p>hola</p>', 'text/html; charset=iso-8859-1'));
    const result = await fetchPage(`${server.origin}/index.html`, options);
    expect(result).toEqual({
      status: 200,
      url: `${server.origin}/index.html`,
      contentType: 'text/html; charset=iso-8859-1',
      body: Buffer.from('<p>hola</p>'),
    });
    expect(server.requests[0].headers['user-agent']).toBe('odoo-ai-gateway-sii-monitor/1.2.3 (+https://example.cl/contacto)');
  });

  it('returns a 404 as a result, without retrying', async () => {
    const result = await fetchPage(`${server.origin}/missing.htm`, options);
    expect(result).toMatchObject({ status: 404, body: null });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 5xx and returns the later success', async () => {
    let calls = 0;
    server.routes.set('/flaky', (_req, res) => (++calls < 3 ? res.writeHead(503).end() : res.writeHead(200).end('ok')));
    const result = await fetchPage(`${server.origin}/flaky`, options);
    expect(result.status).toBe(200);
    expect(calls).toBe(3);
  });

  it('returns the last 5xx once retries are exhausted', async () => {
    server.routes.set('/down', serve('', 'text/plain', 502));
    expect((await fetchPage(`${server.origin}/down`, options)).status).toBe(502);
    expect(server.requests).toHaveLength(3);
  });

  it('follows a redirect on the same host', async () => {
    server.routes.set('/old', (_req, res) => res.writeHead(301, { location: '/new' }).end());
    server.routes.set('/new', serve('moved'));
    const result = await fetchPage(`${server.origin}/old`, options);
    expect(result).toMatchObject({ status: 200, url: `${server.origin}/new` });
  });

  it('refuses a redirect to another host', async () => {
    server.routes.set('/old', (_req, res) => res.writeHead(302, { location: 'http://evil.example/x' }).end());
    expect(await failure(fetchPage(`${server.origin}/old`, options))).toBe('host_not_allowed');
    expect(server.requests).toHaveLength(1);
  });

  it('stops redirect loops', async () => {
    server.routes.set('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    expect(await failure(fetchPage(`${server.origin}/loop`, { ...options, maxRedirects: 3 }))).toBe('too_many_redirects');
  });

  it('refuses a declared body over the cap and a streamed one that grows past it', async () => {
    server.routes.set('/big', serve('x'.repeat(2000)));
    server.routes.set('/stream', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('y'.repeat(600));
      setTimeout(() => res.end('y'.repeat(600)), 20);
    });
    expect(await failure(fetchPage(`${server.origin}/big`, options))).toBe('too_large');
    expect(await failure(fetchPage(`${server.origin}/stream`, options))).toBe('too_large');
    expect(server.requests).toHaveLength(2);
  });

  it('times out a server that never answers, after retrying', async () => {
    server.routes.set('/hang', () => undefined);
    expect(await failure(fetchPage(`${server.origin}/hang`, { ...options, timeoutMs: 50, retries: 1 }))).toBe('timeout');
    expect(server.requests).toHaveLength(2);
  });

  it('reports a network error when nothing listens', async () => {
    const origin = server.origin;
    const host = server.host;
    await server.close();
    expect(await failure(fetchPage(`${origin}/x`, { ...options, allowedHosts: [host], retries: 1 }))).toBe('network');
    server = await startFixtureServer();
  });

  it('stops when the caller aborts', async () => {
    server.routes.set('/hang', () => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await failure(fetchPage(`${server.origin}/hang`, { ...options, timeoutMs: 5000, signal: controller.signal }))).toBe('aborted');
  });
});

describe(assertAllowedUrl.name, () => {
  it.each([
    ['ftp://www.sii.cl/x', 'invalid_url'],
    ['file:///etc/passwd', 'invalid_url'],
    ['https://user:pw@www.sii.cl/x', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['https://sii.cl.evil.example/x', 'host_not_allowed'],
    ['https://evil.example/?www.sii.cl', 'host_not_allowed'],
    ['https://www4.sii.cl/x', 'host_not_allowed'],
  ])('refuses %s (%s)', (url, kind) => {
    expect(() => assertAllowedUrl(url, ['www.sii.cl'])).toThrow(expect.objectContaining({ kind }));
  });

  it('accepts an exact host, in any case, with its default port', () => {
    expect(assertAllowedUrl('https://WWW.SII.CL:443/noticias/', ['www.sii.cl']).pathname).toBe('/noticias/');
  });
});
