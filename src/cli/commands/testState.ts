import type { JsonValue, State, StateMachine } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { InspectionLevel, TestStateMock, TestStateResult } from '../../core/interpreter'
import { testState } from '../../core/interpreter'
import { flag, parseArgs, stringOption } from '../args'
import type { Command } from '../io'
import { UsageError } from '../io'
import { loadDefinition, loadJsonArgument } from './run'

const HELP = `Usage: stepwise test-state DEFINITION [--state NAME] [--input FILE|JSON]
                           [--mock FILE|JSON] [--inspection-level INFO|DEBUG|TRACE]
                           [--variables FILE|JSON] [--context FILE|JSON] [--json]

Evaluates one state the way AWS's TestState API does: its status (SUCCEEDED, FAILED,
CAUGHT_ERROR or RETRIABLE), output, error, cause and next state, and at DEBUG the values it
passed through (afterInputPath, afterParameters, result, afterResultSelector,
afterResultPath, …).

DEFINITION is a state machine (choose the state with --state) or a single state's definition.

Options:
  --state NAME            the state to evaluate (required for a state machine)
  --input FILE|JSON       the state's input (default {})
  --mock FILE|JSON        the result of a Task, Map or Parallel state, as TestState takes it:
                          {"result": <JSON or JSON text>} or
                          {"errorOutput": {"error": …, "cause": …}}
  --inspection-level L    INFO (default), DEBUG (adds inspectionData: afterInputPath,
                          afterParameters, result, afterResultSelector, afterResultPath, …)
                          or TRACE (as DEBUG: Stepwise sends no HTTP request to trace)
  --variables FILE|JSON   variables in scope, e.g. {"limit": 10}
  --context FILE|JSON     the whole context object the state sees ($$), as TestState's
                          context (it replaces the default one)
  --json                  print the result as JSON, shaped like TestState's response

Examples:
  stepwise test-state workflow.asl.json --state Charge --input '{"total":5}'
  stepwise test-state workflow.asl.json --state Charge --input input.json \\
      --mock '{"result": {"receipt": "r-1"}}' --inspection-level DEBUG
  stepwise test-state workflow.asl.json --state Charge \\
      --mock '{"errorOutput": {"error": "Throttled", "cause": "slow down"}}' --json
  stepwise test-state state.json --variables '{"limit": 10}' --context '{"Execution": {"Id": "x"}}'

Exit status: 0 when the state was evaluated (whatever its status), 2 for bad usage.
`

const SPEC = {
  state: { takesValue: true },
  input: { takesValue: true },
  mock: { takesValue: true },
  'inspection-level': { takesValue: true },
  variables: { takesValue: true },
  context: { takesValue: true },
  json: { takesValue: false },
  help: { takesValue: false },
} as const

const LEVELS = ['INFO', 'DEBUG', 'TRACE'] as const

function parseMock(value: JsonValue): TestStateMock {
  if (!isJsonObject(value) || (!('result' in value) && !('errorOutput' in value))) {
    throw new UsageError(
      '--mock must be {"result": …} or {"errorOutput": {"error": …, "cause": …}}',
    )
  }
  const mock: TestStateMock = {}
  if ('result' in value) mock.result = value.result
  if ('errorOutput' in value) {
    const e = value.errorOutput
    if (!isJsonObject(e)) throw new UsageError('--mock errorOutput must be an object')
    mock.errorOutput = {
      error: typeof e.error === 'string' ? e.error : undefined,
      cause: typeof e.cause === 'string' ? e.cause : undefined,
    }
  }
  return mock
}

function describe(result: TestStateResult): string {
  const lines = [`Status: ${result.status}`]
  if (result.nextState !== undefined) lines.push(`Next state: ${result.nextState}`)
  if (result.error !== undefined) lines.push(`Error: ${result.error}`)
  if (result.cause !== undefined) lines.push(`Cause: ${result.cause}`)
  if (result.output !== undefined) lines.push(`Output:\n${JSON.stringify(result.output, null, 2)}`)
  const data = result.inspectionData
  if (data) {
    lines.push('Inspection data:')
    for (const [key, value] of Object.entries(data)) {
      lines.push(`  ${key}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`)
    }
  }
  return lines.join('\n') + '\n'
}

export const command: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC)
  if (flag(args, 'help')) {
    io.stdout(HELP)
    return 0
  }
  const [file, ...extra] = args.positional
  if (!file) throw new UsageError('no DEFINITION given (try: stepwise test-state --help)')
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`)
  const definition = await loadDefinition(io, file)
  const stateName = stringOption(args, 'state')
  const isMachine = isJsonObject(definition.States)
  if (isMachine && stateName === undefined) {
    const names = Object.keys(definition.States as object)
    throw new UsageError(
      `--state NAME is required for a state machine (its states: ${names.join(', ')})`,
    )
  }
  if (!isMachine && typeof definition.Type !== 'string') {
    throw new UsageError(`${file} is neither a state machine (States) nor a state (Type)`)
  }
  const level = (stringOption(args, 'inspection-level') ?? 'INFO').toUpperCase()
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--inspection-level must be INFO, DEBUG or TRACE, not '${level}'`)
  }
  const input = await optionalJson(args, 'input')
  const mockArg = await optionalJson(args, 'mock')
  const variables = await optionalJson(args, 'variables')
  const context = await optionalJson(args, 'context')
  for (const [name, value] of [
    ['variables', variables],
    ['context', context],
  ] as const) {
    if (value !== undefined && !isJsonObject(value))
      throw new UsageError(`--${name} must be a JSON object`)
  }
  const target = isMachine
    ? { definition: definition as unknown as StateMachine, stateName: stateName! }
    : (definition as unknown as State)
  let result: TestStateResult
  try {
    result = await testState(target, input ?? {}, {
      mock: mockArg === undefined ? undefined : parseMock(mockArg),
      inspectionLevel: level as InspectionLevel,
      variables: variables as Record<string, JsonValue> | undefined,
      context: context as Record<string, JsonValue> | undefined,
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  io.stdout(flag(args, 'json') ? JSON.stringify(result, null, 2) + '\n' : describe(result))
  return 0

  async function optionalJson(
    parsed: typeof args,
    option: 'input' | 'mock' | 'variables' | 'context',
  ): Promise<JsonValue | undefined> {
    const value = stringOption(parsed, option)
    return value === undefined ? undefined : loadJsonArgument(io, value, option)
  }
}
