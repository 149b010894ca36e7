import { suggestProject, type SuggestProjectInput } from '../matching/project-suggester';
import { projectTiebreakCandidates, settleProjectSuggestion } from './project-tiebreak';

const input = (history: string[]): SuggestProjectInput => ({
  invoice_lines: [{ description: 'Cemento' }],
  available_projects: [
    { id: 12, name: 'Edificio Los Robles' },
    { id: 15, name: 'Condominio Alto Maipo' },
    { id: 20, name: 'Bodega Quilicura', state: 'closed' },
  ],
  historical_purchases: history.map((project_name) => ({ project_name })),
});

describe('project-tiebreak', () => {
  it('offers the tied projects and takes a pick among them', () => {
    const suggestion = suggestProject(input(['Edificio Los Robles, Condominio Alto Maipo']));
    expect(suggestion.project_id).toBeNull();
    expect(
      projectTiebreakCandidates(suggestion)
        .map((c) => c.project_id)
        .sort(),
    ).toEqual([12, 15]);
    expect(settleProjectSuggestion(suggestion, { id: 15, reason: 'Obra gruesa' })).toMatchObject({ project_id: 15, project_name: 'Condominio Alto Maipo', decided_by: 'llm' });
  });

  it('ignores a pick outside the close candidates and keeps a clear winner', () => {
    const suggestion = suggestProject(input(['Edificio Los Robles', 'Edificio Los Robles']));
    expect(projectTiebreakCandidates(suggestion)).toEqual([]);
    expect(settleProjectSuggestion(suggestion, { id: 15, reason: '' })).toMatchObject({ project_id: 12, decided_by: 'rules' });
    expect(settleProjectSuggestion(suggestProject(input(['Edificio Los Robles, Condominio Alto Maipo'])), { id: 20, reason: '' }).project_id).toBeNull();
  });
});
