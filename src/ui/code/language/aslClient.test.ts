import { describe, expect, it } from 'vitest'
import { AslLanguageClient, type LanguageWorkerLike } from './aslClient'
import type { LanguageRequest, LanguageResponse } from './protocol'

class FakeWorker implements LanguageWorkerLike {
  sent: LanguageRequest[] = []
  terminated = false
  onmessage: ((event: MessageEvent<LanguageResponse>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  postMessage(message: LanguageRequest) {
    this.sent.push(message)
  }
  terminate() {
    this.terminated = true
  }
  answer(response: LanguageResponse) {
    this.onmessage?.({ data: response } as MessageEvent<LanguageResponse>)
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent)
  }
}

describe('AslLanguageClient', () => {
  it('matches answers to requests by id, whatever their order', async () => {
    const workers: FakeWorker[] = []
    const client = new AslLanguageClient(() => {
      const w = new FakeWorker()
      workers.push(w)
      return w
    })
    const a = client.request({ type: 'hover', text: 'a', format: 'json', line: 1, column: 1 })
    const b = client.request({
      type: 'format',
      text: 'b',
      format: 'json',
      tabSize: 2,
      insertSpaces: true,
    })
    const [w] = workers
    expect(workers).toHaveLength(1)
    expect(w!.sent.map((m) => m.type)).toEqual(['hover', 'format'])
    w!.answer({ id: w!.sent[1]!.id, type: 'format', edits: [] })
    w!.answer({ id: w!.sent[0]!.id, type: 'hover', hover: { contents: ['x'] } })
    await expect(a).resolves.toMatchObject({ hover: { contents: ['x'] } })
    await expect(b).resolves.toMatchObject({ edits: [] })
  })

  it('rejects a failed request, and everything waiting when the worker crashes; the next request gets a new worker', async () => {
    const workers: FakeWorker[] = []
    const client = new AslLanguageClient(() => {
      const w = new FakeWorker()
      workers.push(w)
      return w
    })
    const failed = client.request({ type: 'hover', text: '', format: 'json', line: 1, column: 1 })
    workers[0]!.answer({ id: workers[0]!.sent[0]!.id, type: 'failed', message: 'boom' })
    await expect(failed).rejects.toThrow('boom')

    const waiting = client.request({ type: 'hover', text: '', format: 'json', line: 1, column: 1 })
    workers[0]!.crash('out of memory')
    await expect(waiting).rejects.toThrow(/crashed: out of memory/)
    expect(workers[0]!.terminated).toBe(true)

    void client
      .request({ type: 'hover', text: '', format: 'json', line: 1, column: 1 })
      .catch(() => {})
    expect(workers).toHaveLength(2)
    client.dispose()
    expect(workers[1]!.terminated).toBe(true)
  })
})
