import type { Prisma } from 'src/generated/prisma/client';

let namespace: typeof Prisma | undefined;

/**
 * Prisma's namespace (`sql`, `raw`, `join`, `empty`, `DbNull`), required on first use: the generated client pulls in
 * Prisma's runtime (~2.5 MB of heap, ~40 ms), which a process that never reads through Prisma need not load.
 */
export function prismaNamespace(): typeof Prisma {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  namespace ??= (require('src/generated/prisma/client') as typeof import('src/generated/prisma/client')).Prisma;
  return namespace;
}

/** A value computed on first call, then kept (for SQL fragments built with the namespace above). */
export function once<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => (value ??= { built: build() }).built;
}
