import { BenchDatabase } from './lib/bench-database';
import { cpuPerRequest } from './lib/cpu-usage';
import { EmulatorChild } from './lib/emulator-child';
import { FloorChild } from './lib/floor-child';
import { runLoad } from './lib/load';
import { requestBody } from './lib/scenarios';
import { ServiceChild } from './lib/service-child';

async function main() {
  const upstreamMs = Number(process.env.UP ?? 50), rate = Number(process.env.RATE ?? 500), windows = Number(process.env.WIN ?? 6);
  const emulator = await EmulatorChild.start({ latencyMs: upstreamMs, chunkDelayMs: 0, label: 'x' });
  const db = await BenchDatabase.create(process.env.TEST_DATABASE_URL!, 'warm');
  const service = await ServiceChild.start({ databaseUrl: db.url, redisUrl: process.env.TEST_REDIS_URL!, emulatorUrl: emulator.url, env: process.env.X_ENV ? Object.fromEntries([process.env.X_ENV.split('=')]) : {} });
  const floor = await FloorChild.start(emulator.url);
  const targets = [
    { name: 'direct', url: `${emulator.url}/v1/chat/completions`, headers: {} as Record<string, string>, pid: 0 },
    { name: 'floor', url: `${floor.url}/v1/chat/completions`, headers: ServiceChild.auth(), pid: floor.child.pid! },
    { name: 'ours', url: `${service.url}/v1/chat/completions`, headers: ServiceChild.auth(), pid: service.child.pid! },
  ];
  try {
    for (let w = 0; w < windows; w++) {
      for (const t of targets) {
        const r = await cpuPerRequest(t.pid || process.pid, () => runLoad({ url: t.url, headers: t.headers, body: requestBody(false), connections: 100, overallRate: rate, durationS: 8 }));
        console.log(`window ${w} ${t.name.padEnd(6)} p50 ${r.latency.p50.toFixed(2)} p99 ${r.latency.p99.toFixed(2)} cpu ${t.pid ? r.cpuUsPerRequest?.toFixed(0) : '-'}`);
      }
    }
  } finally {
    await service.stop(); await floor.stop(); await emulator.stop(); await db.drop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
