import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../core/asl/types'
import type { CliIO } from '../io'
import { main } from '../main'
import type { RoundtripFileResult, RoundtripSteps } from './roundtrip'
import { DEFAULT_STEPS, createRoundtripCommand } from './roundtrip'

const FILES: Record<string, string> = {
  '/work/ok.asl.json':
    '{"Comment":"c","StartAt":"A","States":{"A":{"Type":"Pass","XFuture":1,"Next":"B"},"B":{"Type":"Succeed"}}}',
  '/work/broken-but-readable.json': '{"States":{"A":{"Next":"Nowhere","Type":"Pass"}}}',
  '/work/flow.yaml':
    'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Comment: "yes"\n',
  '/work/syntax.json': '{"StartAt": "A",}',
  '/work/list.json': '[1, 2]',
  '/work/big.json':
    '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"id":12345678901234567890},"End":true}}}',
}

function fakeIO(files: Record<string, string> = FILES): CliIO & { out: string; err: string } {
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
      const text = files[file]
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${file}'`)
      return text
    },
  }
  return io
}

async function run(...argv: string[]) {
  const io = fakeIO()
  const code = await main(['roundtrip', ...argv], io)
  return { code, out: io.out, err: io.err }
}

/** The real steps, but the graph stage loses something, as a buggy model would. */
function lossy(change: (definition: JsonObject) => JsonObject): RoundtripSteps {
  return {
    ...DEFAULT_STEPS,
    graph: (definition) => change(DEFAULT_STEPS.graph(definition) as JsonObject),
  }
}

async function runWith(steps: RoundtripSteps, ...argv: string[]) {
  const io = fakeIO()
  const code = await createRoundtripCommand(steps)(argv, io)
  return { code, out: io.out, err: io.err }
}

describe('stepwise roundtrip', () => {
  it('says ok for files that come back unchanged, valid or not, JSON or YAML', async () => {
    const { code, out, err } = await run('ok.asl.json', 'broken-but-readable.json', 'flow.yaml')
    expect(err).toBe('')
    expect(out).toBe(
      'ok.asl.json: ok\nbroken-but-readable.json: ok\nflow.yaml: ok\nRound-tripped 3 files: all unchanged.\n',
    )
    expect(code).toBe(0)
    expect((await run('ok.asl.json')).out).toBe('ok.asl.json: ok\n')
  })

  it('prints --json results', async () => {
    const { code, out } = await run('--json', 'ok.asl.json', 'flow.yaml')
    expect(code).toBe(0)
    expect(JSON.parse(out)).toEqual([
      { file: 'ok.asl.json', ok: true },
      { file: 'flow.yaml', ok: true },
    ])
  })

  it('reports the first difference with its location and both values, and exits 1', async () => {
    const renamed = lossy((d) => ({
      ...d,
      States: { ...(d.States as JsonObject), A: { Type: 'Pass', XFuture: 2, Next: 'B' } },
    }))
    const { code, out } = await runWith(renamed, 'ok.asl.json')
    expect(out).toBe('ok.asl.json: $.States.A.XFuture changed: expected 1, got 2\n')
    expect(code).toBe(1)

    const reordered = lossy(({ StartAt, ...rest }) => ({ ...rest, StartAt }))
    const json = await runWith(reordered, '--json', 'ok.asl.json', 'flow.yaml')
    expect(json.code).toBe(1)
    const results = JSON.parse(json.out) as RoundtripFileResult[]
    expect(results[0]).toEqual({
      file: 'ok.asl.json',
      ok: false,
      difference: {
        stage: 'graph',
        kind: 'key-order',
        location: '$',
        expected: ['Comment', 'StartAt', 'States'],
        actual: ['Comment', 'States', 'StartAt'],
      },
    })
    expect(results[1]!.difference?.kind).toBe('key-order')

    const dropped = lossy(({ Comment: _, ...rest }) => rest)
    expect((await runWith(dropped, 'ok.asl.json')).out).toBe(
      'ok.asl.json: $.Comment is missing after the round trip (was "c")\n',
    )
  })

  it('reports numbers that change when read (beyond double precision)', async () => {
    const { code, out } = await run('big.json')
    expect(code).toBe(1)
    expect(out).toBe(
      'big.json: $.States.A.Result.id changes when read: the number 12345678901234567890 is beyond double precision and reads as 12345678901234567000\n',
    )
    const json = JSON.parse((await run('--json', 'big.json')).out) as RoundtripFileResult[]
    expect(json[0]!.difference).toEqual({
      stage: 'parse',
      kind: 'value',
      location: '$.States.A.Result.id',
      expected: '12345678901234567890',
      actual: 12345678901234567000,
    })
  })

  it('checks the printed text too', async () => {
    const badPrinter: RoundtripSteps = { ...DEFAULT_STEPS, print: () => ({ StartAt: 'A' }) }
    const { code, out } = await runWith(badPrinter, 'flow.yaml')
    expect(code).toBe(1)
    expect(out).toBe(
      'flow.yaml: $.States (after printing) is missing after the round trip (was {"A":{"Type":"Pass","End":true,"Comment":"yes"}})\n',
    )
    const unparseable: RoundtripSteps = { ...DEFAULT_STEPS, print: () => undefined }
    expect((await runWith(unparseable, '--json', 'flow.yaml')).out).toContain('"stage": "print"')
  })

  it('exits 2 with a clear message for files it cannot read or parse', async () => {
    const { code, out, err } = await run('ok.asl.json', 'missing.json', 'syntax.json', 'list.json')
    expect(code).toBe(2)
    expect(err).toContain('stepwise roundtrip: missing.json: cannot read: ENOENT')
    expect(err).toMatch(/stepwise roundtrip: syntax\.json: cannot parse: 1:\d+: /)
    expect(err).toContain(
      'stepwise roundtrip: list.json: not a state machine: the document is an array, not an object',
    )
    expect(out).toBe(
      'ok.asl.json: ok\nRound-tripped 1 file: all unchanged (3 files could not be read or parsed).\n',
    )
    const json = await run('--json', 'syntax.json')
    expect(JSON.parse(json.out)[0]).toMatchObject({
      file: 'syntax.json',
      ok: false,
      error: expect.stringMatching(/^cannot parse/),
    })
  })

  it('explains usage', async () => {
    expect((await run()).code).toBe(2)
    expect((await run()).err).toContain('no FILE given')
    const help = await run('--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('Usage: stepwise roundtrip [--json] FILE…')
    expect((await run('--nope', 'x')).err).toContain('unknown option --nope')
  })
})

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const corpusDir = path.resolve(repoRoot, '../shared/corpus')
const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((name) => name.endsWith('.asl.json'))
      .sort()
  : []

describe.skipIf(corpus.length === 0)(`stepwise roundtrip over ${corpusDir}`, () => {
  it('finds every corpus definition unchanged', async () => {
    const io = { ...fakeIO({}), cwd: corpusDir, readFile: (file: string) => readFile(file, 'utf8') }
    let out = ''
    io.stdout = (text: string) => void (out += text)
    const code = await main(['roundtrip', '--json', ...corpus], io)
    const results = JSON.parse(out) as RoundtripFileResult[]
    expect(results.filter((r) => !r.ok)).toEqual([])
    expect(results).toHaveLength(corpus.length)
    expect(code).toBe(0)
  })
})
