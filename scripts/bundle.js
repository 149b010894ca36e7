// Bundles dist/main.js and what it requires at start into dist/main.bundle.js, which `npm start` runs: one file
// instead of ~1,800 module loads (bench/README.md, "Memory and start-up"). Run by `npm run build` after tsc.
// - Packages loaded only on first use (Prisma, PGlite, cheerio, the vendor SDKs, the lazy-module placeholders'...)
//   and those not installed (Nest's optional integrations) stay runtime requires, so they cost nothing until used.
// - Each bundled module keeps its own __dirname and __filename (files next to the code: docs, migrations, assets).
// - Comments and whitespace are dropped: a single non-Latin-1 character in a comment would make V8 hold the whole
//   source as a two-byte string (+8 MB).
const { build } = require('esbuild');
const { readFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
// The modules src/bootstrap/lazy-modules.ts defers: their placeholders only work on a runtime require.
const { isDeferredModule } = require(join(dist, 'bootstrap', 'lazy-modules.js'));

/** Required on first use, never at start: bundling them would only add source the process holds. */
const LOADED_ON_FIRST_USE = [
  /^src\/generated\//,
  /^src\/infra\/database\/embedded-postgres$/,
  /^@prisma\//,
  /^@electric-sql\//,
  /^cheerio(\/|$)/,
  /^pdfjs-dist(\/|$)/,
  /^@anthropic-ai\/sdk(\/|$)/,
  /^openai(\/|$)/,
  /^@google\/genai(\/|$)/,
  /^@fastify\/(ajv-compiler|fast-json-stringify-compiler)$/,
  /^swagger-ui-dist(\/|$)/,
  /^pino(\/|$)/,
  /^thread-stream(\/|$)/,
  /^playwright-core(\/|$)/,
];

const keepRequire = {
  name: 'keep-require',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || isDeferredModule(args.path) || LOADED_ON_FIRST_USE.some((pattern) => pattern.test(args.path))) return { path: args.path, external: true };
      if (args.path.startsWith('src/')) return { path: require.resolve(join(dist, args.path.slice(4))) };
      try {
        require.resolve(args.path, { paths: [args.resolveDir] });
        return undefined;
      } catch {
        return { path: args.path, external: true }; // not installed: the runtime require throws as before
      }
    });
    esbuild.onLoad({ filter: /\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/__dirname|__filename/.test(source)) return undefined;
      const dir = JSON.stringify(relative(dist, dirname(args.path)));
      const file = JSON.stringify(relative(dist, args.path));
      return {
        contents: `var __dirname = require('node:path').join(__bundleDir, ${dir}), __filename = require('node:path').join(__bundleDir, ${file});\n${source}`,
        loader: 'js',
      };
    });
  },
};

build({
  entryPoints: [join(dist, 'main.js')],
  outfile: join(dist, 'main.bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifyWhitespace: true,
  legalComments: 'none',
  // Stack traces name dist/'s files and lines under `node --enable-source-maps` (off by default: it slows start-up).
  sourcemap: true,
  banner: { js: 'const __bundleDir = __dirname;' },
  plugins: [keepRequire],
  logLevel: 'warning',
}).catch(() => process.exit(1));
