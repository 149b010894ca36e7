import Module from 'node:module';

/**
 * Third-party modules our dependencies require at start-up but use only on paths we rarely or never take. Each
 * is loaded on first use instead: a placeholder stands in for its exports and loads the module when a property
 * is first read. That holds only for a module whose exports are an object (not a function) and which its
 * requirers keep and read later, as here:
 * - `libphonenumber-js/max`: class-validator's IsPhoneNumber, which nothing here uses (~42 ms, 1.3 MB of heap);
 * - `validator` and `validator/lib/*`: class-validator's string validators, each read when a DTO field is first
 *   validated; IsStrongPassword (unused here) takes the whole package, which alone loads its 113 files (~50 ms).
 *   The placeholder answers `__esModule` itself, as true: TypeScript's `__importDefault` and `__importStar` ask
 *   for it at require time, and with it they hand back the exports object as it is, which for these modules
 *   gives what their own answer would have given (the lib files are compiled ES modules; the package's
 *   `module.exports` is the validator object, which also carries itself as `default`);
 * - `@opentelemetry/api`: prom-client's exemplars, which are off (~23 ms).
 * Measured on this machine with a `require` of each on its own (2026-12-05); together ~120 ms of `npm start`.
 */
const LAZY_MODULES: Array<{ matches: (request: string) => boolean; esModule: boolean }> = [
  { matches: (request) => request === 'libphonenumber-js/max', esModule: false },
  { matches: (request) => request === 'validator' || request.startsWith('validator/lib/'), esModule: true },
  { matches: (request) => request === '@opentelemetry/api', esModule: false },
];

type Loader = { _load: (request: string, parent: unknown, isMain: boolean) => unknown; _resolveFilename: (request: string, parent: unknown, isMain: boolean) => string };
const loader = Module as unknown as Loader;

/** Installs the placeholders for every require from now on; returns what undoes it. */
/** Whether a require of `request` is deferred; scripts/bundle.js keeps such requires out of the bundle, or no placeholder could stand in. */
export function isDeferredModule(request: string): boolean {
  return LAZY_MODULES.some((m) => m.matches(request));
}

export function deferRarelyUsedModules(): () => void {
  const load = loader._load;
  const placeholders = new Map<string, object>();
  loader._load = function deferred(request, parent, isMain) {
    const lazy = LAZY_MODULES.find((m) => m.matches(request));
    if (!lazy) return load.call(this, request, parent, isMain);
    const file = loader._resolveFilename(request, parent, isMain);
    let placeholder = placeholders.get(file);
    if (!placeholder) {
      placeholder = lazyExports(() => load.call(this, request, parent, isMain) as object, lazy.esModule);
      placeholders.set(file, placeholder);
    }
    return placeholder;
  };
  return () => {
    loader._load = load;
  };
}

/** An object that stands for a module's exports and loads the module on the first look inside. */
export function lazyExports(loadModule: () => object, esModule: boolean): object {
  let loaded: object | undefined;
  const real = () => (loaded ??= loadModule());
  return new Proxy(
    {},
    {
      get: (_target, key) => (key === '__esModule' && esModule ? true : Reflect.get(real(), key)),
      has: (_target, key) => Reflect.has(real(), key),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
        // A proxy may not report a property its (empty) target lacks as non-configurable.
        return descriptor && Object.assign({}, descriptor, { configurable: true });
      },
      set: (_target, key, value) => Reflect.set(real(), key, value),
      getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    },
  );
}
