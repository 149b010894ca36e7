/** Longest chat message accepted, in characters (the Odoo addon's documented limit). */
export const CHAT_MESSAGE_MAX_LENGTH = 5_000;
/** Longest session id accepted; ids are Redis key parts, so only `[A-Za-z0-9_.:-]` is allowed. */
export const CHAT_SESSION_ID_MAX_LENGTH = 128;
/** Allowed characters of a session id (`chat_2_9f1c2b7a`, a UUID, ...). */
export const CHAT_SESSION_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
/** Default and maximum number of knowledge passages returned by a search. */
export const KNOWLEDGE_SEARCH_DEFAULT_TOP_K = 3;
export const KNOWLEDGE_SEARCH_MAX_TOP_K = 20;
