import { readFile } from 'node:fs/promises'
import type { CliIO, Command } from './io'
import { UsageError } from './io'

const USAGE = `Usage: stepwise <command> [options]

Commands:
  validate [--json] [--type STANDARD|EXPRESS] FILE…
      Check ASL definitions (JSON or YAML) the way AWS does when it creates a state machine;
      prints file:line:col severity code message. Exit 1 when a file has an error.
  roundtrip [--json] FILE…
      Open each file in Stepwise's graph model and save it back; report any difference.
      Exit 1 when a file would change.
  run DEFINITION [--input FILE|JSON] [--mocks FILE [--test-case NAME]] [--name NAME]
      [--context FILE|JSON] [--account ID] [--region REGION] [--history] [--json]
      Simulate one execution with mocked Tasks on a virtual clock. --json prints
      {status, output?, error?, cause?, history?}. Exit 0 whenever the execution ran.
  test DEFINITION --mocks FILE [--name NAME] [--expect FILE] [--input FILE|JSON] [--json]
      Run every test case of the MockConfigFile and print a table (status, path, output);
      with --expect, exit 1 when an outcome differs from the expected one.
  test-state DEFINITION [--state NAME] [--input FILE|JSON] [--mock FILE|JSON]
      [--inspection-level INFO|DEBUG|TRACE] [--variables FILE|JSON] [--context FILE|JSON] [--json]
      Evaluate one state the way AWS's TestState API does.

Examples:
  stepwise validate --type EXPRESS workflow.asl.json
  stepwise roundtrip workflow.asl.yaml
  stepwise run workflow.asl.json --input '{"orderId":"o-1"}' --mocks mocks.json --test-case HappyPath
  stepwise test workflow.asl.json --mocks mocks.json --expect expected.json
  stepwise test-state workflow.asl.json --state Charge --input '{"total":5}' --inspection-level DEBUG

Exit status: 0 success, 1 a finding (invalid file, changed file, failed expectation), 2 bad usage.
Run \`stepwise <command> --help\` for a command's options and examples.`

// Each command lives in its own module, loaded on demand so `validate` does not pay for the
// interpreter and the other way round.
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  validate: () => import('./commands/validate'),
  roundtrip: () => import('./commands/roundtrip'),
  run: () => import('./commands/run'),
  test: () => import('./commands/test'),
  'test-state': () => import('./commands/testState'),
}

export function nodeIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFile(path, 'utf8'),
    cwd: process.cwd(),
  }
}

export async function main(argv: string[], io: CliIO = nodeIO()): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE + '\n')
    return name ? 0 : 2
  }
  const load = COMMANDS[name]
  if (!load) {
    io.stderr(`stepwise: unknown command '${name}'\n\n${USAGE}\n`)
    return 2
  }
  try {
    const { command } = await load()
    return await command(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`stepwise ${name}: ${error.message}\n`)
      return 2
    }
    throw error
  }
}
