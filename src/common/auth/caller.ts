/** Who is calling: resolved from the bearer key by the global ApiKeyGuard. */
export interface Caller {
  /** Name of the key (`default` for the single `API_KEY`, `admin` for `ADMIN_API_KEY`). */
  keyName: string;
  /** Companies the key may act for; null = any. */
  companies: number[] | null;
  isAdmin: boolean;
  /** Id of a key managed at runtime (src/keys); absent for the environment keys. */
  keyId?: string;
}
