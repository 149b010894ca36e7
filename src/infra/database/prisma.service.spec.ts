import { DatabaseConnection } from './database-connection';
import { PrismaService } from './prisma.service';

// Nothing listens on port 1: building the client never connects, only a query would.
const connection = new DatabaseConnection('postgresql://nobody@127.0.0.1:1/none', 'server', 1, { applied: [], alreadyApplied: [] });
const builtClient = (prisma: PrismaService) => (prisma as unknown as { client?: unknown }).client;

describe('PrismaService (built on first use)', () => {
  it('builds no client while Nest probes its lifecycle hooks, checks for a promise, or shuts it down unused', async () => {
    const prisma = new PrismaService(connection);
    const probed = prisma as unknown as Record<string, unknown>;
    expect([probed.onModuleInit, probed.onApplicationBootstrap, probed.beforeApplicationShutdown, probed.onModuleDestroy, probed.then]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    await prisma.onApplicationShutdown();
    expect(builtClient(prisma)).toBeUndefined();
  });

  it('builds the client once, on the first use of a model or a $ method, with methods bound to it', async () => {
    const prisma = new PrismaService(connection);
    const { $queryRawUnsafe } = prisma;
    expect(builtClient(prisma)).toBeDefined();
    expect(prisma.$queryRawUnsafe).toBe($queryRawUnsafe);
    expect(typeof prisma.apiKey.findMany).toBe('function');
    await expect($queryRawUnsafe('SELECT 1')).rejects.toThrow();
    await prisma.onApplicationShutdown();
  });
});
