// Bringing files in, whatever way they come (file picker, drop, paste): core/import says what
// the text is, and this puts it where it belongs:
//   ASL definition        → a new workflow in the workspace (the open one is kept as it was)
//   template              → the same, for the state machine chosen (a chooser when several)
//   MockConfigFile        → the open workflow's mocks (mocks store `importMockConfig`)
//   execution history     → the open workflow's runs (execution store `importHistory`)
// A file that cannot be read changes nothing and says what and where.

import { create } from 'zustand'
import type { JsonObject, WorkflowType } from '../../core/asl/types'
import {
  describeReading,
  readImportText,
  type ImportReading,
  type TemplateMachine,
} from '../../core/import'
import { storeFunction } from '../../state/persistence/slices'
import { parseClipboardStates } from '../canvas/editing'
import { useWorkflowsStore } from '../../state/workflowsStore'
import { useWorkspaceStore } from '../../state/workspaceStore'

/** A template with several state machines, waiting for the user to choose one. */
export interface PendingTemplate {
  fileName: string
  kind: string
  machines: TemplateMachine[]
}

interface ImportUiState {
  pendingTemplate: PendingTemplate | null
  /** True while files are dragged over the page. */
  dragging: boolean
}

export const useImportUi = create<ImportUiState>()(() => ({
  pendingTemplate: null,
  dragging: false,
}))

function notify(kind: 'success' | 'error' | 'info', message: string, detail?: string) {
  useWorkspaceStore.getState().notify(kind, message, detail)
}

/** A workflow name from a file name: `order-flow.asl.json` → `order flow`. */
export function titleFromFile(fileName: string): string {
  return (
    fileName
      .replace(/\.(asl\.)?(json|ya?ml|template)$/i, '')
      .replace(/[-_]+/g, ' ')
      .trim() || fileName
  )
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * An imported definition never replaces the open workflow: it opens as a new one, and the notice
 * offers the way back to the one that was open (it is also in the Workflows list, unchanged).
 */
async function openAsNewWorkflow(
  seed: { name: string; definition: JsonObject; workflowType?: WorkflowType },
  summary: string,
): Promise<void> {
  const workflows = useWorkflowsStore.getState()
  const previous = workflows.workflows.find((w) => w.id === workflows.openId)
  await workflows.createWorkflow(seed)
  useWorkspaceStore.getState().notify(
    'success',
    summary,
    undefined,
    previous
      ? {
          label: `Back to “${previous.name}”`,
          run: () => void useWorkflowsStore.getState().openWorkflow(previous.id),
        }
      : undefined,
  )
}

/** Text worth trying as an import: structured (JSON or YAML with keys), not a stray word. */
function looksStructured(text: string): boolean {
  const t = text.trimStart()
  return t.startsWith('{') || t.startsWith('[') || /^[A-Za-z"']\S*\s*:/m.test(t)
}

/** A whole definition (it has `StartAt`), as opposed to a `States` subset copied from a canvas. */
function looksLikeDefinition(text: string): boolean {
  return /"StartAt"|^StartAt\s*:/m.test(text)
}

/**
 * What pasted text is, wherever it is pasted: `states` (a States subset copied from a canvas:
 * it belongs in the open workflow), `import` (a definition, template, MockConfigFile or history:
 * it imports as a dropped file would), or `other` (not structured text).
 */
export function classifyPastedText(text: string): 'states' | 'import' | 'other' {
  if (!looksStructured(text)) return 'other'
  return parseClipboardStates(text) && !looksLikeDefinition(text) ? 'states' : 'import'
}

/** Imports pasted text (a definition, template, MockConfigFile or history), as a drop would. */
export function importPastedText(text: string): Promise<boolean> {
  return importText(text, 'the pasted text', { name: 'Pasted workflow' })
}

/** Imports text read from a file or the clipboard. Returns whether anything was imported. */
export async function importText(
  text: string,
  fileName: string,
  options: { name?: string } = {},
): Promise<boolean> {
  let reading: ImportReading
  try {
    reading = readImportText(text, fileName)
  } catch (error) {
    notify('error', `Could not read ${fileName}. Nothing was changed.`, String(error))
    return false
  }
  return applyReading(reading, fileName, options.name, text)
}

async function applyReading(
  reading: ImportReading,
  fileName: string,
  name: string | undefined,
  text: string,
): Promise<boolean> {
  switch (reading.kind) {
    case 'invalid':
      notify('error', `${reading.message} Nothing was changed.`, reading.detail)
      return false
    case 'definition': {
      const states = countStates(reading.definition)
      await openAsNewWorkflow(
        { name: name ?? titleFromFile(fileName), definition: reading.definition },
        `Imported ${fileName}: ${plural(states, 'state')}, opened as a new workflow (the previous one is still in Workflows, unchanged).`,
      )
      return true
    }
    case 'template': {
      const usable = reading.machines.filter((m) => m.result.ok)
      if (reading.machines.length === 1 || usable.length === 0) {
        const machine = reading.machines[0]!
        if (reading.machines.length > 1) {
          notify(
            'error',
            `${fileName} has ${plural(reading.machines.length, 'state machine')}, none readable. Nothing was changed.`,
            reading.machines.map((m) => (m.result.ok ? '' : m.result.message)).join('\n'),
          )
          return false
        }
        return importMachine(machine, fileName, describeReading(reading))
      }
      useImportUi.setState({
        pendingTemplate: { fileName, kind: describeReading(reading), machines: reading.machines },
      })
      return true
    }
    case 'mocks': {
      const importMockConfig = storeFunction<(json: unknown) => unknown>(
        'mocks',
        'importMockConfig',
      )
      if (!importMockConfig) {
        notify(
          'error',
          `${fileName} is a MockConfigFile, but this build has no mocks panel to load it into. Nothing was changed.`,
        )
        return false
      }
      let result: unknown
      try {
        // The text, not the parsed value: the mocks store exports an unedited file verbatim.
        result = importMockConfig(text)
      } catch (error) {
        notify(
          'error',
          `Could not load the mocks of ${fileName}. Nothing was changed.`,
          String(error),
        )
        return false
      }
      const refused = refusal(result)
      if (refused) {
        notify('error', `Could not load the mocks of ${fileName}. Nothing was changed.`, refused)
        return false
      }
      const machines = Object.keys(reading.config.StateMachines ?? {}).length
      const responses = Object.keys(reading.config.MockedResponses ?? {}).length
      notify(
        'success',
        `Loaded the mocks of ${fileName} into this workflow: ${plural(machines, 'state machine')}, ${plural(responses, 'mocked response')}.`,
      )
      return true
    }
    case 'history': {
      const importHistory = storeFunction<
        (events: unknown, options?: { name?: string }) => unknown
      >('execution', 'importHistory')
      if (!importHistory) {
        notify(
          'error',
          `${fileName} is an execution history, but this build has no timeline to replay it in. Nothing was changed.`,
        )
        return false
      }
      let result: unknown
      try {
        result = importHistory({ events: reading.events }, { name: fileName })
      } catch (error) {
        notify(
          'error',
          `Could not load the execution history of ${fileName}. Nothing was changed.`,
          error instanceof Error ? error.message : String(error),
        )
        return false
      }
      const refused = refusal(result)
      if (refused) {
        notify('error', `${fileName}: ${refused} Nothing was changed.`)
        return false
      }
      notify(
        'success',
        `Loaded ${fileName} as a run of this workflow: ${plural(reading.events.length, 'event')}.`,
      )
      return true
    }
  }
}

/** The reason a store refused an import (`{ok: false, message | problems}`), if it did. */
function refusal(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined
  const r = result as { ok?: unknown; message?: unknown; problems?: unknown }
  if (r.ok !== false) return undefined
  if (typeof r.message === 'string') return r.message
  if (Array.isArray(r.problems)) {
    return r.problems
      .map((p: { path?: string; message?: string }) => `${p.path || '(file)'}: ${p.message ?? ''}`)
      .join('\n')
  }
  return 'refused'
}

/** Imports one state machine of a template as a new workflow. */
export async function importMachine(
  machine: TemplateMachine,
  fileName: string,
  kind = 'the template',
): Promise<boolean> {
  useImportUi.setState({ pendingTemplate: null })
  if (!machine.result.ok) {
    notify('error', `${fileName}: ${machine.result.message} Nothing was changed.`)
    return false
  }
  const { definition, placeholders, source } = machine.result
  const states = countStates(definition)
  await openAsNewWorkflow(
    {
      name: machine.name ?? machine.logicalId,
      definition,
      ...(machine.workflowType ? { workflowType: machine.workflowType } : {}),
    },
    `Imported ${machine.logicalId} from ${kind} ${fileName} (${source}): ${plural(states, 'state')}${
      placeholders.length > 0
        ? `; ${plural(placeholders.length, 'deploy-time placeholder')} kept as \${…} (${placeholders.slice(0, 4).join(', ')}${placeholders.length > 4 ? ', …' : ''})`
        : ''
    }.`,
  )
  return true
}

/** Imports files one after another (a drop may hold several). */
export async function importFiles(files: Iterable<File>): Promise<void> {
  for (const file of files) {
    let text: string
    try {
      text = await file.text()
    } catch (error) {
      notify('error', `Could not read ${file.name}; nothing was changed.`, String(error))
      continue
    }
    await importText(text, file.name)
  }
}

function countStates(definition: JsonObject): number {
  let count = 0
  const visit = (container: unknown) => {
    if (typeof container !== 'object' || container === null) return
    const states = (container as { States?: unknown }).States
    if (typeof states !== 'object' || states === null) return
    for (const state of Object.values(states as Record<string, unknown>)) {
      if (typeof state !== 'object' || state === null) continue
      count++
      const s = state as { Branches?: unknown; ItemProcessor?: unknown; Iterator?: unknown }
      if (Array.isArray(s.Branches)) s.Branches.forEach(visit)
      visit(s.ItemProcessor)
      visit(s.Iterator)
    }
  }
  visit(definition)
  return count
}
