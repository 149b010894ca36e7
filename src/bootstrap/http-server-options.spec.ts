import Fastify from 'fastify';
import { loadConfig } from 'src/config';
import { fastifyTrustProxy } from './http-server-options';

/** The client address Fastify derives for a request from `peer` carrying `X-Forwarded-For: forwarded`, under TRUST_PROXY=`setting`. */
async function clientAddress(setting: string | undefined, peer: string, forwarded: string): Promise<string> {
  const fastify = Fastify({ trustProxy: fastifyTrustProxy(loadConfig(setting === undefined ? {} : { TRUST_PROXY: setting }).http.trustProxy) });
  fastify.get('/', (request) => ({ ip: request.ip }));
  const answer = await fastify.inject({ method: 'GET', url: '/', remoteAddress: peer, headers: { 'x-forwarded-for': forwarded } });
  return (answer.json() as { ip: string }).ip;
}

describe('TRUST_PROXY', () => {
  it('by default believes X-Forwarded-For only from a peer on a private network or loopback', async () => {
    expect(await clientAddress(undefined, '10.2.3.4', '198.51.100.7')).toBe('198.51.100.7');
    expect(await clientAddress(undefined, '192.168.1.10', '198.51.100.7')).toBe('198.51.100.7');
    expect(await clientAddress(undefined, '127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    // A client on a public address cannot pick the address its wrong keys are counted under.
    expect(await clientAddress(undefined, '203.0.113.9', '10.0.0.1')).toBe('203.0.113.9');
  });

  it('true believes any peer, false none, and a hop count that many proxies', async () => {
    expect(await clientAddress('true', '203.0.113.9', '198.51.100.7')).toBe('198.51.100.7');
    expect(await clientAddress('false', '10.2.3.4', '198.51.100.7')).toBe('10.2.3.4');
    expect(await clientAddress('1', '203.0.113.9', '192.0.2.1, 198.51.100.7')).toBe('198.51.100.7');
  });
});
