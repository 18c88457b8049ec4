import path from 'node:path'
import { formatDocPath, type Diagnostic } from '../../core/asl/diagnostics'
import type { SourceFormat } from '../../core/asl/parse'
import type { WorkflowType } from '../../core/asl/types'
import { validateText } from '../../core/asl/validate'
import { flag, parseArgs, stringOption } from '../args'
import type { Command } from '../io'
import { UsageError } from '../io'

const HELP = `Usage: stepwise validate [--json] [--type STANDARD|EXPRESS] FILE…

Checks Amazon States Language definitions (JSON, or YAML for .yaml/.yml files) the way AWS
does when it creates a state machine, and explains each problem.

Options:
  --type STANDARD|EXPRESS  the workflow type (default STANDARD); EXPRESS forbids .sync,
                           .waitForTaskToken and activity tasks
  --json                   print a JSON array, one entry per file:
                           {file, valid, diagnostics: [{severity, code, message, path, line, column}]}
                           where path is a JSONPath-like string such as $.States.Charge.Retry[0]
                           and line/column are 1-based (null when unknown)

Output: one line per problem, file:line:col severity code message, then a summary.

Examples:
  stepwise validate workflow.asl.json
  stepwise validate --type EXPRESS --json states/*.json

Exit status: 0 when every file is valid (warnings allowed), 1 when a file has an error,
2 for bad usage or a file that cannot be read.
`

const SPEC = {
  json: { takesValue: false },
  type: { takesValue: true },
  help: { takesValue: false },
} as const

export interface JsonDiagnostic {
  severity: Diagnostic['severity']
  code: string
  message: string
  /** JSONPath-like, e.g. `$.States.Charge.Next`. */
  path: string
  line: number | null
  column: number | null
}

export interface JsonFileResult {
  file: string
  valid: boolean
  diagnostics: JsonDiagnostic[]
  /** Only when the file could not be read. */
  error?: string
}

function formatFor(file: string): SourceFormat | undefined {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.yaml' || ext === '.yml') return 'yaml'
  if (ext === '.json') return 'json'
  return undefined // detected from the text
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  const ao = a.range?.offset ?? -1
  const bo = b.range?.offset ?? -1
  return ao - bo
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export const command: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC)
  if (flag(args, 'help')) {
    io.stdout(HELP)
    return 0
  }
  const typeOption = stringOption(args, 'type')
  let workflowType: WorkflowType = 'STANDARD'
  if (typeOption !== undefined) {
    const upper = typeOption.toUpperCase()
    if (upper !== 'STANDARD' && upper !== 'EXPRESS') {
      throw new UsageError(`--type must be STANDARD or EXPRESS, not '${typeOption}'`)
    }
    workflowType = upper
  }
  const files = args.positional
  if (files.length === 0) throw new UsageError('no FILE given (try: stepwise validate --help)')
  const json = flag(args, 'json')

  const results: JsonFileResult[] = []
  let unreadable = 0
  let invalidFiles = 0
  let errorCount = 0
  let warningCount = 0

  for (const file of files) {
    let text: string
    try {
      text = await io.readFile(path.resolve(io.cwd, file))
    } catch (error) {
      unreadable++
      const reason = error instanceof Error ? error.message : String(error)
      io.stderr(`stepwise validate: cannot read ${file}: ${reason}\n`)
      results.push({ file, valid: false, diagnostics: [], error: `cannot read: ${reason}` })
      continue
    }
    const format = formatFor(file)
    const { diagnostics } = validateText(text, format ? { workflowType, format } : { workflowType })
    diagnostics.sort(byPosition)
    const errors = diagnostics.filter((d) => d.severity === 'error').length
    errorCount += errors
    warningCount += diagnostics.filter((d) => d.severity === 'warning').length
    if (errors > 0) invalidFiles++
    results.push({
      file,
      valid: errors === 0,
      diagnostics: diagnostics.map((d) => ({
        severity: d.severity,
        code: d.code,
        message: d.message,
        path: formatDocPath(d.path),
        line: d.range?.start.line ?? null,
        column: d.range?.start.column ?? null,
      })),
    })
    if (!json) {
      for (const d of diagnostics) {
        const line = d.range?.start.line ?? 1
        const column = d.range?.start.column ?? 1
        io.stdout(`${file}:${line}:${column} ${d.severity} ${d.code} ${d.message}\n`)
      }
    }
  }

  if (json) {
    io.stdout(JSON.stringify(results, null, 2) + '\n')
  } else {
    const checked = files.length - unreadable
    const problems =
      errorCount + warningCount === 0
        ? 'no problems'
        : `${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}`
    const verdict =
      invalidFiles > 0
        ? `; ${plural(invalidFiles, 'file')} invalid`
        : checked > 0
          ? `; ${checked === 1 ? 'valid' : 'all valid'}`
          : ''
    const skipped = unreadable > 0 ? ` (${plural(unreadable, 'file')} could not be read)` : ''
    io.stdout(`Checked ${plural(checked, 'file')}: ${problems}${verdict}${skipped}.\n`)
  }

  if (unreadable > 0) return 2
  return invalidFiles > 0 ? 1 : 0
}
