#!/usr/bin/env node
// Runs the Prisma CLI offline. Prisma 6 reads the schema's engine type only when DATABASE_URL resolves;
// without it the CLI falls back to downloading a native engine from a host this project cannot reach.
const { spawnSync } = require('node:child_process');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.DATABASE_URL ||= 'postgresql://placeholder@127.0.0.1:5432/placeholder';
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), ...process.argv.slice(2)], { env, stdio: 'inherit', shell: false });
process.exit(result.status ?? 1);
