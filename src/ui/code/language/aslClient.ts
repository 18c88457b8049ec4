// The main thread's side of the language worker: one long-lived worker, requests matched to
// answers by id. A crashed worker fails what was waiting and is replaced on the next request;
// the editor then simply shows no completions or schema markers for that moment.

import type { LanguageRequest, LanguageResponse } from './protocol'

type Answer<T extends LanguageRequest['type']> = Extract<LanguageResponse, { type: T }>
type RequestOf<T extends LanguageRequest['type']> = Omit<
  Extract<LanguageRequest, { type: T }>,
  'id'
>

/** The part of a Worker the client uses (a fake one in tests). */
export interface LanguageWorkerLike {
  postMessage(message: LanguageRequest): void
  terminate(): void
  onmessage: ((event: MessageEvent<LanguageResponse>) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
}

function createWorker(): LanguageWorkerLike {
  return new Worker(new URL('./asl.worker.ts', import.meta.url), { type: 'module' })
}

interface Waiting {
  resolve(response: LanguageResponse): void
  reject(error: Error): void
}

export class AslLanguageClient {
  private worker: LanguageWorkerLike | undefined
  private seq = 0
  private readonly waiting = new Map<number, Waiting>()

  constructor(private readonly create: () => LanguageWorkerLike = createWorker) {}

  request<T extends LanguageRequest['type']>(
    request: RequestOf<T> & { type: T },
  ): Promise<Answer<T>> {
    const worker = this.ensureWorker()
    const id = ++this.seq
    return new Promise<Answer<T>>((resolve, reject) => {
      this.waiting.set(id, {
        resolve: (response) => {
          if (response.type === 'failed') reject(new Error(response.message))
          else resolve(response as Answer<T>)
        },
        reject,
      })
      worker.postMessage({ ...request, id } as unknown as LanguageRequest)
    })
  }

  dispose(): void {
    this.worker?.terminate()
    this.worker = undefined
    this.failAll('The language worker was stopped.')
  }

  private ensureWorker(): LanguageWorkerLike {
    if (this.worker) return this.worker
    const worker = this.create()
    worker.onmessage = (event) => {
      const waiting = this.waiting.get(event.data.id)
      if (!waiting) return
      this.waiting.delete(event.data.id)
      waiting.resolve(event.data)
    }
    worker.onerror = (event) => {
      event.preventDefault?.()
      worker.terminate()
      if (this.worker === worker) this.worker = undefined
      this.failAll(`The language worker crashed: ${event.message || 'unknown error'}`)
    }
    this.worker = worker
    return worker
  }

  private failAll(message: string): void {
    const waiting = [...this.waiting.values()]
    this.waiting.clear()
    for (const w of waiting) w.reject(new Error(message))
  }
}
