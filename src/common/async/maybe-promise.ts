/** A value a function gives at once when it can, and a promise only when it must wait (I/O, a shared counter). */
export type MaybePromise<T> = T | Promise<T>;

/** Whether a MaybePromise must be awaited: the caller skips the await, and its turn of the microtask queue, otherwise. */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === 'function';
}
