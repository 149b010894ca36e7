import type { SiiAnalysis, SiiTeam } from '../analysis/sii-analysis.types';

/** The item fields a notice shows. */
export interface SlackNoticeItem {
  title: string;
  url: string;
  pdfUrl: string | null;
  publishedAt: string | null;
}

/** A Slack incoming-webhook payload with Block Kit blocks and a plain-text fallback. */
export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const TEAM_LABELS: Record<SiiTeam, string> = {
  accounting: 'Contabilidad',
  dte: 'DTE',
  general: 'General',
  inventory: 'Inventario',
  payroll: 'Remuneraciones',
};
const PRIORITY_ICONS = ['', ':white_circle:', ':large_blue_circle:', ':large_yellow_circle:', ':large_orange_circle:', ':red_circle:'];
const MENTION_FROM_PRIORITY = 4;
const MAX_SECTION = 2900;

/** Escapes the three characters Slack mrkdwn treats as control characters. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** How a notice identifies itself, so a copy sent again after a crash can be recognised and ignored. */
export interface NoticeIdentity {
  /** The same for every send of one version of one item. */
  noticeId: string;
  /** True when an earlier send was interrupted after the claim: Slack may already have this notice. */
  resend: boolean;
}

/**
 * Builds the notice for one analysed SII item; mentions the tech lead when priority is 4 or more and an id is set.
 * With an identity, the notice id ends the text and a last context line, marked as a possible repeat on a resend.
 */
export function buildSlackMessage(item: SlackNoticeItem, analysis: SiiAnalysis, options: { techLeadId?: string | null; identity?: NoticeIdentity }): SlackMessage {
  const link = item.pdfUrl ?? item.url;
  const mention = analysis.priority >= MENTION_FROM_PRIORITY && options.techLeadId && /^[A-Z0-9]+$/.test(options.techLeadId) ? `<@${options.techLeadId}> ` : '';
  const title = escapeSlack(item.title);
  const header = `${PRIORITY_ICONS[analysis.priority] ?? ''} Prioridad ${analysis.priority}/5 · ${analysis.type} · impacto ${analysis.impact}`;
  const details = [
    `*Equipo:* ${TEAM_LABELS[analysis.team]}`,
    `*Módulos:* ${analysis.modules.length ? analysis.modules.join(', ') : '-'}`,
    `*Plazos:* ${analysis.deadlines.length ? analysis.deadlines.join(', ') : '-'}`,
    `*Publicado:* ${item.publishedAt ?? '-'}`,
  ];
  const actions = analysis.actions.map((action) => `• ${escapeSlack(action)}`).join('\n');
  const identity = options.identity;
  const footer = identity
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `Aviso \`${identity.noticeId}\`${identity.resend ? ' · reenvío tras una interrupción: si ya recibió este aviso, ignórelo' : ''}` }] }]
    : [];
  return {
    text: `${mention}SII: ${item.title} (prioridad ${analysis.priority}/5)${identity ? ` [${identity.noticeId}${identity.resend ? ', reenvío' : ''}]` : ''}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `SII: ${item.title}`.slice(0, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: `${mention}*<${link}|${title}>*\n${header}` } },
      { type: 'section', fields: details.map((text) => ({ type: 'mrkdwn', text })) },
      { type: 'section', text: { type: 'mrkdwn', text: `*Resumen:* ${escapeSlack(analysis.summary)}`.slice(0, MAX_SECTION) } },
      { type: 'section', text: { type: 'mrkdwn', text: `*Acciones:*\n${actions || '-'}`.slice(0, MAX_SECTION) } },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: item.pdfUrl ? 'Ver PDF' : 'Ver página' }, url: link }],
      },
      ...footer,
    ],
  };
}
