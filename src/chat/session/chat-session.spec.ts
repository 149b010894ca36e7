import { addUsd, historyForPrompt, mergeUserContext, newChatSession, recordExchange } from './chat-session';

const T0 = new Date('2026-11-22T12:00:00.000Z');
const usage = { inputTokens: 100, outputTokens: 20, costUsd: '0.000450000000' };

describe(addUsd.name, () => {
  it('adds exact decimals without float drift', () => {
    expect(addUsd('0.1', '0.2')).toBe('0.300000000000');
    expect(addUsd('0.000000000001', '1.999999999999')).toBe('2.000000000000');
  });

  it('refuses text that is not an amount', () => {
    expect(() => addUsd('1e-3', '0')).toThrow('not a decimal amount');
  });
});

describe(recordExchange.name, () => {
  it('appends both turns, keeps the last N and totals every exchange', () => {
    let session = newChatSession('s1', 'default', null, {}, T0);
    for (let n = 1; n <= 6; n++) session = recordExchange(session, `q${n}`, `a${n}`, usage, 10, new Date(T0.getTime() + n * 1000));
    expect(session.messages.map((m) => m.content)).toEqual(['q2', 'a2', 'q3', 'a3', 'q4', 'a4', 'q5', 'a5', 'q6', 'a6']);
    expect(session.stats).toEqual({ messages: 12, inputTokens: 600, outputTokens: 120, costUsd: '0.002700000000' });
    expect(session.updatedAt).toBe('2026-11-22T12:00:06.000Z');
    expect(session.createdAt).toBe('2026-11-22T12:00:00.000Z');
  });
});

describe(historyForPrompt.name, () => {
  it('starts with a user turn when an odd history size cut a question off', () => {
    let session = newChatSession('s1', 'default', null, {}, T0);
    session = recordExchange(session, 'q1', 'a1', usage, 3, T0);
    session = recordExchange(session, 'q2', 'a2', usage, 3, T0);
    expect(session.messages.map((m) => m.content)).toEqual(['a1', 'q2', 'a2']);
    expect(historyForPrompt(session)).toEqual([
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2' },
    ]);
  });
});

describe(mergeUserContext.name, () => {
  it('keeps stored fields the new request leaves out', () => {
    const session = newChatSession('s1', 'default', null, { userName: 'Ana', module: 'stock' }, T0);
    expect(mergeUserContext(session, { module: 'account', userName: null }).userContext).toEqual({ userName: 'Ana', module: 'account' });
  });
});
