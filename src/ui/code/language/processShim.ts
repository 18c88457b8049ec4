// vscode-nls (used by vscode-json-languageservice 3) reads process.env when it loads. Workers
// have no `process`; an empty one makes it fall back to its default English messages. Imported
// first by the worker, so it runs before those modules initialise.
const scope = globalThis as { process?: { env: Record<string, string | undefined> } }
scope.process ??= { env: {} }

export {}
