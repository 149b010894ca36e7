// Preloaded into the Portkey child only. Portkey 1.15.2 deletes headers of the Response its fetch returns
// for streams; with @hono/node-server > 1.14.2 (we have 1.19) that Response is undici's own, whose headers are
// immutable, so every streamed request failed with "TypeError: immutable" (Portkey-AI/gateway#1389). Streamed
// requests' upstream Responses are re-wrapped (same body stream, status and headers, now mutable); JSON
// requests are left untouched so their comparison is exactly Portkey's own cost.
const originalFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await originalFetch(input, init);
  const streamed = typeof init?.body === 'string' && /"stream"\s*:\s*true/.test(init.body);
  if (!streamed) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
};
