import { beforeEach, describe, expect, it } from 'vitest'
import { exportPersisted, importPersisted, useCodeStore } from './codeStore'
import { resetDocumentStore, useDocumentStore } from './documentStore'

beforeEach(() => {
  resetDocumentStore()
  useCodeStore.setState({ format: 'json', draft: null })
})

describe('codeStore', () => {
  it('exports and imports its per-workflow data as plain data', () => {
    useCodeStore.getState().setFormat('yaml')
    useCodeStore.getState().setDraft('StartAt: [')
    const saved = exportPersisted()
    expect(saved).toEqual({ format: 'yaml', draft: 'StartAt: [' })
    expect(structuredClone(saved)).toEqual(saved)
    importPersisted({ format: 'json', draft: null })
    expect(exportPersisted()).toEqual({ format: 'json', draft: null })
    importPersisted(saved)
    expect(useCodeStore.getState().draft).toBe('StartAt: [')
  })

  it('a fresh workflow (undefined) has no draft and keeps the format in use', () => {
    useCodeStore.setState({ format: 'yaml', draft: 'x' })
    importPersisted(undefined)
    expect(exportPersisted()).toEqual({ format: 'yaml', draft: null })
  })

  it('ignores malformed saved data', () => {
    importPersisted({ format: 'xml', draft: 42 } as never)
    expect(exportPersisted()).toEqual({ format: 'json', draft: null })
  })

  it('opening another document clears the draft; importing after it restores that workflow’s', () => {
    useCodeStore.getState().setDraft('{ broken')
    useDocumentStore.getState().openDocument({ definition: { StartAt: 'A', States: {} } })
    expect(useCodeStore.getState().draft).toBeNull()
    importPersisted({ format: 'json', draft: '{ other' })
    expect(useCodeStore.getState().draft).toBe('{ other')
  })

  it('notifies subscribers on every change (persistence saves them)', () => {
    let calls = 0
    const off = useCodeStore.subscribe(() => calls++)
    useCodeStore.getState().setDraft('a')
    useCodeStore.getState().setDraft('a')
    useCodeStore.getState().setFormat('yaml')
    off()
    expect(calls).toBe(2)
  })
})
