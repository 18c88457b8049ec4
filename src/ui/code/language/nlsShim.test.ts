import { describe, expect, it } from 'vitest'
import * as nls from 'vscode-nls'
import { config, loadMessageBundle, localize } from './nlsShim'

describe('vscode-nls shim', () => {
  it('is what the language services get for vscode-nls (vite.config.ts alias)', () => {
    expect(nls.loadMessageBundle).toBe(loadMessageBundle)
  })

  it('gives the default message with its arguments filled in', () => {
    const l = config({ messageFormat: 'both' })()
    expect(l('k', 'Incorrect type. Expected "{0}".', 'string')).toBe(
      'Incorrect type. Expected "string".',
    )
    expect(l({ key: 'k', comment: [] }, '{0} of {1}: {2}', 2, 5, null)).toBe('2 of 5: null')
    expect(localize('k', 'No arguments {0}')).toBe('No arguments {0}')
    expect(localize('k', 'Object {0}', { a: 1 })).toBe('Object {0}')
  })
})
