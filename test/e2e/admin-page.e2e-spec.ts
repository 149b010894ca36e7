import { execFileSync } from 'node:child_process';
import { gatewayInternals, GatewayInternals } from './gateway-harness';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { insertUsage, PrivateServices, startPrivateServices } from './admin-test-env';
import { CallerPolicy } from 'src/keys';
import { ADMIN_KEY, API_KEY, bearer, startTestApp } from './setup';

const ROOT = join(__dirname, '..', '..');
const SCREENSHOT = join(ROOT, 'test-artifacts', 'admin-page.png');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('Admin page in headless Chromium (real app, private database and Redis)', () => {
  let services: PrivateServices;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let deps: GatewayInternals;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
    services = await startPrivateServices();
    app = await startTestApp({
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      ANTHROPIC_API_KEY: 'sk-ant-e2e-page-not-used',
      BREAKER_FAILURE_THRESHOLD: '2',
      THROTTLE_DEFAULT_PER_MIN: '1000',
    });
    deps = gatewayInternals(app.app);
    origin = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    // Within the current UTC day, so "today" holds both rows even just after midnight.
    const recent = new Date(Math.max(Date.now() - 30_000, new Date().setUTCHours(0, 0, 0, 0))).toISOString();
    await insertUsage(services, [
      { createdAt: recent, provider: 'anthropic', latencyMs: 420, costUsd: '1.234567' },
      { createdAt: recent, provider: 'anthropic', latencyMs: 380, costUsd: '0.000000375' },
    ]);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await services?.stop();
  });

  it('serves the page with a strict CSP, no framing and no content sniffing', async () => {
    for (const path of ['/admin', '/admin/', '/admin/admin.js', '/admin/admin.css']) {
      const res = await app.http.get(path);
      expect([path, res.status]).toEqual([path, path === '/admin' ? 302 : 200]);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'.*frame-ancestors 'none'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  async function signIn(key: string): Promise<void> {
    await page.goto(`${origin}/admin/`);
    await page.getByTestId('admin-key-input').fill(key);
    await page.getByTestId('admin-login').click();
  }

  it('refuses a normal API key at sign-in', async () => {
    await signIn(API_KEY);
    await page.getByTestId('login-error').waitFor({ state: 'visible' });
    expect(await page.getByTestId('login-error').textContent()).toBe('This key may not use the admin API. Enter the admin key again.');
    expect(await page.getByTestId('dashboard').isHidden()).toBe(true);
  });

  it('shows live figures and force-closes an open breaker on the server', async () => {
    await deps.breakers.recordFailure('groq');
    await deps.breakers.recordFailure('groq');
    expect(deps.breakers.state('groq')).toBe('open');

    await signIn(ADMIN_KEY);
    await page.getByTestId('provider-anthropic').waitFor();
    expect(await page.getByTestId('state-anthropic').textContent()).toBe('healthy');
    expect(await page.getByTestId('cost-today').textContent()).toBe('$1.23');
    expect(await page.getByTestId('performance-anthropic').textContent()).toContain('$1.2346');
    expect(await page.getByTestId('provider-groq').getAttribute('data-state')).toBe('down');
    expect(await page.getByTestId('breaker-groq').textContent()).toBe('open');
    await page.getByTestId('payroll-indicators').locator('li').first().waitFor();
    expect(await page.getByTestId('payroll-indicators').textContent()).not.toContain('unavailable');
    expect(await page.getByTestId('model-retirements').locator('li[data-model="gpt-4o"]').textContent()).toBe('gpt-4o retires on 2027-01-14 (in 39 days), answered by gpt-6-luna');

    await page.getByTestId('close-breaker-groq').click();
    await page.getByTestId('action-status').filter({ hasText: 'Breaker of groq closed.' }).waitFor();
    expect(deps.breakers.state('groq')).toBe('closed');
    await page.getByTestId('breaker-groq').filter({ hasText: 'closed' }).waitFor();
    expect(await page.getByTestId('provider-groq').getAttribute('data-state')).toBe('healthy');
    const audit = await services.sql(`SELECT key_name, action, target FROM admin_audit`);
    expect(audit).toEqual([{ key_name: 'admin', action: 'breaker.close', target: 'groq' }]);

    // The page works under its own CSP: nothing it needs was blocked.
    expect(cspViolations).toEqual([]);
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('creates a key whose secret is shown once, disables it, and sets a company budget that fills up with alerts', async () => {
    await page.goto(`${origin}/admin/`);
    if (await page.getByTestId('login').isVisible()) await signIn(ADMIN_KEY);
    await page.getByTestId('key-default').waitFor();
    expect(await page.getByTestId('key-default').textContent()).toContain('environment (read-only)');
    // This month's spend by key and by company (the two usage rows seeded above, key "default", no company).
    expect(await page.getByTestId('spend-key-default').textContent()).toBe('default230$1.2346');
    expect(await page.getByTestId('spend-company-none').textContent()).toBe('no company230$1.2346');

    await page.getByTestId('key-name').fill('bi-pagina');
    await page.getByTestId('key-companies').fill('3');
    await page.getByTestId('key-models').fill('gpt-4o-mini, claude-*');
    await page.getByTestId('key-rpm').fill('60');
    await page.getByTestId('key-parallel').fill('4');
    await page.getByTestId('key-budget').fill('25.50');
    await page.getByTestId('key-create').click();
    await page.getByTestId('action-status').filter({ hasText: 'Key bi-pagina created.' }).waitFor();
    const secret = (await page.getByTestId('new-secret-value').textContent())!;
    expect(secret).toMatch(/^oag_/);
    expect((await app.http.get('/metrics/costs').set(bearer(secret))).status).toBe(200);
    const row = page.getByTestId('key-bi-pagina');
    expect(await row.textContent()).toContain('gpt-4o-mini, claude-*');
    expect(await row.textContent()).toContain('$25.50 / month');
    expect(await row.textContent()).toContain('60 RPM, 4 in flight');
    expect(await row.textContent()).not.toContain(secret);

    // Rotation asks how long the old secret keeps working; both secrets work meanwhile.
    page.once('dialog', (dialog) => void dialog.accept('2'));
    await page.getByTestId('rotate-bi-pagina').click();
    await page.getByTestId('action-status').filter({ hasText: 'Key bi-pagina: rotate done.' }).waitFor();
    const rotated = (await page.getByTestId('new-secret-value').textContent())!;
    expect(rotated).not.toBe(secret);
    expect((await app.http.get('/metrics/costs').set(bearer(rotated))).status).toBe(200);
    expect((await app.http.get('/metrics/costs').set(bearer(secret))).status).toBe(200);
    const grace = (await page.getByTestId('key-grace-bi-pagina').textContent())!;
    const until = Date.parse(grace.replace('old secret until ', '').replace(' UTC', 'Z').replace(' ', 'T'));
    expect(Math.abs(until - (Date.now() + 2 * 3600_000))).toBeLessThan(120_000);
    page.once('dialog', (dialog) => void dialog.accept('un día'));
    await page.getByTestId('rotate-bi-pagina').click();
    await page.getByTestId('load-error').filter({ hasText: 'The grace period must be a number of hours' }).waitFor();
    expect((await app.http.get('/metrics/costs').set(bearer(rotated))).status).toBe(200);

    await page.getByTestId('disable-bi-pagina').click();
    await page.getByTestId('key-state-bi-pagina').filter({ hasText: 'disabled' }).waitFor();
    expect((await app.http.get('/metrics/costs').set(bearer(secret))).status).toBe(401);

    await page.getByTestId('budget-company').fill('3');
    await page.getByTestId('budget-limit').fill('10');
    await page.getByTestId('budget-period').selectOption('day');
    await page.getByTestId('budget-set').click();
    await page.getByTestId('action-status').filter({ hasText: 'Budget of company 3 set.' }).waitFor();
    const policy = app.app.get(CallerPolicy);
    const admission = await policy.admit({ keyName: 'default' }, { model: 'gpt-4o-mini', companyId: 3, estimatedTokens: 10, estimatedCostUsd: '9' });
    await policy.settle(admission, { tokens: 10, costUsd: '8.5' });
    await page.reload();
    await page.getByTestId('budget-company-3').filter({ hasText: '$8.5000' }).waitFor();
    expect(await page.getByTestId('budget-company-3').getAttribute('data-level')).toBe('warning');
    await page.getByTestId('budget-alerts').filter({ hasText: 'Company 3 has spent 85% of its daily budget' }).waitFor();
    expect(await page.getByTestId('budget-alerts').locator('li').count()).toBe(1);
    expect(cspViolations).toEqual([]);
    await page.getByTestId('keys-panel').screenshot({ path: join(ROOT, 'test-artifacts', 'admin-keys.png') });
  });
});
