import { toReceptionRecommendation } from './reception-vocabulary';

describe(toReceptionRecommendation.name, () => {
  it('maps send to accept and keeps review and reject', () => {
    expect(toReceptionRecommendation('send')).toBe('accept');
    expect(toReceptionRecommendation('review')).toBe('review');
    expect(toReceptionRecommendation('reject')).toBe('reject');
  });
});
