import { anthropicModelPage } from './anthropic-models';

const IDS = ['a', 'b', 'c', 'd', 'e'];
const ids = (page: { data: { id: string }[] }) => page.data.map((m) => m.id);

describe(anthropicModelPage.name, () => {
  it('pages forward from after_id and backward from before_id, as Anthropic does', () => {
    expect(anthropicModelPage(IDS, { limit: '2' })).toMatchObject({ has_more: true, first_id: 'a', last_id: 'b' });
    expect(ids(anthropicModelPage(IDS, { limit: '2', after_id: 'b' }))).toEqual(['c', 'd']);
    expect(anthropicModelPage(IDS, { limit: '2', after_id: 'd' })).toEqual({
      data: [{ type: 'model', id: 'e', display_name: 'e', created_at: '1970-01-01T00:00:00Z' }],
      has_more: false,
      first_id: 'e',
      last_id: 'e',
    });
    expect(anthropicModelPage(IDS, { limit: '2', before_id: 'd' })).toMatchObject({ has_more: true, first_id: 'b', last_id: 'c' });
    expect(anthropicModelPage(IDS, { limit: '5', before_id: 'c' })).toMatchObject({ has_more: false, first_id: 'a', last_id: 'b' });
    expect(anthropicModelPage(IDS, {})).toMatchObject({ has_more: false, first_id: 'a', last_id: 'e' });
    expect(anthropicModelPage([], {})).toEqual({ data: [], has_more: false, first_id: null, last_id: null });
  });

  it('names a bad limit, an id not in the list and both cursors at once', () => {
    expect(() => anthropicModelPage(IDS, { limit: '0' })).toThrow('limit must be a whole number from 1 to 1000');
    expect(() => anthropicModelPage(IDS, { after_id: 'z' })).toThrow('after_id: "z" is not a model of this list');
    expect(() => anthropicModelPage(IDS, { after_id: 'a', before_id: 'c' })).toThrow('send after_id or before_id, not both');
  });
});
