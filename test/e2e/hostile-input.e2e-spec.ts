import { bearer, startTestApp } from './setup';

/** JSON text with a lone surrogate escape, as a client that cut an emoji in half would send it. */
const LONE = 'hola \\ud800';

describe('Hostile input at the edge (real app, Postgres, Redis)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp({ THROTTLE_DEFAULT_PER_MIN: '1000', THROTTLE_CHAT_PER_MIN: '1000', THROTTLE_DTE_VALIDATE_PER_MIN: '1000' });
  });
  afterAll(() => app?.close());

  const postJson = (path: string, text: string) => app.http.post(path).set(bearer()).set('content-type', 'application/json').send(text);

  describe('lone UTF-16 surrogates', () => {
    it.each([
      ['/api/chat', `{"message":"${LONE}","session_id":"chat_2_9f1c2b7a"}`, 'message'],
      ['/api/chat/message', `{"session_id":null,"message":"${LONE}"}`, 'message'],
      ['/v1/chat/completions', `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"ok"},{"role":"user","content":"${LONE}"}]}`, 'messages[1].content'],
      [
        '/api/ai/validate',
        `{"dte_data":{"tipo_dte":"33","folio":"1","fecha_emision":"2026-11-10","rut_emisor":"78.112.233-5","razon_social_emisor":"${LONE}","monto_total":1},"company_id":1}`,
        'dte_data.razon_social_emisor',
      ],
    ])('%s answers 400 naming the field, never 500', async (path, text, field) => {
      const res = await postJson(path, text);
      expect(res.status).toBe(400);
      // /v1 answers in OpenAI's shape, the other routes in the standard one; both name the field.
      if (path.startsWith('/v1/')) expect(res.body.error.message).toContain(`${field} (contains a lone UTF-16 surrogate`);
      else expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ field, problems: [expect.stringMatching(/lone UTF-16 surrogate/)] }] });
    });

    it('accepts surrogate pairs (emoji) written as escapes', async () => {
      const res = await postJson('/api/chat', '{"message":"hola \\ud83d\\ude00 ¿cómo anulo una factura?","session_id":"chat_2_9f1c2b7a"}');
      expect(res.status).toBe(200);
      expect(typeof res.body.message).toBe('string');
    });
  });

  describe('bodies that try to poison prototypes', () => {
    it.each([
      ['/v1/chat/completions', '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hola"}],"__proto__":{"admin":true}}'],
      ['/v1/chat/completions', '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hola","\\u005f_proto__":{"admin":true}}]}'],
      ['/api/chat', '{"message":"hola","session_id":"chat_2_9f1c2b7a","constructor":{"prototype":{"admin":true}}}'],
    ])('%s refuses %s with 400', async (path, text) => {
      expect((await postJson(path, text)).status).toBe(400);
    });

    it('still reads a body that only mentions the words in its text', async () => {
      const res = await postJson('/api/chat', '{"message":"¿qué protocolo usa el constructor del XML? electr\\u00f3nica","session_id":"chat_2_9f1c2b7a"}');
      expect(res.status).toBe(200);
    });
  });

  describe('empty bodies sent with Content-Type: application/json', () => {
    it('are accepted where the body is optional (DELETE of a chat session, as Python requests sends it)', async () => {
      const created = await app.http.post('/api/chat/session/new').set(bearer()).set('content-type', 'application/json').send('');
      expect(created.status).toBe(200);
      const id = created.body.session_id as string;
      const deleted = await app.http.delete(`/api/chat/session/${id}`).set(bearer()).set('content-type', 'application/json');
      expect(deleted.status).toBe(200);
      expect((await app.http.get(`/api/chat/session/${id}`).set(bearer())).status).toBe(404);
    });

    it('still answer 400 naming the fields where the body is required', async () => {
      const res = await postJson('/api/chat', '');
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('message');
    });
  });
});
