import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JsonObject } from '../../core/asl/types'
import { findStatesByName } from '../../core/graph/model'
import { importPersisted, useCodeStore } from '../../state/codeStore'
import { resetDocumentStore, selectDefinition, useDocumentStore } from '../../state/documentStore'
import { CODE_EDIT_LABEL, CodeSync, type EditorModelLike, type Timers } from './codeSync'
import { printDefinition } from './codeText'
import { applyChanges, type TextChange } from './textDiff'

/** A text model with Monaco's undo semantics: the version comes back when an edit is undone. */
class FakeModel implements EditorModelLike {
  text = ''
  language = 'json'
  version = 1
  private nextVersion = 2
  private undoStack: { text: string; version: number }[] = []
  private redoStack: { text: string; version: number }[] = []
  applied: TextChange[][] = []
  onChange: () => void = () => {}

  /** A keystroke or paste by the user. */
  type(text: string) {
    this.commit(text)
  }
  getValue() {
    return this.text
  }
  applyChanges(changes: readonly TextChange[]) {
    this.applied.push([...changes])
    this.commit(applyChanges(this.text, changes))
  }
  setValue(text: string) {
    this.text = text
    this.version = this.nextVersion++
    this.undoStack = []
    this.redoStack = []
    this.onChange()
  }
  setLanguage(format: string) {
    this.language = format
  }
  getVersion() {
    return this.version
  }
  canUndo() {
    return this.undoStack.length > 0
  }
  canRedo() {
    return this.redoStack.length > 0
  }
  undo() {
    const previous = this.undoStack.pop()
    if (!previous) return
    this.redoStack.push({ text: this.text, version: this.version })
    this.text = previous.text
    this.version = previous.version
    this.onChange()
  }
  redo() {
    const next = this.redoStack.pop()
    if (!next) return
    this.undoStack.push({ text: this.text, version: this.version })
    this.text = next.text
    this.version = next.version
    this.onChange()
  }
  private commit(text: string) {
    this.undoStack.push({ text: this.text, version: this.version })
    this.redoStack = []
    this.text = text
    this.version = this.nextVersion++
    this.onChange()
  }
}

/** Timers run by hand. */
class ManualTimers implements Timers {
  private queue = new Map<number, () => void>()
  private seq = 0
  setTimeout(callback: () => void) {
    const id = ++this.seq
    this.queue.set(id, callback)
    return id
  }
  clearTimeout(handle: unknown) {
    this.queue.delete(handle as number)
  }
  get pending() {
    return this.queue.size
  }
  runAll() {
    const callbacks = [...this.queue.values()]
    this.queue.clear()
    for (const callback of callbacks) callback()
  }
}

const START: JsonObject = {
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', Next: 'Last' },
    Last: { Type: 'Succeed' },
  },
}

function definition(): JsonObject {
  return selectDefinition(useDocumentStore.getState())
}

function idOf(name: string): string {
  const [id] = findStatesByName(useDocumentStore.getState().graph, name)
  if (!id) throw new Error(`no state ${name}`)
  return id
}

let model: FakeModel
let timers: ManualTimers
let sync: CodeSync

beforeEach(() => {
  resetDocumentStore()
  useDocumentStore.getState().openDocument({ definition: START })
  useCodeStore.setState({ format: 'json', draft: null })
  model = new FakeModel()
  timers = new ManualTimers()
  sync = new CodeSync(model, { timers })
  model.onChange = () => sync.handleModelChange()
  sync.start()
})

afterEach(() => {
  sync.dispose()
})

const edited = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`"${from}" is not in the text`)
  return text.replace(from, to)
}

describe('code → document', () => {
  it('opens with the printed document, in step', () => {
    expect(model.text).toBe(printDefinition(START, 'json'))
    expect(sync.status).toEqual({ kind: 'synced' })
  })

  it('debounces keystrokes into one replaceDefinition: one undo step, ids kept by name', () => {
    const firstId = idOf('First')
    model.type(edited(model.text, '"Type": "Succeed"', '"Type": "Fail"'))
    model.type(edited(model.text, '"Type": "Fail"', '"Type": "Fail", "Error": "E"'))
    expect(sync.status.kind).toBe('pending')
    expect(definition()).toEqual(START)
    expect(useCodeStore.getState().draft).toBe(model.text)

    timers.runAll()
    expect(sync.status).toEqual({ kind: 'synced' })
    expect(definition()).toMatchObject({ States: { Last: { Type: 'Fail', Error: 'E' } } })
    expect(idOf('First')).toBe(firstId)
    expect(useDocumentStore.getState().undoLabel).toBe(CODE_EDIT_LABEL)
    useDocumentStore.getState().undo()
    expect(definition()).toEqual(START)
    expect(useDocumentStore.getState().canUndo).toBe(false)
  })

  it('does not rewrite the user’s text after syncing it (their layout stays)', () => {
    const compact = JSON.stringify({ ...START, Comment: 'mine' })
    model.type(compact)
    timers.runAll()
    expect(model.text).toBe(compact)
    expect(model.applied).toEqual([])
    expect(useCodeStore.getState().draft).toBe(compact)
  })

  it('updates the document from valid JSON with ASL errors (a dangling Next)', () => {
    model.type(edited(model.text, '"Next": "Last"', '"Next": "Nowhere"'))
    timers.runAll()
    expect(sync.status.kind).toBe('synced')
    expect(definition()).toMatchObject({ States: { First: { Next: 'Nowhere' } } })
  })

  it('holds unparseable text: the document keeps its last valid version, the draft is kept', () => {
    const broken = edited(model.text, '"Type": "Pass",', '"Type": "Pass"')
    model.type(broken)
    timers.runAll()
    expect(sync.status).toMatchObject({ kind: 'held', error: { line: 6 }, documentChanged: false })
    expect(definition()).toEqual(START)
    expect(useCodeStore.getState().draft).toBe(broken)
    expect(useDocumentStore.getState().canUndo).toBe(false)

    // Fixed: in step again, as one step.
    model.type(edited(broken, '"Type": "Pass"', '"Type": "Pass",').replaceAll('"Last"', '"End"'))
    timers.runAll()
    expect(sync.status.kind).toBe('synced')
    expect(findStatesByName(useDocumentStore.getState().graph, 'End')).toHaveLength(1)
  })

  it('parses at once on flush (blur, leaving the page) and on dispose', () => {
    model.type(edited(model.text, '"Succeed"', '"Fail"'))
    sync.flush()
    expect(timers.pending).toBe(0)
    expect(definition()).toMatchObject({ States: { Last: { Type: 'Fail' } } })
    model.type(edited(model.text, '"Fail"', '"Succeed"'))
    sync.dispose()
    expect(definition()).toEqual(START)
  })
})

describe('document → code', () => {
  it('applies a canvas edit as small edits to the text', () => {
    useDocumentStore.getState().apply({ type: 'renameState', id: idOf('Last'), name: 'Done' })
    expect(model.text).toBe(printDefinition(definition(), 'json'))
    expect(model.text).toContain('"Next": "Done"')
    const [changes] = model.applied
    expect(changes).toHaveLength(2)
    for (const change of changes!) expect(change.end - change.start).toBeLessThanOrEqual(4)
    expect(sync.status.kind).toBe('synced')
    expect(useCodeStore.getState().draft).toBeNull()
  })

  it('leaves a held draft alone and says the diagram changed meanwhile', () => {
    model.type('{ "StartAt": ')
    timers.runAll()
    useDocumentStore.getState().apply({ type: 'renameState', id: idOf('Last'), name: 'Done' })
    expect(model.text).toBe('{ "StartAt": ')
    expect(sync.status).toMatchObject({ kind: 'held', documentChanged: true })

    sync.discardDraft()
    expect(model.text).toBe(printDefinition(definition(), 'json'))
    expect(sync.status.kind).toBe('synced')
    expect(useCodeStore.getState().draft).toBeNull()
  })

  it('shows another opened document, dropping the previous one’s draft', () => {
    model.type('{ broken')
    timers.runAll()
    const other = { StartAt: 'X', States: { X: { Type: 'Succeed' } } }
    useDocumentStore.getState().openDocument({ definition: other })
    expect(model.text).toBe(printDefinition(other, 'json'))
    expect(sync.status.kind).toBe('synced')
    // Persistence then restores that workflow's own draft.
    importPersisted({ format: 'json', draft: '{ "StartAt": "X", ' })
    expect(model.text).toBe('{ "StartAt": "X", ')
    expect(sync.status.kind).toBe('held')
  })
})

describe('undo and redo from the editor', () => {
  it('undoes keystrokes in the editor first, then the document', () => {
    const original = model.text
    model.type(edited(original, '"Succeed"', '"Fail"'))
    timers.runAll() // one document step: Succeed → Fail
    const afterSync = model.text
    model.type(edited(afterSync, '"Fail"', '"Fai"')) // a keystroke not synced yet

    sync.undo() // the keystroke
    expect(model.text).toBe(afterSync)
    expect(definition()).toMatchObject({ States: { Last: { Type: 'Fail' } } })

    sync.undo() // in step now: the document's code edit, and the text follows
    expect(definition()).toEqual(START)
    expect(model.text).toBe(original)
    expect(timers.pending).toBe(0)

    sync.redo()
    expect(definition()).toMatchObject({ States: { Last: { Type: 'Fail' } } })
    expect(model.text).toContain('"Type": "Fail"')
  })

  it('undoes a canvas edit from the editor, and redoes the editor’s own undo locally', () => {
    useDocumentStore.getState().apply({ type: 'renameState', id: idOf('Last'), name: 'Done' })
    sync.undo()
    expect(model.text).toBe(printDefinition(START, 'json'))
    sync.redo()
    expect(model.text).toContain('"Done"')

    model.type(edited(model.text, '"Done"', '"Done2"'))
    sync.undo() // local
    expect(model.text).toContain('"Done":')
    sync.redo() // local redo, not the document's
    expect(model.text).toContain('"Done2"')
  })

  it('routes Ctrl+Z to the document when the held text has no keystrokes to undo (restored draft)', () => {
    importPersisted({ format: 'json', draft: '{ "oops": ' })
    expect(sync.status.kind).toBe('held')
    useDocumentStore.getState().apply({ type: 'renameState', id: idOf('Last'), name: 'Done' })
    sync.undo()
    expect(findStatesByName(useDocumentStore.getState().graph, 'Last')).toHaveLength(1)
    expect(model.text).toBe('{ "oops": ')
  })
})

describe('formats', () => {
  it('converts the text to YAML and back, without a document step', () => {
    expect(sync.setFormat('yaml')).toBe(true)
    expect(model.language).toBe('yaml')
    expect(model.text).toBe(printDefinition(START, 'yaml'))
    expect(useCodeStore.getState().format).toBe('yaml')
    expect(useDocumentStore.getState().canUndo).toBe(false)

    model.type(edited(model.text, 'Type: Succeed', 'Type: Fail'))
    timers.runAll()
    expect(definition()).toMatchObject({ States: { Last: { Type: 'Fail' } } })
    useDocumentStore.getState().apply({ type: 'renameState', id: idOf('Last'), name: 'Done' })
    expect(model.text).toContain('Next: Done')

    expect(sync.setFormat('json')).toBe(true)
    expect(model.text).toContain('"Next": "Done"')
  })

  it('refuses to convert an unparseable draft', () => {
    model.type('{ "StartAt": ')
    expect(sync.setFormat('yaml')).toBe(false)
    expect(model.text).toBe('{ "StartAt": ')
    expect(useCodeStore.getState().format).toBe('json')
  })
})
