import path from 'node:path'
import { parseText } from '../../core/asl/parse'
import type { JsonObject, JsonValue, StateMachine } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { ExecutionResult, HistoryEvent, MockConfigFile } from '../../core/interpreter'
import { MockConfigError, parseMockConfig, runExecution } from '../../core/interpreter'
import { flag, parseArgs, stringOption } from '../args'
import type { CliIO, Command } from '../io'
import { UsageError } from '../io'

const HELP = `Usage: stepwise run DEFINITION [--input FILE|JSON] [--mocks FILE --test-case NAME]
                    [--name STATE_MACHINE_NAME] [--context FILE|JSON] [--account ID]
                    [--region REGION] [--history] [--json]

Simulates one execution of a state machine (JSON or YAML) the way AWS Step Functions runs it,
with Task results from a MockConfigFile (AWS Step Functions Local's format) and time on a
virtual clock: Waits and retry back-offs take no real time.

Options:
  --input FILE|JSON   the execution input (default {})
  --mocks FILE        a MockConfigFile.json; --test-case picks the test case to run
  --test-case NAME    the test case (its Task state → mocked response mapping); may be left
                      out when the state machine has only one
  --name NAME         the state machine's name: selects the MockConfigFile entry and is
                      $$.StateMachine.Name (default: the only machine in --mocks, else
                      StateMachine)
  --context FILE|JSON a partial context object merged over the defaults, e.g.
                      {"Execution": {"Name": "run-1", "StartTime": "2025-01-01T00:00:00Z"}}
                      (Execution.StartTime also starts the virtual clock)
  --account ID        the AWS account in every ARN (default 123456789012)
  --region REGION     the region in every ARN (default us-east-1)
  --history           also print the execution history (GetExecutionHistory events)
  --json              print one JSON object {status, output?, error?, cause?, history?}

A Task without a mock fails the run with Stepwise.MockNotFound, unless the MockConfigFile says
"Stepwise": {"UnmappedTasks": "passthrough"}. The run starts at the current time unless
--context gives Execution.StartTime.

Examples:
  stepwise run workflow.asl.json --input '{"orderId":"o-1"}'
  stepwise run workflow.asl.json --input input.json --mocks mocks.json --test-case HappyPath
  stepwise run workflow.asl.json --mocks mocks.json --test-case Retry --history --json
  stepwise run workflow.asl.yaml --name Orders --account 111122223333 --region eu-west-1 \\
      --context '{"Execution": {"Name": "run-1", "StartTime": "2025-01-01T00:00:00Z"}}'

Output with --json: {"status": "SUCCEEDED"|"FAILED"|"TIMED_OUT"|"ABORTED", "output"?,
"error"?, "cause"?, "history"? (with --history: GetExecutionHistory events)}.
Exit status: 0 whenever the execution ran (whatever its status), 2 for bad usage or input.
`

const SPEC = {
  input: { takesValue: true },
  mocks: { takesValue: true },
  'test-case': { takesValue: true },
  name: { takesValue: true },
  context: { takesValue: true },
  account: { takesValue: true },
  region: { takesValue: true },
  history: { takesValue: false },
  json: { takesValue: false },
  help: { takesValue: false },
} as const

/** Reads a definition file (JSON or YAML); problems become a UsageError naming the file. */
export async function loadDefinition(io: CliIO, file: string): Promise<JsonObject> {
  let text: string
  try {
    text = await io.readFile(path.resolve(io.cwd, file))
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
  }
  const ext = path.extname(file).toLowerCase()
  const format = ext === '.yaml' || ext === '.yml' ? 'yaml' : ext === '.json' ? 'json' : undefined
  const parsed = format ? parseText(text, format) : parseText(text)
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length || !isJsonObject(parsed.value)) {
    const first = errors[0]
    const where = first?.range
      ? `${file}:${first.range.start.line}:${first.range.start.column}`
      : file
    throw new UsageError(`${where}: ${first?.message ?? 'the definition must be a JSON object'}`)
  }
  return parsed.value
}

/** An option that takes a file or inline JSON: a readable file wins, else the text is JSON. */
export async function loadJsonArgument(
  io: CliIO,
  value: string,
  option: string,
): Promise<JsonValue> {
  let text: string
  try {
    text = await io.readFile(path.resolve(io.cwd, value))
  } catch {
    text = value
  }
  try {
    return JSON.parse(text) as JsonValue
  } catch (error) {
    throw new UsageError(
      `--${option} is neither a readable file nor JSON (${(error as Error).message})`,
    )
  }
}

export async function loadMockConfig(io: CliIO, file: string): Promise<MockConfigFile> {
  let text: string
  try {
    text = await io.readFile(path.resolve(io.cwd, file))
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
  }
  try {
    return parseMockConfig(text)
  } catch (error) {
    if (error instanceof MockConfigError) throw new UsageError(`${file}: ${error.message}`)
    throw error
  }
}

/** The MockConfigFile's state machine to use: --name, else the only one in the file. */
export function machineName(
  config: MockConfigFile | undefined,
  name: string | undefined,
): string | undefined {
  if (name !== undefined || !config) return name
  const names = Object.keys(config.StateMachines ?? {})
  return names.length === 1 ? names[0] : undefined
}

/**
 * The test case to run: --test-case, else the machine's only one. With several and none chosen,
 * running with no mapping would fail every Task, so the user is asked to choose.
 */
function chooseTestCase(
  config: MockConfigFile | undefined,
  name: string | undefined,
  given: string | undefined,
  file: string | undefined,
): string | undefined {
  if (given !== undefined || !config || name === undefined) return given
  const cases = Object.keys(config.StateMachines?.[name]?.TestCases ?? {})
  if (cases.length === 1) return cases[0]
  if (cases.length > 1) {
    throw new UsageError(
      `choose a test case of '${name}' in ${file} with --test-case (one of: ${cases.join(', ')})`,
    )
  }
  return undefined
}

/** Simulated time between two ISO timestamps, e.g. `1h 2m 3.5s`. */
export function duration(from: string, to: string): string {
  let ms = Date.parse(to) - Date.parse(from)
  if (!(ms > 0)) return '0s'
  const parts: string[] = []
  const day = 86_400_000
  for (const [unit, size] of [
    ['d', day],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (ms >= size) {
      parts.push(`${Math.floor(ms / size)}${unit}`)
      ms %= size
    }
  }
  if (ms || !parts.length)
    parts.push(`${ms % 1000 ? (ms / 1000).toFixed(3).replace(/0+$/, '') : ms / 1000}s`)
  return parts.join(' ')
}

/** One line per event: id, time since the start, type, where, and what matters about it. */
export function formatHistory(events: HistoryEvent[]): string {
  if (!events.length) return ''
  const start = Date.parse(events[0]!.timestamp)
  const lines = events.map((e) => {
    const t = `+${((Date.parse(e.timestamp) - start) / 1000).toFixed(3)}s`
    const where = e.statePath.length ? ` ${e.statePath.join(' › ')}` : ''
    return `${String(e.id).padStart(4)}  ${t.padStart(12)}  ${e.type}${where}${eventSummary(e)}`
  })
  return lines.join('\n') + '\n'
}

function eventSummary(e: HistoryEvent): string {
  for (const [key, value] of Object.entries(e)) {
    if (!key.endsWith('EventDetails') || !isJsonObject(value as JsonValue)) continue
    const d = value as Record<string, unknown>
    const bits: string[] = []
    if (typeof d.error === 'string') bits.push(`error=${d.error}`)
    if (typeof d.cause === 'string') bits.push(`cause=${clip(d.cause, 80)}`)
    if (typeof d.index === 'number') bits.push(`index=${d.index}`)
    if (typeof d.length === 'number') bits.push(`length=${d.length}`)
    if (typeof d.output === 'string') bits.push(`output=${clip(d.output, 80)}`)
    else if (typeof d.input === 'string' && !key.startsWith('state'))
      bits.push(`input=${clip(d.input, 80)}`)
    else if (typeof d.parameters === 'string') bits.push(`parameters=${clip(d.parameters, 80)}`)
    return bits.length ? `  ${bits.join(' ')}` : ''
  }
  return ''
}

export function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > width ? flat.slice(0, width - 1) + '…' : flat
}

function hasStartTime(context: JsonValue | undefined): boolean {
  return (
    isJsonObject(context) && isJsonObject(context.Execution) && 'StartTime' in context.Execution
  )
}

export function describeResult(result: ExecutionResult): string {
  const head = `${result.status} after ${result.transitions} transition${result.transitions === 1 ? '' : 's'} (${duration(result.startDate, result.stopDate)} simulated)`
  if (result.status === 'SUCCEEDED') {
    return `${head}\nOutput:\n${JSON.stringify(result.output, null, 2)}\n`
  }
  const error = result.error !== undefined ? `\nError: ${result.error}` : ''
  const cause = result.cause !== undefined ? `\nCause: ${result.cause}` : ''
  return `${head}${error}${cause}\n`
}

export const command: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC)
  if (flag(args, 'help')) {
    io.stdout(HELP)
    return 0
  }
  const [file, ...extra] = args.positional
  if (!file) throw new UsageError('no DEFINITION given (try: stepwise run --help)')
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`)
  const definition = await loadDefinition(io, file)
  const inputArg = stringOption(args, 'input')
  const input = inputArg === undefined ? {} : await loadJsonArgument(io, inputArg, 'input')
  const mocksFile = stringOption(args, 'mocks')
  if (stringOption(args, 'test-case') !== undefined && mocksFile === undefined) {
    throw new UsageError('--test-case needs --mocks (the MockConfigFile it comes from)')
  }
  const config = mocksFile === undefined ? undefined : await loadMockConfig(io, mocksFile)
  const contextArg = stringOption(args, 'context')
  const context =
    contextArg === undefined ? undefined : await loadJsonArgument(io, contextArg, 'context')
  if (context !== undefined && !isJsonObject(context)) {
    throw new UsageError('--context must be a JSON object (a partial context object)')
  }
  const name = machineName(config, stringOption(args, 'name'))
  const testCase = chooseTestCase(config, name, stringOption(args, 'test-case'), mocksFile)
  const wantHistory = flag(args, 'history')
  const history: HistoryEvent[] = []
  let result: ExecutionResult
  try {
    result = await runExecution(definition as unknown as StateMachine, input, {
      mocks: config ? { config, stateMachineName: name, testCase } : undefined,
      stateMachineName: name,
      context,
      accountId: stringOption(args, 'account'),
      region: stringOption(args, 'region'),
      // Real "now" unless the context says when the execution started.
      startTime: hasStartTime(context) ? undefined : Date.now(),
      onEvent: wantHistory ? (e) => history.push(e) : undefined,
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (flag(args, 'json')) {
    const out: Record<string, unknown> = { status: result.status }
    if (result.output !== undefined) out.output = result.output
    if (result.error !== undefined) out.error = result.error
    if (result.cause !== undefined) out.cause = result.cause
    if (wantHistory) out.history = history
    io.stdout(JSON.stringify(out, null, 2) + '\n')
    return 0
  }
  io.stdout(describeResult(result))
  if (wantHistory) io.stdout(`\nHistory (${history.length} events):\n${formatHistory(history)}`)
  return 0
}
