import path from 'node:path'
import type { SourceFormat } from '../../core/asl/parse'
import { parseText } from '../../core/asl/parse'
import { printJson, printYaml } from '../../core/asl/print'
import type { JsonObject, JsonValue } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { JsonDifference } from '../../core/graph/jsonDiff'
import { firstDifference, formatLocation } from '../../core/graph/jsonDiff'
import { getIn } from '../../core/graph/json'
import { aslToGraph, graphToAsl } from '../../core/graph/model'
import { flag, parseArgs } from '../args'
import type { Command } from '../io'
import { UsageError } from '../io'

const HELP = `Usage: stepwise roundtrip [--json] FILE…

Opens each Amazon States Language definition (JSON, or YAML for .yaml/.yml files) the way the
designer does — into Stepwise's graph model — saves it back, and compares the result with what
was read, key order included; then prints it in the file's format, reads that text again and
compares once more. This is how you learn that Stepwise can open and save your file without
changing it (invalid definitions included: the designer holds broken work as it is).

Output: one line per file, FILE: ok, or FILE: the first difference, with its location
(JSONPath-like, e.g. $.States['Check stock'].Next) and both values.

Options:
  --json  print a JSON array, one entry per file:
          {file, ok, difference?: {stage, kind, location, expected?, actual?}, error?}
          stage is parse (a number beyond double precision changes when read),
          graph (open and save) or print (save as text and read again);
          kind is value, missing, extra, key-order or length

Examples:
  stepwise roundtrip workflow.asl.json
  stepwise roundtrip --json definitions/*.yaml

Exit status: 0 when every file comes back unchanged, 1 when one differs, 2 for bad usage or a
file that cannot be read or parsed.
`

const SPEC = {
  json: { takesValue: false },
  help: { takesValue: false },
} as const

export type RoundtripStage = 'parse' | 'graph' | 'print'

export interface RoundtripDifference {
  stage: RoundtripStage
  kind: JsonDifference['kind']
  location: string
  expected?: JsonValue
  actual?: JsonValue
}

export interface RoundtripFileResult {
  file: string
  ok: boolean
  difference?: RoundtripDifference
  /** Only when the file could not be read or parsed. */
  error?: string
}

/** What a round trip does to a definition; replaceable so tests can make it lossy. */
export interface RoundtripSteps {
  /** Open in the graph model and save back. */
  graph(definition: JsonObject): JsonValue
  /** Print in the file's format and parse again (undefined when it does not parse). */
  print(value: JsonValue, format: SourceFormat): JsonValue | undefined
}

export const DEFAULT_STEPS: RoundtripSteps = {
  graph: (definition) => graphToAsl(aslToGraph(definition)),
  print: (value, format) => {
    const text = format === 'yaml' ? printYaml(value) : printJson(value)
    return parseText(text, format).value
  },
}

function formatFor(file: string): SourceFormat | undefined {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.yaml' || ext === '.yml') return 'yaml'
  if (ext === '.json') return 'json'
  return undefined // detected from the text
}

const TOP_LEVEL = (value: JsonValue | undefined) =>
  value === undefined
    ? 'nothing'
    : Array.isArray(value)
      ? 'an array'
      : value === null
        ? 'null'
        : `a ${typeof value}`

function show(value: JsonValue | undefined): string {
  const text = JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** One line describing a difference, for people. */
export function describeDifference(difference: RoundtripDifference): string {
  if (difference.stage === 'parse') {
    return `${difference.location} changes when read: the number ${String(difference.expected)} is beyond double precision and reads as ${show(difference.actual)}`
  }
  const where = `${difference.location}${difference.stage === 'print' ? ' (after printing)' : ''}`
  switch (difference.kind) {
    case 'missing':
      return `${where} is missing after the round trip (was ${show(difference.expected)})`
    case 'extra':
      return `${where} was added by the round trip (${show(difference.actual)})`
    case 'key-order':
      return `${where} has its keys in another order: expected ${show(difference.expected)}, got ${show(difference.actual)}`
    case 'length':
      return `${where} has ${show(difference.actual)} items instead of ${show(difference.expected)}`
    case 'value':
      return `${where} changed: expected ${show(difference.expected)}, got ${show(difference.actual)}`
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** The command, over the given steps (the real ones unless a test says otherwise). */
export function createRoundtripCommand(steps: RoundtripSteps = DEFAULT_STEPS): Command {
  return async (argv, io) => {
    const args = parseArgs(argv, SPEC)
    if (flag(args, 'help')) {
      io.stdout(HELP)
      return 0
    }
    const files = args.positional
    if (files.length === 0) throw new UsageError('no FILE given (try: stepwise roundtrip --help)')
    const json = flag(args, 'json')
    const results: RoundtripFileResult[] = []

    const fail = (file: string, error: string) => {
      io.stderr(`stepwise roundtrip: ${file}: ${error}\n`)
      results.push({ file, ok: false, error })
    }

    for (const file of files) {
      let text: string
      try {
        text = await io.readFile(path.resolve(io.cwd, file))
      } catch (error) {
        fail(file, `cannot read: ${error instanceof Error ? error.message : String(error)}`)
        continue
      }
      const parsed = parseText(text, formatFor(file))
      const syntax = parsed.diagnostics.find((d) => d.severity === 'error')
      if (syntax || parsed.value === undefined) {
        const at = syntax?.range ? `${syntax.range.start.line}:${syntax.range.start.column}: ` : ''
        fail(file, `cannot parse: ${at}${syntax?.message ?? 'no value'}`)
        continue
      }
      if (!isJsonObject(parsed.value)) {
        fail(file, `not a state machine: the document is ${TOP_LEVEL(parsed.value)}, not an object`)
        continue
      }
      const original = parsed.value
      let difference: RoundtripDifference | undefined
      // A number a double cannot hold is already changed by reading it; no later stage sees it.
      const precision = parsed.diagnostics.find((d) => d.code === 'NUMBER_PRECISION')
      const saved = steps.graph(original)
      const graphDifference = firstDifference(original, saved)
      if (precision) {
        const value = getIn(original, precision.path)
        difference = { stage: 'parse', kind: 'value', location: formatLocation(precision.path) }
        if (precision.range) {
          difference.expected = text.slice(precision.range.offset, precision.range.endOffset)
        }
        if (value !== undefined) difference.actual = value
      } else if (graphDifference) {
        difference = { stage: 'graph', ...publicDifference(graphDifference) }
      } else {
        const reread = steps.print(saved, parsed.format)
        const printDifference =
          reread === undefined
            ? { kind: 'value' as const, path: [], location: '$', expected: original }
            : firstDifference(original, reread)
        if (printDifference) difference = { stage: 'print', ...publicDifference(printDifference) }
      }
      results.push(difference ? { file, ok: false, difference } : { file, ok: true })
      if (!json) io.stdout(`${file}: ${difference ? describeDifference(difference) : 'ok'}\n`)
    }

    if (json) {
      io.stdout(JSON.stringify(results, null, 2) + '\n')
    } else if (files.length > 1) {
      const changed = results.filter((r) => r.difference).length
      const failed = results.filter((r) => r.error).length
      const checked = files.length - failed
      const verdict =
        changed === 0
          ? checked > 0
            ? 'all unchanged'
            : 'none read'
          : `${plural(changed, 'file')} changed`
      const skipped = failed > 0 ? ` (${plural(failed, 'file')} could not be read or parsed)` : ''
      io.stdout(`Round-tripped ${plural(checked, 'file')}: ${verdict}${skipped}.\n`)
    }

    if (results.some((r) => r.error)) return 2
    return results.some((r) => r.difference) ? 1 : 0
  }
}

function publicDifference(difference: JsonDifference): Omit<RoundtripDifference, 'stage'> {
  const out: Omit<RoundtripDifference, 'stage'> = {
    kind: difference.kind,
    location: difference.location,
  }
  if (difference.expected !== undefined) out.expected = difference.expected
  if (difference.actual !== undefined) out.actual = difference.actual
  return out
}

export const command: Command = createRoundtripCommand()
