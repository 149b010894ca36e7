import { suggestProject, type SuggestProjectInput } from './project-suggester';

const PROJECTS = [
  { id: 1, name: 'Edificio Los Robles', code: 'OB-101', partner_name: 'Inmobiliaria Robles SpA', state: 'active', budget: 0 },
  { id: 2, name: 'Condominio Alto Maipo', code: 'OB-102', partner_name: '', state: 'active', budget: 0 },
  { id: 3, name: 'Bodega Quilicura', code: '', partner_name: '', state: 'closed', budget: 0 },
];

const base = (overrides: Partial<SuggestProjectInput> = {}): SuggestProjectInput => ({
  partner_id: 55,
  partner_vat: '78112233-5',
  partner_name: 'Comercial Maipo Ltda.',
  invoice_lines: [{ description: 'Cemento Polpaico 25 kg', quantity: 100, price: 4200 }],
  available_projects: PROJECTS,
  historical_purchases: [],
  ...overrides,
});

describe(suggestProject.name, () => {
  it('follows the supplier history (comma-joined project names, any accent or case)', () => {
    const history = [
      { date: '2026-10-01', project_name: 'Condominio Alto Maipo', amount: 100 },
      { date: '2026-09-01', project_name: 'condominio alto maipo, Edificio Los Robles', amount: 100 },
      { date: '2026-08-01', project_name: 'Condominio Alto Maipo', amount: 100 },
    ];
    const result = suggestProject(base({ historical_purchases: history }));
    expect(result.project_id).toBe(2);
    expect(result.confidence).toBe(50);
    expect(result.reasoning).toContain('3 de sus últimas 3 facturas');
    expect(result.candidates.map((c) => c.project_id)).toEqual([2, 1]);
  });

  it('uses the project name and code found in the line descriptions', () => {
    const lines = [{ description: 'Materiales obra edificio Los Robles OB-101 torre B', quantity: 1, price: 1 }];
    const result = suggestProject(base({ invoice_lines: lines }));
    expect(result.project_id).toBe(1);
    expect(result.confidence).toBe(40);
  });

  it('returns null below the threshold, and ignores closed projects', () => {
    const result = suggestProject(base({ invoice_lines: [{ description: 'Bodega Quilicura arriendo' }] }));
    expect(result.project_id).toBeNull();
    expect(result.candidates.map((c) => c.project_id)).not.toContain(3);
  });

  it('returns null on a tie and with no projects', () => {
    const lines = [{ description: 'Edificio Los Robles y Condominio Alto Maipo' }];
    const history = [{ project_name: 'Edificio Los Robles' }, { project_name: 'Condominio Alto Maipo' }];
    const tie = suggestProject(base({ invoice_lines: lines, historical_purchases: history }));
    expect(tie).toEqual(expect.objectContaining({ project_id: null, confidence: 55 }));
    expect(tie.reasoning).toContain('empatan');
    expect(suggestProject(base({ available_projects: [] }))).toEqual(expect.objectContaining({ project_id: null, confidence: 0, candidates: [] }));
  });

  it('never offers a candidate without project_id and project_name, whatever the projects look like', () => {
    const projects = [PROJECTS[1], [PROJECTS[0]], { name: 'Sin id' }, { id: 9 }, { id: 10, name: 'Obra Norte', code: { c: 1 } }] as unknown as SuggestProjectInput['available_projects'];
    const result = suggestProject(base({ available_projects: projects, invoice_lines: [{ description: 'Edificio Los Robles' }] }));
    expect(result.candidates.map((c) => [c.project_id, c.project_name])).toEqual([
      [2, 'Condominio Alto Maipo'],
      [10, 'Obra Norte'],
    ]);
    expect(result.project_id).toBeNull();
  });
});
