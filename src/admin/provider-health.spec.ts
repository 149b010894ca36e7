import { errorRate, providerState, utilization } from './provider-health';

describe('provider-health', () => {
  describe(providerState.name, () => {
    it('is down whenever the breaker is open', () => {
      expect(providerState('open', 0)).toBe('down');
    });

    it('is degraded when half-open or failing more than 20 %', () => {
      expect(providerState('half-open', 0)).toBe('degraded');
      expect(providerState('closed', 0.21)).toBe('degraded');
    });

    it('is healthy at 20 % errors or less with a closed breaker', () => {
      expect(providerState('closed', 0.2)).toBe('healthy');
      expect(providerState('closed', 0)).toBe('healthy');
    });
  });

  describe(errorRate.name, () => {
    it('divides failures by requests and is 0 without traffic', () => {
      expect(errorRate(8, 2)).toBe(0.25);
      expect(errorRate(0, 0)).toBe(0);
    });
  });

  describe(utilization.name, () => {
    it('is 0 without a limit', () => {
      expect(utilization(50, 200)).toBe(0.25);
      expect(utilization(5, 0)).toBe(0);
    });
  });
});
