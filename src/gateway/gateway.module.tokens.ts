/** Injection token for the gateway's shared dependencies. */
export const GATEWAY_DEPS = Symbol('GATEWAY_DEPS');
