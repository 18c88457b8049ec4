// Modules written for Node that the language worker bundles may look at `process.env` when they
// load (vscode-nls did; it is now replaced by nlsShim.ts). Workers have no `process`: an empty one
// keeps such a module on its defaults instead of throwing. Imported first by the worker, so it
// runs before those modules initialise.
const scope = globalThis as { process?: { env: Record<string, string | undefined> } }
scope.process ??= { env: {} }

export {}
