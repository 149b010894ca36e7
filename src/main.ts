import './bootstrap/install-lazy-modules';
import { createApp } from './app.setup';
import { tuneGarbageCollector } from './bootstrap/garbage-collector';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  tuneGarbageCollector();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, close } = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  // SIGTERM: stop accepting, let in-flight requests finish and buffers flush, but never past the deadline.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), config.http.shutdownTimeoutMs + 2_000).unref();
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error) => {
  process.stderr.write(`odoo-ai-gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
