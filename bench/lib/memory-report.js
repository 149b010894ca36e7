// Preload (`node -r ./bench/lib/memory-report.js ...`): on SIGUSR2, process.memoryUsage() before and after a
// forced GC, V8's heap spaces and code statistics, appended to MEMORY_REPORT_OUT (or stderr).
const { appendFileSync } = require('node:fs');
const v8 = require('node:v8');
v8.setFlagsFromString('--expose-gc');
const collect = global.gc ?? require('node:vm').runInNewContext('gc');
const mb = (bytes) => (bytes / 1_048_576).toFixed(1);
const usage = (m) => `rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`;

process.on('SIGUSR2', () => {
  const before = process.memoryUsage();
  collect();
  collect();
  const spaces = v8.getHeapSpaceStatistics().map((s) => `${s.space_name}=${mb(s.space_used_size)}/${mb(s.space_size)}`);
  const code = v8.getHeapCodeStatistics();
  const text = [
    `before gc: ${usage(before)}`,
    `after gc:  ${usage(process.memoryUsage())}`,
    `spaces (used/committed MB): ${spaces.join(' ')}`,
    `code: bytecode and metadata ${mb(code.bytecode_and_metadata_size)} MB, script source ${mb(code.external_script_source_size)} MB`,
  ].join('\n');
  appendFileSync(process.env.MEMORY_REPORT_OUT || '/dev/stderr', text + '\n');
});
