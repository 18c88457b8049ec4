import { readFile } from 'node:fs/promises'
import type { CliIO, Command } from './io'
import { UsageError } from './io'

const USAGE = `Usage: stepwise <command> [options]

Commands:
  validate [--json] [--type STANDARD|EXPRESS] FILE…
      Check ASL definitions (JSON or YAML); prints file:line:col severity code message.
  roundtrip [--json] FILE…
      Open each file in Stepwise's graph model and print it back; report any difference.
  run DEFINITION [--input FILE|JSON] [--mocks FILE --test-case NAME] [--name NAME]
      [--context FILE] [--account ID] [--region REGION] [--history] [--json]
      Simulate one execution with mocked Tasks on a virtual clock.
  test DEFINITION --mocks FILE [--name NAME] [--expect FILE] [--json]
      Run every test case of the MockConfigFile and report the outcomes.
  test-state DEFINITION --state NAME [--input FILE|JSON] [--mock JSON]
      [--inspection-level INFO|DEBUG] [--json]
      Evaluate one state the way AWS's TestState API does.

Run \`stepwise <command> --help\` for a command's details.`

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
