import { RequestRecorder } from './request-recorder';

describe(RequestRecorder.name, () => {
  const record = (sut: RequestRecorder, id: number, size = 10) =>
    sut.record('openai', 'POST', '/v1/chat/completions', 'key=secret-key-1234', { authorization: 'Bearer sk-abcdef', 'x-trace': 't' }, { id }, size);

  it('keeps the newest entries within the count and the raw-body budget', () => {
    const byCount = new RequestRecorder(2);
    const bySize = new RequestRecorder(100, 25);
    [1, 2, 3].forEach((id) => record(byCount, id));
    [1, 2, 3].forEach((id) => record(bySize, id));
    record(bySize, 4, 1000);

    expect(byCount.list().map((entry) => entry.body)).toEqual([{ id: 2 }, { id: 3 }]);
    expect(bySize.list().map((entry) => entry.body)).toEqual([{ id: 4 }]);
  });

  it('cuts credentials in headers and query to their last four characters', () => {
    const sut = new RequestRecorder(10);
    record(sut, 1);

    expect(sut.last('openai')).toMatchObject({ headers: { authorization: '…cdef', 'x-trace': 't' }, query: { key: '…1234' } });
    expect(sut.last('gemini')).toBeUndefined();
  });
});
