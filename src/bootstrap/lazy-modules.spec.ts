import Module from 'node:module';
import { deferRarelyUsedModules, isDeferredModule, lazyExports } from './lazy-modules';

describe('lazyExports', () => {
  it('loads the module on the first look inside, once, and then behaves as its exports', () => {
    const load = jest.fn(() => ({ parse: (text: string) => `parsed ${text}`, version: 3 }));
    const exports = lazyExports(load, false) as { parse: (text: string) => string; version: number };
    expect(load).not.toHaveBeenCalled();
    expect(exports.parse('x')).toBe('parsed x');
    expect(exports.version).toBe(3);
    expect('parse' in exports).toBe(true);
    expect(Object.keys(exports)).toEqual(['parse', 'version']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('answers __esModule itself for a compiled ES module, so TypeScript interop does not load it early', () => {
    const load = jest.fn(() => ({ __esModule: true, default: () => 'real' }));
    const exports = lazyExports(load, true) as { __esModule: boolean; default: () => string };
    expect(exports.__esModule).toBe(true);
    expect(load).not.toHaveBeenCalled();
    expect(exports.default()).toBe('real');
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('deferRarelyUsedModules', () => {
  // Node's own loader (jest's require has a registry of its own and never calls Module._load).
  const NodeModule = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown; _cache: Record<string, unknown>; _nodeModulePaths(dir: string): string[] };
  const parent = Object.assign(new Module(__filename), { filename: __filename, paths: NodeModule._nodeModulePaths(__dirname) });
  const nodeRequire = (request: string) => NodeModule._load(request, parent, false);
  const loaded = (request: string) => NodeModule._cache[require.resolve(request)] !== undefined;

  it("defers class-validator's rarely used dependencies until first used, and leaves every other module alone", () => {
    const undo = deferRarelyUsedModules();
    try {
      const matches = nodeRequire('validator/lib/matches') as { __esModule: boolean; default: (text: string, pattern: RegExp) => boolean };
      expect(matches.__esModule).toBe(true);
      expect(loaded('validator/lib/matches')).toBe(false);
      expect(matches.default('2026-12', /^\d{4}-\d{2}$/)).toBe(true);
      expect(loaded('validator/lib/matches')).toBe(true);

      // class-validator's IsStrongPassword: `__importStar(require("validator"))`, read at validation time.
      type Validator = { __esModule: boolean; isStrongPassword: (text: string) => boolean; default: Validator };
      const validator = nodeRequire('validator') as Validator;
      expect(validator.__esModule).toBe(true);
      expect(loaded('validator')).toBe(false);
      expect(validator.isStrongPassword('Factura-33-Electronica')).toBe(true);
      expect(validator.default.isStrongPassword).toBe(validator.isStrongPassword);

      const phone = nodeRequire('libphonenumber-js/max') as { parsePhoneNumber: (text: string) => { country?: string } };
      expect(loaded('libphonenumber-js/max')).toBe(false);
      expect(phone.parsePhoneNumber('+56 2 2345 6789').country).toBe('CL');

      expect(nodeRequire('semver')).toBe(nodeRequire('semver'));
      expect(loaded('semver')).toBe(true);
    } finally {
      undo();
    }
  });
});

describe('isDeferredModule', () => {
  it('names the requires the bundle must leave to run time, and no others', () => {
    expect(['validator', 'validator/lib/isEmail', 'libphonenumber-js/max', '@opentelemetry/api'].every(isDeferredModule)).toBe(true);
    expect(['class-validator', 'libphonenumber-js', 'validatorx', 'pg'].some(isDeferredModule)).toBe(false);
  });
});
