import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from 'src/config';
import { BudgetAlertListener } from './budget-alert.listener';
import type { KeysRepository } from './keys.repository';
import type { BudgetAlertEvent } from './policy/budget-alerts';

const alert: BudgetAlertEvent = {
  scope: 'company',
  target: '7',
  period: 'month',
  periodStart: '2026-12-01',
  level: 'critical',
  spentUsd: '95.000000000',
  limitUsd: '100.00',
  utilization: 0.95,
  createdAt: new Date('2026-12-04T12:00:00Z'),
  message: 'Company 7 has spent 95% of its monthly budget (95.000000000 of 100.00 USD, threshold 95%) <script>',
};

describe(BudgetAlertListener.name, () => {
  it('stores the alert and posts it to Slack with the text escaped', async () => {
    const posts: unknown[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        posts.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const stored: unknown[] = [];
    const repository = { storeAlert: async (row: unknown) => void stored.push(row) } as unknown as KeysRepository;
    const config = { sii: { slackWebhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` } } as AppConfig;
    try {
      await new BudgetAlertListener(repository, config).announce(alert);
    } finally {
      server.close();
    }
    expect(stored).toEqual([expect.objectContaining({ scope: 'company', target: '7', level: 'critical', spentUsd: '95.000000000', limitUsd: '100.00', periodStart: '2026-12-01' })]);
    expect(posts).toEqual([expect.objectContaining({ text: ':red_circle: Company 7 has spent 95% of its monthly budget (95.000000000 of 100.00 USD, threshold 95%) &lt;script&gt;' })]);
  });

  it('never raises when Postgres or Slack fail', async () => {
    const repository = { storeAlert: async () => Promise.reject(new Error('db down')) } as unknown as KeysRepository;
    const config = { sii: { slackWebhookUrl: 'http://127.0.0.1:9/unreachable' } } as AppConfig;
    await expect(new BudgetAlertListener(repository, config).announce(alert)).resolves.toBeUndefined();
  });
});
