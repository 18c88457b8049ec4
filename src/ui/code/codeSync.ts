// Keeps the code view's text and the document in step, both ways, without Monaco in sight (the
// editor is reached through EditorModelLike, so the rules are unit-tested with a fake model).
//
// Code → document: each edit is recorded as the draft at once (so it survives a view switch or a
// reload), and after a pause (300 ms), on blur or before leaving, the text is parsed. Valid ASL
// (an object, even with ASL errors) replaces the document through replaceDefinition: one undo
// step, states keep their ids and positions by name. Unparseable text is held: the document keeps
// its last valid version and the status says where the first error is.
//
// Document → code: any other change of the graph (canvas, inspector, undo, import) prints the
// document and applies the difference to the editor as a few small edits (textDiff), so cursor,
// scroll and folding stay where they were. Never while the text is held: the user's unfinished
// text wins, and the status notes that the diagram changed meanwhile.
//
// Undo: Ctrl+Z in the editor undoes the editor's own keystrokes while there are any since the
// last sync; once the text is in step with the document, it undoes the document (the same history
// as the canvas), and the text follows. Redo mirrors that. So a code edit is one document step
// that Ctrl+Z in the canvas takes back, and keystrokes are never lost to a coarse undo.

import type { JsonObject } from '../../core/asl/types'
import type { ParseResult } from '../../core/asl/parse'
import { useCodeStore, type CodeFormat } from '../../state/codeStore'
import { selectDefinition, useDocumentStore } from '../../state/documentStore'
import {
  analyzeText,
  draftFor,
  printDefinition,
  textToShow,
  type HeldReason,
  type TextAnalysis,
} from './codeText'
import { diffText, type TextChange } from './textDiff'

export interface EditorModelLike {
  getValue(): string
  /** Applies edits as one undoable step that leaves cursors where the text around them went. */
  applyChanges(changes: readonly TextChange[]): void
  /** Replaces the text and starts a fresh undo history (another document, another format). */
  setValue(text: string): void
  setLanguage(format: CodeFormat): void
  /** Changes with each edit and comes back to an earlier value when edits are undone. */
  getVersion(): number
  canUndo(): boolean
  canRedo(): boolean
  undo(): void
  redo(): void
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export type SyncStatus =
  | { kind: 'synced' }
  /** Keystrokes not parsed yet. */
  | { kind: 'pending' }
  /** The text does not parse; the document keeps its last valid version. */
  | { kind: 'held'; error: HeldReason; documentChanged: boolean }

export interface CodeSyncOptions {
  debounceMs?: number
  timers?: Timers
  onStatus?(status: SyncStatus): void
}

export const CODE_EDIT_LABEL = 'Edit code'

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export class CodeSync {
  private readonly debounceMs: number
  private readonly timers: Timers
  private readonly onStatus: (status: SyncStatus) => void
  private timer: unknown = undefined
  /** Set while our own edits reach the model or the document, so their events are not echoed. */
  private applyingToModel = false
  private applyingToDocument = false
  /** Model version that matches the document (no local keystrokes since). */
  private syncedVersion = -1
  /** Editor redo should be tried first (the last undo was the editor's own). */
  private localRedo = false
  private statusValue: SyncStatus = { kind: 'synced' }
  private analysisCache: { version: number; analysis: TextAnalysis } | undefined
  private lastDraftWritten: string | null = null
  /** Set while the editor undoes or redoes its own keystrokes. */
  private localUndoRedo = false
  private unsubscribers: (() => void)[] = []

  constructor(
    private readonly model: EditorModelLike,
    options: CodeSyncOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300
    this.timers = options.timers ?? defaultTimers
    this.onStatus = options.onStatus ?? (() => {})
  }

  /** Loads the text (saved draft or printed document) and starts following both sides. */
  start(): void {
    this.reload()
    this.unsubscribers.push(
      useDocumentStore.subscribe((state, previous) => {
        if (state.documentSeq !== previous.documentSeq) this.reload()
        else if (state.graph !== previous.graph && !this.applyingToDocument) this.documentChanged()
      }),
      useCodeStore.subscribe((state, previous) => {
        // Persistence opening another workflow, or the format changed elsewhere.
        if (state.format !== previous.format && !this.applyingToModel) this.reload()
        else if (state.draft !== previous.draft && state.draft !== this.lastDraftWritten) {
          this.reload()
        }
      }),
    )
  }

  /** Parses anything pending and stops following the stores. */
  dispose(): void {
    this.flush()
    for (const unsubscribe of this.unsubscribers) unsubscribe()
    this.unsubscribers = []
  }

  get status(): SyncStatus {
    return this.statusValue
  }

  /** Call on every change of the model; our own edits are recognised and ignored. */
  handleModelChange(): void {
    if (this.applyingToModel) return
    if (!this.localUndoRedo) this.localRedo = false
    this.writeDraft(this.model.getValue())
    if (this.statusValue.kind !== 'held') this.setStatus({ kind: 'pending' })
    this.cancelPending()
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined
      this.syncToDocument()
    }, this.debounceMs)
  }

  /** Parses the text now if keystrokes are waiting (blur, view switch, page hide). */
  flush(): void {
    if (this.timer === undefined) return
    this.cancelPending()
    this.syncToDocument()
  }

  /** The parse of the text as it is now (cached per model version). */
  analysis(): TextAnalysis {
    const version = this.model.getVersion()
    if (this.analysisCache?.version !== version) {
      this.analysisCache = {
        version,
        analysis: analyzeText(this.model.getValue(), useCodeStore.getState().format),
      }
    }
    return this.analysisCache.analysis
  }

  /** The source map of the current text, when it parses. */
  parse(): ParseResult {
    return this.analysis().parse
  }

  undo(): void {
    if (this.model.getVersion() !== this.syncedVersion && this.model.canUndo()) {
      this.localUndoRedo = true
      try {
        this.model.undo()
      } finally {
        this.localUndoRedo = false
      }
      this.localRedo = true
      return
    }
    this.cancelPending()
    this.localRedo = false
    useDocumentStore.getState().undo()
  }

  redo(): void {
    if (this.localRedo && this.model.canRedo()) {
      this.localUndoRedo = true
      try {
        this.model.redo()
      } finally {
        this.localUndoRedo = false
      }
      return
    }
    this.cancelPending()
    this.localRedo = false
    useDocumentStore.getState().redo()
  }

  /**
   * Shows the document in another format. Refused (false) while the text does not parse: the
   * draft cannot be converted, and dropping it would lose the user's work.
   */
  setFormat(format: CodeFormat): boolean {
    const store = useCodeStore.getState()
    if (format === store.format) return true
    this.flush()
    if (this.statusValue.kind === 'held') return false
    const text = printDefinition(this.definition(), format)
    this.applyingToModel = true
    try {
      store.setFormat(format)
      this.model.setLanguage(format)
      this.model.setValue(text)
    } finally {
      this.applyingToModel = false
    }
    this.markSynced(null)
    return true
  }

  /** Drops an unparseable draft and shows the document (the banner's "Discard my changes"). */
  discardDraft(): void {
    this.cancelPending()
    const text = printDefinition(this.definition(), useCodeStore.getState().format)
    this.replaceText(text)
    this.markSynced(null)
  }

  // -------------------------------------------------------------------------------------------

  private definition(): JsonObject {
    return selectDefinition(useDocumentStore.getState())
  }

  private reload(): void {
    this.cancelPending()
    const { format, draft } = useCodeStore.getState()
    const shown = textToShow(draft, this.definition(), format)
    this.applyingToModel = true
    try {
      this.model.setLanguage(format)
      if (this.model.getValue() !== shown.text) this.model.setValue(shown.text)
    } finally {
      this.applyingToModel = false
    }
    const analysis = this.analysis()
    if (analysis.kind === 'held') {
      this.writeDraft(shown.text)
      this.syncedVersion = this.model.getVersion()
      this.setStatus({ kind: 'held', error: analysis.error, documentChanged: false })
    } else {
      this.markSynced(shown.draft)
    }
  }

  private syncToDocument(): void {
    const analysis = this.analysis()
    const text = this.model.getValue()
    if (analysis.kind === 'held') {
      const documentChanged =
        this.statusValue.kind === 'held' ? this.statusValue.documentChanged : false
      this.setStatus({ kind: 'held', error: analysis.error, documentChanged })
      return
    }
    this.applyingToDocument = true
    try {
      useDocumentStore.getState().replaceDefinition(analysis.definition, { label: CODE_EDIT_LABEL })
    } finally {
      this.applyingToDocument = false
    }
    this.markSynced(draftFor(text, analysis.definition, useCodeStore.getState().format))
  }

  private documentChanged(): void {
    if (this.statusValue.kind === 'held') {
      if (!this.statusValue.documentChanged) {
        this.setStatus({ ...this.statusValue, documentChanged: true })
      }
      return
    }
    // Keystrokes still waiting lose to the change that just happened (it is the newer intent;
    // they stay in the editor's undo history). Blur flushes them first in the usual case of
    // moving from the editor to the canvas.
    this.cancelPending()
    const text = printDefinition(this.definition(), useCodeStore.getState().format)
    this.replaceText(text)
    this.markSynced(null)
  }

  private replaceText(text: string): void {
    const changes = diffText(this.model.getValue(), text)
    if (changes.length === 0) return
    this.applyingToModel = true
    try {
      this.model.applyChanges(changes)
    } finally {
      this.applyingToModel = false
    }
  }

  private markSynced(draft: string | null): void {
    this.syncedVersion = this.model.getVersion()
    this.writeDraft(draft)
    this.setStatus({ kind: 'synced' })
  }

  private writeDraft(draft: string | null): void {
    this.lastDraftWritten = draft
    useCodeStore.getState().setDraft(draft)
  }

  private cancelPending(): void {
    if (this.timer === undefined) return
    this.timers.clearTimeout(this.timer)
    this.timer = undefined
  }

  private setStatus(status: SyncStatus): void {
    const current = this.statusValue
    if (
      current.kind === status.kind &&
      (status.kind !== 'held' ||
        (current.kind === 'held' &&
          current.error.offset === status.error.offset &&
          current.error.message === status.error.message &&
          current.documentChanged === status.documentChanged))
    ) {
      return
    }
    this.statusValue = status
    this.onStatus(status)
  }
}
