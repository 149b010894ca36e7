import { createApp } from './app.setup';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
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
  const { app } = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error) => {
  process.stderr.write(`odoo-ai-gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
