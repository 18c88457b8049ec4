// What both benchmark pages expose on `window.bench` (the Playwright script calls these).

export interface BaselineNode {
  id: string
  parentId?: string
  position: { x: number; y: number }
  width: number
  height: number
  label: string
}

export interface BaselineEdge {
  id: string
  source: string
  target: string
}

export interface CanvasBenchApi {
  /** Opens a definition (with a layout keyed by node id, or laid out by ELK); resolves when shown. */
  open(definition: unknown, layout?: unknown): Promise<number>
  /** The app's laid-out document as plain nodes and edges for the baseline page. */
  snapshot(): { layout: unknown; nodes: BaselineNode[]; edges: BaselineEdge[] }
  /** Shows the given nodes (baseline page); resolves when shown. */
  show(nodes: BaselineNode[], edges: BaselineEdge[]): Promise<number>
  startFrames(): void
  stopFrames(): number[]
}

/** Resolves after the next two frames, then one task: the page has painted and is idle. */
export function settled(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
  )
}

/**
 * Waits until React Flow shows the document: all `count` nodes, or (when it renders only what is
 * in view, and a long workflow does not fit even at the minimum zoom) a node count that stayed
 * the same for three frames; then until the page has settled.
 */
export async function nodesShown(count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  let previous = -1
  let stable = 0
  for (;;) {
    const shown = document.querySelectorAll('.react-flow__node').length
    if (shown >= count) break
    stable = shown > 0 && shown === previous ? stable + 1 : 0
    if (stable >= 3) break
    previous = shown
    if (performance.now() > deadline) throw new Error(`only ${shown} of ${count} nodes shown`)
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
  await settled()
}

export function frameRecorder() {
  let frames: number[] = []
  let running = false
  let last = 0
  const tick = (now: number) => {
    if (!running) return
    if (last) frames.push(now - last)
    last = now
    requestAnimationFrame(tick)
  }
  return {
    start() {
      frames = []
      last = 0
      running = true
      requestAnimationFrame(tick)
    },
    stop() {
      running = false
      return frames
    },
  }
}
