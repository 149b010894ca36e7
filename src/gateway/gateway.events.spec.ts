import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { GatewayEvent, onRequestEvent } from './gateway.events';

describe('onRequestEvent', () => {
  it('hands each payload to the listener before emit() returns', () => {
    const events = new EventEmitter2();
    const seen: unknown[] = [];
    onRequestEvent(events, GatewayEvent.Usage, new Logger('test'), (payload) => seen.push(payload));
    events.emit(GatewayEvent.Usage, { rowId: 'a' });
    expect(seen).toEqual([{ rowId: 'a' }]);
  });

  it('logs a failing listener instead of throwing into the request that emitted, and keeps the other listeners', () => {
    const events = new EventEmitter2();
    const logger = new Logger('test');
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const seen: unknown[] = [];
    onRequestEvent(events, GatewayEvent.Completed, logger, () => {
      throw new Error('metrics broke');
    });
    onRequestEvent(events, GatewayEvent.Completed, logger, (payload) => seen.push(payload));
    expect(() => events.emit(GatewayEvent.Completed, { ok: true })).not.toThrow();
    expect(logged).toHaveBeenCalledWith('metrics broke', expect.stringContaining('metrics broke'));
    expect(seen).toEqual([{ ok: true }]);
  });
});
