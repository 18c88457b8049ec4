// Monaco, bundled locally and reached only through the lazily loaded CodeView (never in the first
// chunk, never from a CDN). The lean entry points: the editor core, its standard features (find,
// folding, suggest, hover, format…), the JSON language (tokens and brackets only: diagnostics,
// completion, hovers and formatting come from our language worker) and YAML's tokenizer.

import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import { jsonDefaults } from 'monaco-editor/languages/features/json/register'
import 'monaco-editor/languages/definitions/yaml/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'

// Monaco's own JSON worker is never needed (every worker-backed JSON feature is off below), so
// only the base editor worker is bundled.
self.MonacoEnvironment = {
  getWorker() {
    return new EditorWorker()
  },
}

jsonDefaults.setDiagnosticsOptions({ validate: false, enableSchemaRequest: false })
jsonDefaults.setModeConfiguration({
  tokens: true,
  colors: false,
  completionItems: false,
  hovers: false,
  diagnostics: false,
  documentFormattingEdits: false,
  documentRangeFormattingEdits: false,
  documentSymbols: false,
  foldingRanges: false,
  selectionRanges: false,
})

export { monaco }
