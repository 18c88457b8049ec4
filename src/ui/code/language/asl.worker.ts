/// <reference lib="webworker" />
// Thin: answers the code view's language requests with aslService (see protocol.ts).
import './processShim'
import { complete, diagnose, formatText, hover } from './aslService'
import type { LanguageRequest, LanguageResponse } from './protocol'

declare const self: DedicatedWorkerGlobalScope

self.onmessage = async (event: MessageEvent<LanguageRequest>) => {
  const request = event.data
  let response: LanguageResponse
  try {
    response = await answer(request)
  } catch (error) {
    response = {
      id: request.id,
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }
  }
  self.postMessage(response)
}

async function answer(request: LanguageRequest): Promise<LanguageResponse> {
  switch (request.type) {
    case 'diagnose':
      return {
        id: request.id,
        type: 'diagnose',
        markers: await diagnose(request.text, request.format, request.workflowType),
      }
    case 'complete': {
      const result = await complete(request.text, request.format, request.line, request.column)
      return { id: request.id, type: 'complete', ...result }
    }
    case 'hover':
      return {
        id: request.id,
        type: 'hover',
        hover: await hover(request.text, request.format, request.line, request.column),
      }
    case 'format':
      return {
        id: request.id,
        type: 'format',
        edits: formatText(request.text, request.format, request),
      }
  }
}
