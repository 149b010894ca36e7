import type { SlackMessage } from './slack-message';

/** A Slack webhook call that did not end in 2xx. */
export class SlackNotifyError extends Error {
  readonly kind = 'slack_notify';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'SlackNotifyError';
  }
}

/** Posts a message to a Slack incoming webhook; resolves on 2xx, throws SlackNotifyError otherwise. */
export async function postToSlack(webhookUrl: string, message: SlackMessage, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      redirect: 'error',
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (error) {
    throw new SlackNotifyError(timeout.aborted ? `Slack did not answer within ${options.timeoutMs} ms` : `Slack unreachable: ${(error as Error).message}`, null);
  }
  const body = (await response.text().catch(() => '')).slice(0, 200);
  if (response.status < 200 || response.status > 299) {
    throw new SlackNotifyError(`Slack answered ${response.status}: ${body}`, response.status);
  }
}
