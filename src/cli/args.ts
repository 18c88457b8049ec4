import { UsageError } from './io'

export interface OptionSpec {
  /** `--name VALUE` when true, a boolean flag otherwise. */
  takesValue: boolean
  /** May be given more than once (values collect into an array). */
  repeatable?: boolean
}

export interface ParsedArgs {
  positional: string[]
  options: Map<string, string | true>
  repeated: Map<string, string[]>
}

/** Parses `--flag`, `--name value` and `--name=value`; `--` ends the options. */
export function parseArgs(argv: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const positional: string[] = []
  const options = new Map<string, string | true>()
  const repeated = new Map<string, string[]>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      positional.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq === -1 ? undefined : eq)
    const option = spec[name]
    if (!option) throw new UsageError(`unknown option --${name}`)
    let value: string | true = true
    if (option.takesValue) {
      if (eq !== -1) value = arg.slice(eq + 1)
      else if (i + 1 < argv.length) value = argv[++i]!
      else throw new UsageError(`--${name} needs a value`)
    } else if (eq !== -1) {
      throw new UsageError(`--${name} takes no value`)
    }
    if (option.repeatable && typeof value === 'string') {
      repeated.set(name, [...(repeated.get(name) ?? []), value])
    }
    options.set(name, value)
  }
  return { positional, options, repeated }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name)
  return typeof v === 'string' ? v : undefined
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true
}
