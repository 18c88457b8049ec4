// Messages between the code view and its language worker (asl.worker.ts). Plain data only;
// ranges are 1-based lines and columns like Monaco's, so the main thread converts nothing.

import type { WorkflowType } from '../../../core/asl/types'
import type { CodeFormat } from '../../../state/codeStore'

export interface TextRange {
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
}

export type MarkerLevel = 'error' | 'warning' | 'info'

export interface MarkerData extends TextRange {
  severity: MarkerLevel
  message: string
  /** Who found it: 'Stepwise' (our validator) or 'ASL schema' (amazon-states-language-service). */
  source: string
  code?: string
}

/** A completion item in Monaco's terms, minus the enums (kinds are names, mapped on the main thread). */
export interface CompletionData {
  label: string
  kind: CompletionKindName
  insertText: string
  /** Insert as a snippet (`${1:placeholder}` tab stops). */
  snippet: boolean
  range: TextRange
  detail?: string
  documentation?: string
  filterText?: string
  sortText?: string
  /** Re-open suggestions after inserting (e.g. after a property name, for its value). */
  retrigger?: boolean
}

export type CompletionKindName =
  | 'property'
  | 'value'
  | 'snippet'
  | 'keyword'
  | 'function'
  | 'variable'
  | 'enum'
  | 'text'
  | 'module'
  | 'field'
  | 'reference'

export interface HoverData {
  contents: string[]
  range?: TextRange
}

export interface TextEditData {
  range: TextRange
  text: string
}

interface RequestBase {
  id: number
  text: string
  format: CodeFormat
}

export type LanguageRequest =
  | (RequestBase & { type: 'diagnose'; workflowType: WorkflowType })
  | (RequestBase & { type: 'complete'; line: number; column: number })
  | (RequestBase & { type: 'hover'; line: number; column: number })
  | (RequestBase & { type: 'format'; tabSize: number; insertSpaces: boolean })

export type LanguageResponse =
  | { id: number; type: 'diagnose'; markers: MarkerData[] }
  | { id: number; type: 'complete'; items: CompletionData[]; incomplete: boolean }
  | { id: number; type: 'hover'; hover: HoverData | null }
  | { id: number; type: 'format'; edits: TextEditData[] }
  | { id: number; type: 'failed'; message: string }
