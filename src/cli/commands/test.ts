import type { JsonValue, StateMachine } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { ExecutionResult, HistoryEvent } from '../../core/interpreter'
import { mockTestCases, runExecution } from '../../core/interpreter'
import { flag, parseArgs, stringOption } from '../args'
import type { Command } from '../io'
import { UsageError } from '../io'
import { clip, loadDefinition, loadJsonArgument, loadMockConfig, machineName } from './run'

const HELP = `Usage: stepwise test DEFINITION --mocks FILE [--name NAME] [--expect FILE]
                     [--input FILE|JSON] [--json]

Runs every test case of the state machine in a MockConfigFile (AWS Step Functions Local's
format) and prints a table: test case, status, the path taken, the output or error.

Options:
  --mocks FILE        the MockConfigFile.json
  --name NAME         its state machine to test (default: the only one in the file)
  --expect FILE       expected outcomes; any difference fails the command (exit 1)
  --input FILE|JSON   the input of every test case (default {}; the expectations file may
                      give one per test case)
  --json              print a JSON array, one object per test case

Expectations file (JSON; every field optional):
  {
    "input": {...},                          input of every test case
    "testCases": {
      "HappyPath": {
        "input": {...},                      this test case's input
        "status": "SUCCEEDED",               SUCCEEDED | FAILED | TIMED_OUT | ABORTED
        "output": {...},                     equal as JSON (key order does not matter)
        "error": "States.TaskFailed",
        "cause": "...",
        "path": ["Validate", "Charge"]       the top-level states entered, in order
      }
    }
  }

Examples:
  stepwise test workflow.asl.json --mocks mocks.json
  stepwise test workflow.asl.json --mocks mocks.json --name Orders --expect expected.json
  stepwise test workflow.asl.json --mocks mocks.json --input '{"orderId":"o-1"}' --json

Exit status: 0 when every expectation holds (or none is given), 1 when one does not,
2 for bad usage or unreadable files.
`

const SPEC = {
  mocks: { takesValue: true },
  name: { takesValue: true },
  expect: { takesValue: true },
  input: { takesValue: true },
  json: { takesValue: false },
  help: { takesValue: false },
} as const

interface Expectation {
  input?: JsonValue
  status?: string
  output?: JsonValue
  error?: string
  cause?: string
  path?: string[]
}

interface Expectations {
  input?: JsonValue
  testCases: Record<string, Expectation>
}

interface CaseReport {
  testCase: string
  status: ExecutionResult['status']
  output?: JsonValue
  error?: string
  cause?: string
  path: string[]
  /** Null when no expectation was given for the test case. */
  passed: boolean | null
  problems: string[]
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => sameJson(v, b[i]))
    )
  }
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]))
}

function parseExpectations(value: JsonValue, file: string): Expectations {
  if (!isJsonObject(value)) throw new UsageError(`${file}: must be a JSON object`)
  const cases = value.testCases ?? {}
  if (!isJsonObject(cases)) throw new UsageError(`${file}: testCases must be an object`)
  const testCases: Record<string, Expectation> = {}
  for (const [name, e] of Object.entries(cases)) {
    if (!isJsonObject(e)) throw new UsageError(`${file}: testCases.${name} must be an object`)
    const path = e.path
    if (path !== undefined && !(Array.isArray(path) && path.every((p) => typeof p === 'string'))) {
      throw new UsageError(`${file}: testCases.${name}.path must be a list of state names`)
    }
    for (const key of ['status', 'error', 'cause'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'string') {
        throw new UsageError(`${file}: testCases.${name}.${key} must be a string`)
      }
    }
    testCases[name] = e as Expectation
  }
  return { input: value.input, testCases }
}

function check(report: CaseReport, e: Expectation): string[] {
  const problems: string[] = []
  if (e.status !== undefined && e.status !== report.status) {
    problems.push(`status: expected ${e.status}, got ${report.status}`)
  }
  if ('output' in e && !sameJson(e.output, report.output)) {
    problems.push(
      `output: expected ${clip(JSON.stringify(e.output) ?? 'undefined', 60)}, got ${clip(JSON.stringify(report.output) ?? 'undefined', 60)}`,
    )
  }
  if (e.error !== undefined && e.error !== report.error) {
    problems.push(`error: expected ${e.error}, got ${report.error ?? 'none'}`)
  }
  if (e.cause !== undefined && e.cause !== report.cause) {
    problems.push(`cause: expected ${clip(e.cause, 60)}, got ${clip(report.cause ?? 'none', 60)}`)
  }
  if (e.path !== undefined && !sameJson(e.path, report.path)) {
    problems.push(`path: expected ${e.path.join(' → ')}, got ${report.path.join(' → ')}`)
  }
  return problems
}

/** Renders rows as a plain-text table (columns padded to their widest cell). */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  )
}

export const command: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC)
  if (flag(args, 'help')) {
    io.stdout(HELP)
    return 0
  }
  const [file, ...extra] = args.positional
  if (!file) throw new UsageError('no DEFINITION given (try: stepwise test --help)')
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`)
  const mocksFile = stringOption(args, 'mocks')
  if (!mocksFile)
    throw new UsageError('--mocks FILE is required (the MockConfigFile with the test cases)')
  const definition = (await loadDefinition(io, file)) as unknown as StateMachine
  const config = await loadMockConfig(io, mocksFile)
  const machines = Object.keys(config.StateMachines ?? {})
  const name = machineName(config, stringOption(args, 'name'))
  if (name === undefined) {
    throw new UsageError(
      `${mocksFile} has ${machines.length ? `several state machines (${machines.join(', ')})` : 'no state machine'}: choose one with --name`,
    )
  }
  if (!config.StateMachines?.[name]) {
    throw new UsageError(
      `${mocksFile} has no state machine '${name}' (it has: ${machines.join(', ') || 'none'})`,
    )
  }
  const expectFile = stringOption(args, 'expect')
  const expectations = expectFile
    ? parseExpectations(await loadJsonArgument(io, expectFile, 'expect'), expectFile)
    : { testCases: {} }
  const inputArg = stringOption(args, 'input')
  const commonInput =
    inputArg !== undefined
      ? await loadJsonArgument(io, inputArg, 'input')
      : (expectations.input ?? {})
  const testCases = mockTestCases(config, name)
  const reports: CaseReport[] = []
  for (const testCase of testCases) {
    const expectation = expectations.testCases[testCase]
    const entered: string[] = []
    const result = await runExecution(definition, expectation?.input ?? commonInput, {
      mocks: { config, stateMachineName: name, testCase },
      stateMachineName: name,
      startTime: Date.now(),
      onEvent: (e: HistoryEvent) => {
        if (e.type.endsWith('StateEntered') && e.statePath.length === 1) {
          entered.push(String(e.statePath[0]))
        }
      },
    })
    const report: CaseReport = {
      testCase,
      status: result.status,
      path: entered,
      passed: null,
      problems: [],
    }
    if (result.output !== undefined) report.output = result.output
    if (result.error !== undefined) report.error = result.error
    if (result.cause !== undefined) report.cause = result.cause
    if (expectation) {
      report.problems = check(report, expectation)
      report.passed = report.problems.length === 0
    }
    reports.push(report)
  }
  for (const missing of Object.keys(expectations.testCases)) {
    if (!testCases.includes(missing)) {
      reports.push({
        testCase: missing,
        status: 'FAILED',
        path: [],
        passed: false,
        problems: [`no test case '${missing}' for state machine '${name}' in ${mocksFile}`],
      })
    }
  }
  const failed = reports.filter((r) => r.passed === false).length
  if (flag(args, 'json')) {
    io.stdout(JSON.stringify(reports, null, 2) + '\n')
    return failed ? 1 : 0
  }
  if (!reports.length) {
    io.stdout(`State machine '${name}' has no test cases in ${mocksFile}.\n`)
    return 0
  }
  const rows = [['Test case', 'Status', 'Path taken', 'Output / error', 'Expected']]
  for (const r of reports) {
    const outcome =
      r.status === 'SUCCEEDED'
        ? (JSON.stringify(r.output) ?? '')
        : `${r.error ?? ''}${r.cause !== undefined ? `: ${r.cause}` : ''}`
    rows.push([
      r.testCase,
      r.status,
      clip(r.path.join(' → '), 48),
      clip(outcome, 48),
      r.passed === null ? '-' : r.passed ? 'ok' : 'FAIL',
    ])
  }
  io.stdout(table(rows))
  for (const r of reports) {
    for (const p of r.problems) io.stdout(`  ✗ ${r.testCase}: ${p}\n`)
  }
  const checked = reports.filter((r) => r.passed !== null).length
  io.stdout(
    `\n${reports.length} test case${reports.length === 1 ? '' : 's'} run` +
      (checked ? `; ${checked - failed} of ${checked} met their expectations.\n` : '.\n'),
  )
  return failed ? 1 : 0
}
