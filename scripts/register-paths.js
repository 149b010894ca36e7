// Resolves the `src/...` imports of the compiled code in dist/ (tsc keeps path aliases as written).
const path = require('node:path');
const Module = require('node:module');
const dist = path.resolve(__dirname, '..', 'dist');
const original = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  if (request.startsWith('src/')) return original.call(this, path.join(dist, request.slice(4)), ...rest);
  return original.call(this, request, ...rest);
};
