import { RequestAbort } from './abortable';

describe('RequestAbort', () => {
  it('calls each listener once, in order, with the reason readable, on the first abort only', () => {
    const abort = new RequestAbort();
    const seen: string[] = [];
    abort.addEventListener('abort', () => seen.push(`a:${String(abort.reason)}`));
    abort.addEventListener('abort', () => seen.push('b'));
    expect(abort.aborted).toBe(false);
    abort.abort('client left');
    abort.abort('deadline');
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe('client left');
    expect(seen).toEqual(['a:client left', 'b']);
  });

  it('does not call a listener that was removed, nor one added after the abort', () => {
    const abort = new RequestAbort();
    const removed = jest.fn();
    const late = jest.fn();
    abort.addEventListener('abort', removed);
    abort.removeEventListener('abort', removed);
    abort.abort(new Error('x'));
    abort.addEventListener('abort', late);
    expect(removed).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });
});
