// The code view's own per-workflow data: which text format it shows, and its text when that text
// cannot be printed from the document. Not undone (only the document is); saved with the workflow
// by issue 7's persistence through exportPersisted/importPersisted (persistence-api.md).
//
// The draft is what the user typed. It matters in two cases: the text does not parse (the
// document keeps the last valid version, so the draft is the only copy of the user's work), or it
// parses but is laid out the user's way. When the text is exactly the printed document the draft
// is null, which keeps saved workflows small.

import { create } from 'zustand'
import { useDocumentStore } from './documentStore'

export type CodeFormat = 'json' | 'yaml'

/** What persistence saves for the code view (plain structured-clone data). */
export interface CodePersisted {
  format: CodeFormat
  /** The editor text when it is not the printed document (an invalid draft, own layout). */
  draft: string | null
}

export interface CodeState extends CodePersisted {
  /** JSON or YAML; the view converts the text when it can (not while the draft is invalid). */
  setFormat(format: CodeFormat): void
  /** Records the editor's text (null: the text is the printed document). */
  setDraft(draft: string | null): void
}

const INITIAL: CodePersisted = { format: 'json', draft: null }

export const useCodeStore = create<CodeState>()((set, get) => ({
  ...INITIAL,
  setFormat(format) {
    if (format !== get().format) set({ format })
  },
  setDraft(draft) {
    if (draft !== get().draft) set({ draft })
  },
}))

/** The code view's per-workflow data as plain data. */
export function exportPersisted(): CodePersisted {
  const { format, draft } = useCodeStore.getState()
  return { format, draft }
}

/**
 * Replaces the code view's data when a workflow is opened (undefined = a fresh workflow).
 * Call it after `openDocument`: opening a document clears the draft of the previous one.
 */
export function importPersisted(data: CodePersisted | undefined): void {
  // A fresh workflow keeps the format the user works in.
  const format =
    data?.format === 'yaml' || data?.format === 'json'
      ? data.format
      : useCodeStore.getState().format
  const draft = typeof data?.draft === 'string' ? data.draft : null
  useCodeStore.setState({ format, draft })
}

// Another document (an example, a workspace entry) must not show the previous one's draft.
// The format is the user's preference and stays.
useDocumentStore.subscribe((state, previous) => {
  if (state.documentSeq !== previous.documentSeq) useCodeStore.getState().setDraft(null)
})
