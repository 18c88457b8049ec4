import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { main } from '../main'
import type { CliIO } from '../io'
import type { JsonFileResult } from './validate'

const FILES: Record<string, string> = {
  '/work/ok.asl.json': '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}\n',
  '/work/typo.asl.json': `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "Dnoe" },
    "Done": { "Type": "Succeed" }
  }
}
`,
  '/work/warn.json':
    '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"id": "$.id"}, "End": true}}}',
  '/work/sync.yaml':
    'StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: arn:aws:states:::ecs:runTask.sync\n    End: true\n',
  '/work/broken.json': '{"StartAt": "A",}',
}

function fakeIO(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd: '/work',
    stdout(text: string) {
      io.out += text
    },
    stderr(text: string) {
      io.err += text
    },
    async readFile(file: string) {
      const text = FILES[file]
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${file}'`)
      return text
    },
  }
  return io
}

async function run(...argv: string[]) {
  const io = fakeIO()
  const code = await main(['validate', ...argv], io)
  return { code, out: io.out, err: io.err }
}

describe('stepwise validate', () => {
  it('accepts a valid file', async () => {
    const { code, out } = await run('ok.asl.json')
    expect(code).toBe(0)
    expect(out).toBe('Checked 1 file: no problems; valid.\n')
  })

  it('prints file:line:col severity code message for each problem, then a summary', async () => {
    const { code, out } = await run('ok.asl.json', 'typo.asl.json')
    expect(code).toBe(1)
    const lines = out.trimEnd().split('\n')
    expect(lines).toEqual([
      'typo.asl.json:4:36 error MISSING_TRANSITION_TARGET State "A" (Pass): Next names "Dnoe", but the state machine has no state with that name. Did you mean "Done"?',
      expect.stringMatching(
        /^typo\.asl\.json:5:5 error UNREACHABLE_STATE State "Done" cannot be reached/,
      ),
      'Checked 2 files: 2 errors, 0 warnings; 1 file invalid.',
    ])
  })

  it('exits 0 with warnings only', async () => {
    const { code, out } = await run('warn.json')
    expect(code).toBe(0)
    expect(out).toMatch(/^warn\.json:1:\d+ warning NO_DOLLAR /)
    expect(out).toMatch(/Checked 1 file: 0 errors, 1 warning; valid\.\n$/)
  })

  it('applies --type EXPRESS, and reads YAML', async () => {
    expect((await run('sync.yaml')).code).toBe(0)
    const { code, out } = await run('--type', 'express', 'sync.yaml')
    expect(code).toBe(1)
    expect(out).toMatch(/^sync\.yaml:5:15 error EXPRESS_UNSUPPORTED /)
  })

  it('reports syntax errors with their position', async () => {
    const { code, out } = await run('broken.json')
    expect(code).toBe(1)
    expect(out).toMatch(/^broken\.json:1:16 error JSON_SYNTAX Trailing comma is not allowed/)
  })

  it('prints JSON with --json', async () => {
    const { code, out } = await run('--json', 'ok.asl.json', 'typo.asl.json')
    expect(code).toBe(1)
    const results = JSON.parse(out) as JsonFileResult[]
    expect(results).toHaveLength(2)
    expect(results[0]).toEqual({ file: 'ok.asl.json', valid: true, diagnostics: [] })
    expect(results[1]!.valid).toBe(false)
    expect(results[1]!.diagnostics[0]).toEqual({
      severity: 'error',
      code: 'MISSING_TRANSITION_TARGET',
      message: expect.stringContaining('"Dnoe"'),
      path: '$.States.A.Next',
      line: 4,
      column: 36,
    })
  })

  it('exits 2 and names an unreadable file', async () => {
    const { code, out, err } = await run('ok.asl.json', 'missing.json')
    expect(code).toBe(2)
    expect(err).toContain('stepwise validate: cannot read missing.json: ENOENT')
    expect(out).toBe('Checked 1 file: no problems; valid (1 file could not be read).\n')
  })

  it('exits 2 on bad usage', async () => {
    expect((await run()).code).toBe(2)
    const bad = await run('--type', 'LOCAL', 'ok.asl.json')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--type must be STANDARD or EXPRESS')
    expect((await run('--nope', 'ok.asl.json')).code).toBe(2)
  })

  it('prints help', async () => {
    const { code, out } = await run('--help')
    expect(code).toBe(0)
    expect(out).toContain('Usage: stepwise validate')
  })
})

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const corpusDir = path.resolve(repoRoot, '../shared/corpus')

describe.skipIf(!existsSync(corpusDir))('stepwise validate on the corpus', () => {
  it('finds every corpus file valid', async () => {
    const { readFile } = await import('node:fs/promises')
    const files = readdirSync(corpusDir).filter((f) => f.endsWith('.asl.json'))
    let out = ''
    const code = await main(['validate', '--json', ...files], {
      cwd: corpusDir,
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      readFile: (f) => readFile(f, 'utf8'),
    })
    const results = JSON.parse(out) as JsonFileResult[]
    expect(results.filter((r) => !r.valid).map((r) => r.file)).toEqual([])
    expect(code).toBe(0)
  })
})
