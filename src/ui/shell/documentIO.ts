// Bringing documents in and out: import a file (anything core/import reads), export ASL, start a
// new workflow, open a bundled example. Imports, New and examples each open as a new workflow of
// the workspace (the open one stays as it was, in the Workflows list); a bad file changes nothing
// and says what and where.

import type { Diagnostic } from '../../core/asl/diagnostics'
import { parseText, type SourceFormat } from '../../core/asl/parse'
import { printJson, printYaml } from '../../core/asl/print'
import type { JsonObject, JsonValue, WorkflowType } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import { selectDefinition, useDocumentStore } from '../../state/documentStore'
import { useWorkflowsStore, type WorkflowSeed } from '../../state/workflowsStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { importFiles } from '../import/importActions'

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

/** Imports a file (ASL, template, MockConfigFile, history); see ui/import. */
export async function importFile(file: File): Promise<void> {
  await importFiles([file])
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

/** Starts an empty workflow beside the others in the workspace. */
export function newWorkflow(): void {
  void useWorkflowsStore
    .getState()
    .createWorkflow({ name: 'Untitled workflow', definition: NEW_WORKFLOW })
}

// ---------------------------------------------------------------------------------------------
// Examples (public/examples): index.json lists them, each with a definition, a MockConfigFile whose
// test cases demonstrate it, and the outcomes those test cases promise (checked by a unit test).

export interface ExampleEntry {
  id: string
  title: string
  description: string
  definition: string
  workflowType?: WorkflowType
  /** The MockConfigFile (file name beside the definition). */
  mocks?: string
  /** Expected outcomes per test case (the `stepwise test --expect` format). */
  expect?: string
  /** The run input the example starts with. */
  input?: JsonValue
}

const EXAMPLES_BASE = `${import.meta.env.BASE_URL}examples/`

export async function loadExampleIndex(): Promise<ExampleEntry[]> {
  const response = await fetch(`${EXAMPLES_BASE}index.json`)
  if (!response.ok) throw new Error(`examples/index.json: HTTP ${response.status}`)
  const data = (await response.json()) as { examples?: ExampleEntry[] }
  return Array.isArray(data.examples) ? data.examples : []
}

async function fetchText(file: string): Promise<string> {
  const response = await fetch(`${EXAMPLES_BASE}${file}`)
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`)
  return response.text()
}

/** An example as a new workflow's seed: its definition, type and mocks. */
export async function exampleSeed(entry: ExampleEntry): Promise<WorkflowSeed> {
  const result = readDefinition(await fetchText(entry.definition), entry.definition)
  if (!result.ok) throw new Error(result.message)
  const seed: WorkflowSeed = {
    name: entry.title,
    definition: result.definition,
    workflowType: entry.workflowType ?? 'STANDARD',
  }
  if (entry.input !== undefined) seed.runInput = entry.input
  if (entry.mocks) {
    const mocks = JSON.parse(await fetchText(entry.mocks)) as unknown
    if (isJsonObject(mocks)) seed.mockConfig = mocks
  }
  return seed
}

/** Opens an example as a new workflow of the workspace. */
export async function openExample(entry: ExampleEntry): Promise<void> {
  try {
    await useWorkflowsStore.getState().createWorkflow(await exampleSeed(entry))
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
