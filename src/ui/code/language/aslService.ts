// The code view's language features, computed inside the language worker (asl.worker.ts) and
// testable in Node: Stepwise's validator for diagnostics at their exact ranges, and AWS's
// amazon-states-language-service for schema checks, completion (state names in Next/Default/
// StartAt, fields by state type, JSONata and variables, a snippet per state type) and hovers.
//
// The package's entry point also loads its YAML service, which drags in yaml-language-server with
// prettier 2 and Node-only modules (12 MB, `fs`/`child_process`), so only its JSON parts are
// imported here, by path, and put together the way its own getLanguageService does. YAML text
// goes through yamlAst.ts, which builds the same syntax tree from the `yaml` package, so the
// same schema checks, completions and hovers work there too.

import * as completeAslModule from 'amazon-states-language-service/out/completion/completeAsl'
import aslSchema from 'amazon-states-language-service/out/json-schema/bundled.json'
import {
  convertJsonSnippetToYaml,
  getOffsetData,
  processYamlDocForCompletion,
} from 'amazon-states-language-service/out/yaml/yamlUtils'
import {
  CompletionItemKind,
  getLanguageService,
  InsertTextFormat,
  TextDocument,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type JSONDocument,
  type JSONSchema,
  type LanguageService,
  type MarkedString,
  type MarkupContent,
  type Range as LspRange,
} from 'vscode-json-languageservice'
import { parseDocument, visit } from 'yaml'
import type { Diagnostic } from '../../../core/asl/diagnostics'
import type { WorkflowType } from '../../../core/asl/types'
import { validateText } from '../../../core/asl/validate'
import type { CodeFormat } from '../../../state/codeStore'
import { diffText } from '../textDiff'
import type {
  CompletionData,
  CompletionKindName,
  HoverData,
  MarkerData,
  TextEditData,
  TextRange,
} from './protocol'
import { yamlToJsonDocument } from './yamlAst'

const SCHEMA_URI = 'stepwise://schemas/asl.json'

// The ASL service tells JSON from YAML by these language ids (its completions depend on them).
const LANGUAGE_ID = { json: 'asl', yaml: 'asl-yaml' } as const

// A CommonJS module with `exports.default`: the bundler (Node semantics, this package is "type":
// "module") hands over the whole exports object as the default, Vitest the function itself.
const completeAsl: typeof completeAslModule.default = interopDefault(completeAslModule.default)

function interopDefault<T>(value: T): T {
  if (typeof value === 'function') return value
  return (value as unknown as { default: T }).default
}

let service: LanguageService | undefined

function languageService(): LanguageService {
  if (!service) {
    service = getLanguageService({})
    service.configure({
      validate: true,
      allowComments: false,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema: aslSchema as JSONSchema }],
    })
  }
  return service
}

interface Parsed {
  document: TextDocument
  json: JSONDocument | undefined
}

function parse(text: string, format: CodeFormat): Parsed {
  const uri =
    format === 'json'
      ? 'inmemory://stepwise/definition.json'
      : 'inmemory://stepwise/definition.yaml'
  const document = TextDocument.create(uri, LANGUAGE_ID[format], 1, text)
  if (format === 'json') return { document, json: languageService().parseJSONDocument(document) }
  return { document, json: yamlToJsonDocument(text, languageService()) }
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

/**
 * Stepwise's diagnostics (errors and warnings as the problems panel shows them) plus the ASL
 * schema's findings as warnings. A schema finding that overlaps one of ours is left out: ours
 * says the same thing in words a person can act on.
 */
export async function diagnose(
  text: string,
  format: CodeFormat,
  workflowType: WorkflowType,
): Promise<MarkerData[]> {
  const { diagnostics } = validateText(text, { format, workflowType })
  const ours = diagnostics.map(stepwiseMarker)
  // Syntax errors make every schema finding noise.
  if (diagnostics.some((d) => d.code === 'JSON_SYNTAX' || d.code === 'YAML_SYNTAX')) return ours
  const { document, json } = parse(text, format)
  if (!json) return ours
  const schema = await languageService().doValidation(document, json, {
    comments: 'error',
    trailingCommas: 'error',
  })
  return mergeMarkers(ours, schema.filter(isSchemaFinding).map(lspMarker))
}

/** Ours, then the schema's findings that no marker of ours overlaps (each once). */
export function mergeMarkers(ours: MarkerData[], schema: MarkerData[]): MarkerData[] {
  const extra = schema.filter((marker) => !ours.some((mine) => overlaps(mine, marker)))
  return [...ours, ...dedupe(extra)]
}

function stepwiseMarker(diagnostic: Diagnostic): MarkerData {
  const range = diagnostic.range
  return {
    severity: diagnostic.severity,
    message: diagnostic.message,
    source: 'Stepwise',
    code: diagnostic.code,
    startLineNumber: range?.start.line ?? 1,
    startColumn: range?.start.column ?? 1,
    endLineNumber: range?.end.line ?? 1,
    endColumn: range?.end.column ?? 1,
  }
}

// vscode-json-languageservice reports its own JSON syntax errors too (codes 0x100–0x300 of
// ErrorCode); ours cover those. What remains are schema findings.
function isSchemaFinding(diagnostic: LspDiagnostic): boolean {
  const code = typeof diagnostic.code === 'number' ? diagnostic.code : undefined
  return code === undefined || code < 0x100 || code > 0x300
}

function lspMarker(diagnostic: LspDiagnostic): MarkerData {
  return {
    severity: 'warning',
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    source: 'ASL schema',
    ...toRange(diagnostic.range),
  }
}

function toRange(range: LspRange): TextRange {
  return {
    startLineNumber: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLineNumber: range.end.line + 1,
    endColumn: range.end.character + 1,
  }
}

function overlaps(a: TextRange, b: TextRange): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) =>
    l1 < l2 || (l1 === l2 && c1 <= c2)
  // Touching ranges count: a point diagnostic at the start of a key overlaps the key.
  return (
    before(a.startLineNumber, a.startColumn, b.endLineNumber, b.endColumn) &&
    before(b.startLineNumber, b.startColumn, a.endLineNumber, a.endColumn)
  )
}

function dedupe(markers: MarkerData[]): MarkerData[] {
  const seen = new Set<string>()
  return markers.filter((m) => {
    const key = `${m.startLineNumber}:${m.startColumn}:${m.endLineNumber}:${m.endColumn}:${m.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

// ---------------------------------------------------------------------------------------------
// Completion

/** Completions at a 1-based line and column. */
export async function complete(
  text: string,
  format: CodeFormat,
  line: number,
  column: number,
): Promise<{ items: CompletionData[]; incomplete: boolean }> {
  if (format === 'yaml') return completeYaml(text, line, column)
  const { document, json } = parse(text, format)
  if (!json) return { items: [], incomplete: false }
  const position = { line: line - 1, character: column - 1 }
  const ls = languageService()
  const fromSchema = await ls.doComplete(document, position, json)
  const list = await completeAsl(document, position, json, fromSchema)
  return { items: list.items.map(completionData), incomplete: list.isIncomplete }
}

function completionData(item: CompletionItem): CompletionData {
  const edit = item.textEdit
  const data: CompletionData = {
    label: item.label,
    kind: kindName(item.kind),
    insertText: edit?.newText ?? item.insertText ?? item.label,
    snippet: item.insertTextFormat === InsertTextFormat.Snippet,
    range: edit
      ? toRange('range' in edit ? edit.range : edit.replace)
      : { startLineNumber: 0, startColumn: 0, endLineNumber: 0, endColumn: 0 },
  }
  if (item.detail) data.detail = item.detail
  const documentation = documentationText(item.documentation)
  if (documentation) data.documentation = documentation
  if (item.filterText) data.filterText = item.filterText
  if (item.sortText) data.sortText = item.sortText
  if (item.command?.command === 'editor.action.triggerSuggest') data.retrigger = true
  return data
}

function documentationText(doc: string | MarkupContent | undefined): string | undefined {
  if (doc === undefined) return undefined
  return typeof doc === 'string' ? doc : doc.value
}

function kindName(kind: CompletionItemKind | undefined): CompletionKindName {
  switch (kind) {
    case CompletionItemKind.Property:
      return 'property'
    case CompletionItemKind.Value:
      return 'value'
    case CompletionItemKind.Snippet:
      return 'snippet'
    case CompletionItemKind.Keyword:
      return 'keyword'
    case CompletionItemKind.Function:
    case CompletionItemKind.Method:
      return 'function'
    case CompletionItemKind.Variable:
      return 'variable'
    case CompletionItemKind.Enum:
    case CompletionItemKind.EnumMember:
      return 'enum'
    case CompletionItemKind.Module:
      return 'module'
    case CompletionItemKind.Field:
      return 'field'
    case CompletionItemKind.Reference:
      return 'reference'
    default:
      return 'text'
  }
}

// ---------------------------------------------------------------------------------------------
// Hover

export async function hover(
  text: string,
  format: CodeFormat,
  line: number,
  column: number,
): Promise<HoverData | null> {
  const { document, json } = parse(text, format)
  if (!json) return null
  const result = await languageService().doHover(
    document,
    { line: line - 1, character: column - 1 },
    json,
  )
  if (!result) return null
  const contents = (Array.isArray(result.contents) ? result.contents : [result.contents])
    .map(markdownOf)
    .filter((s) => s.trim() !== '')
  if (contents.length === 0) return null
  const data: HoverData = { contents }
  if (result.range) data.range = toRange(result.range)
  return data
}

function markdownOf(content: MarkedString | MarkupContent): string {
  if (typeof content === 'string') return content
  if ('kind' in content) return content.value
  return '```' + content.language + '\n' + content.value + '\n```'
}

// ---------------------------------------------------------------------------------------------
// Format document

/**
 * Edits that format the whole text: JSON with the JSON service's formatter (works on partly
 * broken text too), YAML by re-printing the parsed document in block style (comments kept); a
 * YAML text with syntax errors is left alone. Edits are minimal (diffText), so the cursor stays put.
 */
export function formatText(
  text: string,
  format: CodeFormat,
  options: { tabSize: number; insertSpaces: boolean },
): TextEditData[] {
  let formatted: string
  if (format === 'json') {
    const { document } = parse(text, 'json')
    const edits = languageService().format(document, undefined as unknown as LspRange, options)
    formatted = TextDocument.applyEdits(document, edits)
    if (!formatted.endsWith('\n')) formatted += '\n'
  } else {
    const doc = parseDocument(text, { keepSourceTokens: false })
    if (doc.errors.length > 0) return []
    // Block style throughout, as the code view prints YAML.
    visit(doc, {
      Map(_key, node) {
        node.flow = false
      },
      Seq(_key, node) {
        node.flow = false
      },
    })
    formatted = doc.toString({ indent: options.tabSize, lineWidth: 0, indentSeq: true })
  }
  const document = TextDocument.create('inmemory://format', format, 1, text)
  return diffText(text, formatted).map((change) => ({
    range: toRange({
      start: document.positionAt(change.start),
      end: document.positionAt(change.end),
    }),
    text: change.text,
  }))
}

// ---------------------------------------------------------------------------------------------
// YAML completion

/**
 * YAML completion the way the ASL service's own YAML mode does it, with its helpers: the text
 * is first completed into something parseable at the cursor (`Next:` → `Next: ""`), completions
 * are computed on that, then moved back to the user's text and rewritten from JSON syntax to
 * YAML (`"Key": $1` → `Key: $1`, snippets by the service's own converter).
 */
async function completeYaml(
  text: string,
  line: number,
  column: number,
): Promise<{ items: CompletionData[]; incomplete: boolean }> {
  const uri = 'inmemory://stepwise/definition.yaml'
  const document = TextDocument.create(uri, LANGUAGE_ID.yaml, 1, text)
  const position = { line: line - 1, character: column - 1 }
  const prepared = processYamlDocForCompletion(document, position)
  const processed = TextDocument.create(uri, LANGUAGE_ID.yaml, 1, prepared.modifiedDocText)
  const ls = languageService()
  const json = yamlToJsonDocument(prepared.modifiedDocText, ls)
  const at = { ...prepared.tempPositionForCompletions }
  const fromSchema = await ls.doComplete(processed, at, json)
  const where = getOffsetData(document, document.offsetAt(position))
  const list = await completeAsl(processed, prepared.tempPositionForCompletions, json, fromSchema, {
    ignoreColonOffset: true,
    shouldShowStateSnippets: where.isDirectChildOfStates,
    shouldShowErrorSnippets: {
      retry: where.isWithinCatchRetryState && !where.hasRetryPropSibling,
      catch: where.isWithinCatchRetryState && !where.hasCatchPropSibling,
    },
  })
  const range = toRange({
    start: prepared.startPositionForInsertion,
    end: prepared.endPositionForInsertion,
  })
  const items = list.items.map((item): CompletionData => {
    const data = completionData(item)
    if (item.kind === CompletionItemKind.Snippet) {
      return { ...data, insertText: convertJsonSnippetToYaml(data.insertText), range }
    }
    let insertText = jsonToYamlInsert(data.insertText)
    // The JSON service leaves the colon out where the text gives it no JSON context.
    if (data.kind === 'property' && !insertText.includes(':')) insertText += ': '
    if (prepared.shouldPrependSpace && !insertText.startsWith(' ')) insertText = ' ' + insertText
    return { ...data, insertText, range }
  })
  return { items, incomplete: list.isIncomplete }
}

/** `"Key": value` → `Key: value`; `"Name"` → `Name`; JSON snippets keep their tab stops. */
export function jsonToYamlInsert(insert: string): string {
  return insert
    .replace(/"((?:[^"\\$]|\\.)*)"(\s*:)/g, '$1$2')
    .replace(/^(\s*)"((?:[^"\\$]|\\.)*)"(,?)$/, '$1$2')
    .replace(/,\s*$/, '')
}
