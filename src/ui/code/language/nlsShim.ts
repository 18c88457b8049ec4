// The language services (yaml-language-server, vscode-json-languageservice) localise their
// messages through `vscode-nls`, whose Node build reads message files with `fs` and `path` and
// looks at `process.env` (Vite can only stub those for the browser, with a warning on every
// build). Stepwise ships English only, so `vite.config.ts` resolves `vscode-nls` to this module:
// a message is its default text with its {0}, {1}… filled in, as vscode-nls does without bundles.

export enum MessageFormat {
  file = 'file',
  bundle = 'bundle',
  both = 'both',
}

export enum BundleFormat {
  standalone = 'standalone',
  languagePack = 'languagePack',
}

export type KeyInfo = string | { key: string; comment: string[] }

export type LocalizeFunc = (info: KeyInfo, message: string, ...args: unknown[]) => string

/** Fills `{n}` with the n-th argument (strings as they are, numbers, booleans and null as text). */
export function localize(_info: KeyInfo, message: string, ...args: unknown[]): string {
  if (args.length === 0) return message
  return message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const arg = args[Number(index)]
    if (typeof arg === 'string') return arg
    if (typeof arg === 'number' || typeof arg === 'boolean' || arg === null || arg === undefined) {
      return String(arg)
    }
    return match
  })
}

export function loadMessageBundle(_file?: string): LocalizeFunc {
  return localize
}

export function config(_options?: unknown): typeof loadMessageBundle {
  return loadMessageBundle
}
