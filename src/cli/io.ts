// What a command may touch: its arguments, the two output streams and the file system, so that
// commands can be tested in-process with captured output.
export interface CliIO {
  stdout(text: string): void
  stderr(text: string): void
  readFile(path: string): Promise<string>
  cwd: string
}

export type Command = (argv: string[], io: CliIO) => Promise<number>

export class UsageError extends Error {}
