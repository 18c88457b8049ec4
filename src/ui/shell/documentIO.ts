// Bringing documents in and out: import a file (ASL JSON or YAML), export ASL, start a new
// workflow, open a bundled example. Every replacement of the open document is one undo step, so
// nothing is ever lost to a mis-click; a bad file changes nothing and says what and where.

import type { Diagnostic } from '../../core/asl/diagnostics'
import { parseText, type SourceFormat } from '../../core/asl/parse'
import { printJson, printYaml } from '../../core/asl/print'
import type { JsonObject, WorkflowType } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import { EMPTY_LAYOUT } from '../../core/graph/layoutMap'
import { selectDefinition, selectDiagnostics, useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'

export type ImportResult =
  | { ok: true; definition: JsonObject; format: SourceFormat }
  | { ok: false; message: string; detail?: string }

function formatFor(fileName: string): SourceFormat | undefined {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml'
  if (lower.endsWith('.json')) return 'json'
  return undefined
}

function where(diagnostic: Diagnostic): string {
  const start = diagnostic.range?.start
  return start ? ` (line ${start.line}, column ${start.column})` : ''
}

/** Reads ASL text: a definition object with a `States` object, or why not. */
export function readDefinition(text: string, fileName: string): ImportResult {
  if (text.trim() === '') return { ok: false, message: `${fileName} is empty.` }
  const parsed = parseText(text, formatFor(fileName))
  const syntax = parsed.diagnostics.filter((d) => d.severity === 'error')
  if (parsed.value === undefined || syntax.length > 0) {
    const first = syntax[0]
    return {
      ok: false,
      message: `${fileName} is not valid ${parsed.format === 'yaml' ? 'YAML' : 'JSON'}${first ? where(first) : ''}.`,
      ...(first ? { detail: first.message } : {}),
    }
  }
  const value = parsed.value
  if (!isJsonObject(value)) {
    return {
      ok: false,
      message: `${fileName} does not hold a state machine: expected an object with "StartAt" and "States".`,
    }
  }
  if (!isJsonObject(value.States)) {
    const hint = isJsonObject(value.Resources)
      ? ' It looks like a CloudFormation or SAM template; import the state machine definition itself.'
      : ''
    return {
      ok: false,
      message: `${fileName} is not an Amazon States Language definition: it has no "States" object.${hint}`,
    }
  }
  return { ok: true, definition: value, format: parsed.format }
}

function titleFromFile(fileName: string): string {
  return (
    fileName
      .replace(/\.(asl\.)?(json|ya?ml)$/i, '')
      .replace(/[-_]+/g, ' ')
      .trim() || fileName
  )
}

/** Imports a file as the open document (one undo step). Reports success or the problem. */
export async function importFile(file: File): Promise<boolean> {
  const { notify } = useWorkspaceStore.getState()
  let text: string
  try {
    text = await file.text()
  } catch (error) {
    notify('error', `Could not read ${file.name}; nothing was changed.`, String(error))
    return false
  }
  const result = readDefinition(text, file.name)
  if (!result.ok) {
    notify('error', `${result.message} Nothing was changed.`, result.detail)
    return false
  }
  useDocumentStore.getState().replaceDefinition(result.definition, {
    label: `Import ${file.name}`,
    layout: EMPTY_LAYOUT,
  })
  useWorkspaceStore.getState().setDocumentTitle(titleFromFile(file.name))
  useWorkspaceStore.getState().select([])
  const states = countStates(result.definition)
  const problems = selectDiagnostics(useDocumentStore.getState()).filter(
    (d) => d.severity === 'error',
  ).length
  notify(
    'success',
    `Imported ${file.name}: ${states} state${states === 1 ? '' : 's'}${
      problems > 0 ? `, ${problems} problem${problems === 1 ? '' : 's'} to fix` : ''
    }. Undo brings back the previous workflow.`,
  )
  return true
}

function countStates(definition: JsonObject): number {
  let count = 0
  const visit = (container: JsonObject) => {
    const states = container.States
    if (!isJsonObject(states)) return
    for (const state of Object.values(states)) {
      if (!isJsonObject(state)) continue
      count++
      if (Array.isArray(state.Branches)) state.Branches.forEach((b) => isJsonObject(b) && visit(b))
      for (const key of ['ItemProcessor', 'Iterator']) {
        const processor = state[key]
        if (isJsonObject(processor)) visit(processor)
      }
    }
  }
  visit(definition)
  return count
}

/** The file name for exports: the workflow title, made safe. */
export function exportFileName(extension: string): string {
  const title = useWorkspaceStore.getState().documentTitle
  const safe =
    title
      .replace(/[^A-Za-z0-9._ -]+/g, '')
      .trim()
      .replace(/\s+/g, '-') || 'workflow'
  return `${safe}.asl.${extension}`
}

export function definitionText(format: 'json' | 'yaml'): string {
  const definition = selectDefinition(useDocumentStore.getState())
  return format === 'json' ? printJson(definition) : printYaml(definition)
}

/** Downloads the open definition as ASL JSON or YAML. */
export function exportDefinition(format: 'json' | 'yaml'): void {
  const text = definitionText(format)
  const blob = new Blob([text], {
    type: format === 'json' ? 'application/json' : 'application/yaml',
  })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = exportFileName(format)
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export async function copyDefinition(): Promise<void> {
  const { notify } = useWorkspaceStore.getState()
  try {
    await navigator.clipboard.writeText(definitionText('json'))
    notify('success', 'Copied the ASL definition to the clipboard.')
  } catch {
    notify('error', 'The browser refused access to the clipboard; use Export instead.')
  }
}

export const NEW_WORKFLOW: JsonObject = { StartAt: '', States: {} }

/** Starts an empty workflow (undoable: the previous one comes back with Undo). */
export function newWorkflow(): void {
  useDocumentStore.getState().replaceDefinition(NEW_WORKFLOW, {
    label: 'New workflow',
    layout: EMPTY_LAYOUT,
  })
  useWorkspaceStore.getState().setDocumentTitle('Untitled workflow')
  useWorkspaceStore.getState().select([])
}

// ---------------------------------------------------------------------------------------------
// Examples (public/examples): index.json lists them; issue 7's gallery adds mocks and test cases.

export interface ExampleEntry {
  id: string
  title: string
  description: string
  definition: string
  workflowType?: WorkflowType
}

const EXAMPLES_BASE = `${import.meta.env.BASE_URL}examples/`

export async function loadExampleIndex(): Promise<ExampleEntry[]> {
  const response = await fetch(`${EXAMPLES_BASE}index.json`)
  if (!response.ok) throw new Error(`examples/index.json: HTTP ${response.status}`)
  const data = (await response.json()) as { examples?: ExampleEntry[] }
  return Array.isArray(data.examples) ? data.examples : []
}

async function fetchExample(entry: ExampleEntry): Promise<JsonObject> {
  const response = await fetch(`${EXAMPLES_BASE}${entry.definition}`)
  if (!response.ok) throw new Error(`${entry.definition}: HTTP ${response.status}`)
  const result = readDefinition(await response.text(), entry.definition)
  if (!result.ok) throw new Error(result.message)
  return result.definition
}

/**
 * Opens an example. On startup (`fresh`) it becomes the document with an empty history;
 * from the menu it replaces the open workflow as one undo step.
 */
export async function openExample(entry: ExampleEntry, { fresh = false } = {}): Promise<void> {
  try {
    const definition = await fetchExample(entry)
    const workflowType = entry.workflowType ?? 'STANDARD'
    if (fresh) {
      useDocumentStore.getState().openDocument({ definition, workflowType })
    } else {
      const store = useDocumentStore.getState()
      store.replaceDefinition(definition, { label: `Open ${entry.title}`, layout: EMPTY_LAYOUT })
      if (store.workflowType !== workflowType) store.setWorkflowType(workflowType)
    }
    useWorkspaceStore.getState().setDocumentTitle(entry.title)
    useWorkspaceStore.getState().select([])
  } catch (error) {
    useWorkspaceStore
      .getState()
      .notify(
        'error',
        `Could not open the example “${entry.title}”.`,
        error instanceof Error ? error.message : String(error),
      )
  }
}
