/// <reference lib="webworker" />
// Thin: runs core/graph's layoutGraph with ELK and posts the layout back.
import ELK from 'elkjs/lib/elk.bundled.js'
import { layoutGraph } from '../core/graph/layout'
import type { LayoutRequest, LayoutResponse } from './layoutProtocol'

declare const self: DedicatedWorkerGlobalScope

// One ELK instance for the worker's life: later layouts skip the warm-up.
const elk = new ELK()

// Assigned after the import on purpose: elk.bundled.js sets its own self.onmessage when loaded in
// a worker, and ours must win (TOOLCHAIN.md P12).
self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const request = event.data
  switch (request.type) {
    case 'layout/run': {
      let response: LayoutResponse
      try {
        const layout = await layoutGraph(elk, request.graph, request.sizes, request.options)
        response = { type: 'layout/done', id: request.id, layout }
      } catch (error) {
        response = {
          type: 'layout/failed',
          id: request.id,
          message: error instanceof Error ? error.message : String(error),
        }
      }
      self.postMessage(response)
      break
    }
    default: {
      const unknown: never = request.type
      throw new Error(`Unknown layout request ${String(unknown)}`)
    }
  }
}
