// Copies the non-TypeScript assets the service reads at run time (admin page, knowledge docs, data) into dist/.
const { cpSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..');
for (const dir of ['admin/page', 'chat/knowledge/docs', 'payroll/indicators']) {
  const from = join(root, 'src', dir);
  if (existsSync(from)) cpSync(from, join(root, 'dist', dir), { recursive: true, filter: (file) => !file.endsWith('.ts') });
}
