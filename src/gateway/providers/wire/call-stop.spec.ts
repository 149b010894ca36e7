import { RequestAbort } from 'src/common/abort/abortable';
import { CallStop } from './call-stop';

describe(CallStop.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  const timedOut = () => new Error('Vendor call timed out');

  it('aborts the call with the timeout once its time is up', () => {
    const abort = jest.fn();
    const call = new CallStop(new RequestAbort(), 100, timedOut);
    call.connected(abort);
    jest.advanceTimersByTime(99);
    expect(abort).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(abort).toHaveBeenCalledWith(expect.objectContaining({ message: 'Vendor call timed out' }));
    expect(call.reason?.message).toBe('Vendor call timed out');
  });

  it("aborts with the request's reason, and a call stopped before it connected as soon as it does", () => {
    const request = new RequestAbort();
    const call = new CallStop(request, 1_000, timedOut);
    request.abort(new Error('client disconnected'));
    const abort = jest.fn();
    call.connected(abort);
    expect(abort).toHaveBeenCalledWith(expect.objectContaining({ message: 'client disconnected' }));
  });

  it('keeps the first reason it was stopped for', () => {
    const call = new CallStop(new RequestAbort(), 100, timedOut);
    call.stop(new Error('the consumer stopped reading'));
    jest.advanceTimersByTime(100);
    expect(call.reason?.message).toBe('the consumer stopped reading');
  });

  it('no longer times out once the headers are in, and is stopped by nothing once settled', () => {
    const request = new RequestAbort();
    const abort = jest.fn();
    const call = new CallStop(request, 100, timedOut);
    call.connected(abort);
    call.headersIn();
    jest.advanceTimersByTime(1_000);
    expect(abort).not.toHaveBeenCalled();
    call.settle();
    request.abort(new Error('client disconnected'));
    expect(abort).not.toHaveBeenCalled();
    expect(call.reason).toBeUndefined();
  });
});
