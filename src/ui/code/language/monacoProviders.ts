// Connects Monaco's completion, hover and format-document to the language worker, for the code
// view's model only. Diagnostics are pushed by the code view itself (see CodeView.tsx), because
// they follow every edit rather than a request from Monaco.

import type { monaco as Monaco } from '../monaco'
import type { CodeFormat } from '../../../state/codeStore'
import type { AslLanguageClient } from './aslClient'
import type { CompletionKindName, MarkerData, MarkerLevel, TextRange } from './protocol'

type MonacoApi = typeof Monaco

const LANGUAGES: readonly CodeFormat[] = ['json', 'yaml']

export function registerAslProviders(
  monaco: MonacoApi,
  client: AslLanguageClient,
  isOurs: (model: Monaco.editor.ITextModel) => boolean,
): Monaco.IDisposable {
  const disposables: Monaco.IDisposable[] = []
  for (const language of LANGUAGES) {
    disposables.push(
      monaco.languages.registerCompletionItemProvider(language, {
        triggerCharacters: ['"', ':', ' ', '$', '.'],
        async provideCompletionItems(model, position) {
          if (!isOurs(model)) return undefined
          const version = model.getVersionId()
          const result = await client
            .request({
              type: 'complete',
              text: model.getValue(),
              format: language,
              line: position.lineNumber,
              column: position.column,
            })
            .catch(() => undefined)
          if (!result || model.isDisposed() || model.getVersionId() !== version) return undefined
          const word = model.getWordUntilPosition(position)
          const fallback = new monaco.Range(
            position.lineNumber,
            word.startColumn,
            position.lineNumber,
            word.endColumn,
          )
          return {
            incomplete: result.incomplete,
            suggestions: result.items.map((item) => {
              const suggestion: Monaco.languages.CompletionItem = {
                label: item.label,
                kind: completionKind(monaco, item.kind),
                insertText: item.insertText,
                range:
                  item.range.startLineNumber > 0 ? toMonacoRange(monaco, item.range) : fallback,
              }
              if (item.snippet) {
                suggestion.insertTextRules =
                  monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
              }
              if (item.detail) suggestion.detail = item.detail
              if (item.documentation) suggestion.documentation = { value: item.documentation }
              if (item.filterText) suggestion.filterText = item.filterText
              if (item.sortText) suggestion.sortText = item.sortText
              if (item.retrigger) {
                suggestion.command = { id: 'editor.action.triggerSuggest', title: 'Suggest' }
              }
              return suggestion
            }),
          }
        },
      }),
      monaco.languages.registerHoverProvider(language, {
        async provideHover(model, position) {
          if (!isOurs(model)) return undefined
          const hover = await client
            .request({
              type: 'hover',
              text: model.getValue(),
              format: language,
              line: position.lineNumber,
              column: position.column,
            })
            .then((answer) => answer.hover)
            .catch(() => null)
          if (!hover) return undefined
          const result: Monaco.languages.Hover = {
            contents: hover.contents.map((value) => ({ value })),
          }
          if (hover.range) result.range = toMonacoRange(monaco, hover.range)
          return result
        },
      }),
      monaco.languages.registerDocumentFormattingEditProvider(language, {
        async provideDocumentFormattingEdits(model, options) {
          if (!isOurs(model)) return undefined
          const version = model.getVersionId()
          const edits = await client
            .request({
              type: 'format',
              text: model.getValue(),
              format: language,
              tabSize: options.tabSize,
              insertSpaces: options.insertSpaces,
            })
            .then((answer) => answer.edits)
            .catch(() => undefined)
          if (!edits || model.getVersionId() !== version) return undefined
          return edits.map((edit) => ({
            range: toMonacoRange(monaco, edit.range),
            text: edit.text,
          }))
        },
      }),
    )
  }
  return { dispose: () => disposables.forEach((d) => d.dispose()) }
}

export function toMonacoRange(monaco: MonacoApi, range: TextRange): Monaco.Range {
  return new monaco.Range(
    range.startLineNumber,
    range.startColumn,
    range.endLineNumber,
    range.endColumn,
  )
}

/** Markers for a model; a point (empty range) is widened to one character so it shows. */
export function toMarkers(
  monaco: MonacoApi,
  model: Monaco.editor.ITextModel,
  markers: readonly MarkerData[],
): Monaco.editor.IMarkerData[] {
  return markers.map((marker) => {
    let { startLineNumber, startColumn, endLineNumber, endColumn } = marker
    startLineNumber = Math.min(Math.max(1, startLineNumber), model.getLineCount())
    endLineNumber = Math.min(Math.max(startLineNumber, endLineNumber), model.getLineCount())
    if (startLineNumber === endLineNumber && endColumn <= startColumn) {
      const max = model.getLineMaxColumn(startLineNumber)
      if (startColumn < max) endColumn = startColumn + 1
      else if (startColumn > 1) startColumn -= 1
      else endColumn = startColumn
    }
    const data: Monaco.editor.IMarkerData = {
      severity: markerSeverity(monaco, marker.severity),
      message: marker.message,
      source: marker.source,
      startLineNumber,
      startColumn,
      endLineNumber,
      endColumn,
    }
    if (marker.code) data.code = marker.code
    return data
  })
}

function markerSeverity(monaco: MonacoApi, level: MarkerLevel): Monaco.MarkerSeverity {
  switch (level) {
    case 'error':
      return monaco.MarkerSeverity.Error
    case 'warning':
      return monaco.MarkerSeverity.Warning
    case 'info':
      return monaco.MarkerSeverity.Info
  }
}

function completionKind(
  monaco: MonacoApi,
  kind: CompletionKindName,
): Monaco.languages.CompletionItemKind {
  const kinds = monaco.languages.CompletionItemKind
  switch (kind) {
    case 'property':
      return kinds.Property
    case 'value':
      return kinds.Value
    case 'snippet':
      return kinds.Snippet
    case 'keyword':
      return kinds.Keyword
    case 'function':
      return kinds.Function
    case 'variable':
      return kinds.Variable
    case 'enum':
      return kinds.Enum
    case 'text':
      return kinds.Text
    case 'module':
      return kinds.Module
    case 'field':
      return kinds.Field
    case 'reference':
      return kinds.Reference
  }
}
