import { startEmulator } from './emulator';

/** `npm run emulator`: a standalone emulator for benchmarks and chaos runs, scriptable over `/_emulator/*`. */
async function main(): Promise<void> {
  const port = readNumber('EMULATOR_PORT', 8090);
  const latencyMs = readNumber('EMULATOR_LATENCY_MS', 0);
  const chunkDelayMs = readNumber('EMULATOR_CHUNK_DELAY_MS', 5);
  const seed = readNumber('EMULATOR_SEED', 1);
  const emulator = await startEmulator({ chunkDelayMs, host: process.env.EMULATOR_HOST ?? '127.0.0.1', latencyMs, port, seed });
  process.stdout.write(`vendor emulator listening on ${emulator.url} (latency ${latencyMs} ms, chunk gap ${chunkDelayMs} ms)\n`);
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
