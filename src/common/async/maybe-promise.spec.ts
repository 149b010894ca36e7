import { isPromise } from './maybe-promise';

describe('isPromise', () => {
  it('tells a promise from a value given at once', async () => {
    const pending = Promise.resolve({ id: 'a' });
    expect(isPromise(pending)).toBe(true);
    expect([{ id: 'a' }, null, undefined, 0, false, ''].map((value) => isPromise(value))).toEqual([false, false, false, false, false, false]);
    await pending;
  });
});
