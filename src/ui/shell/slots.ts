// Extension points of the shell. Views of other folders plug in by file convention, so adding
// one needs no edit here (see README.md):
//
//   src/ui/inspector/Inspector.tsx       export function Inspector()      right column
//   src/ui/problems/ProblemsPanel.tsx    export function ProblemsPanel()  bottom tab "Problems"
//   src/ui/<folder>/bottomPanel.tsx      export const bottomPanel: BottomPanelSpec   more bottom tabs
//                                        (issue 6: run, timeline; any later panel)
//   src/ui/code/CodeView.tsx             export function CodeView()       main area, lazy (Monaco)
//   src/ui/workspace/WorkspaceList.tsx   export function WorkspaceList()  left rail tab "Workflows"
//   src/ui/<folder>/headerItems.tsx      export const headerItems: HeaderItemSpec[]  header buttons
//
// `import.meta.glob` resolves these at build time: a missing file is simply an absent slot.

import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

export interface BottomPanelSpec {
  /** Stable id, used in the workspace store's `bottomPanelTab` (e.g. 'run', 'timeline'). */
  id: string
  title: string
  /** Smaller first; Problems is 0. */
  order: number
  Component: ComponentType
  /** A count or short text shown beside the title, read from stores inside this hook. */
  useBadge?: () => string | number | null
}

export interface HeaderItemSpec {
  id: string
  order: number
  Component: ComponentType
}

type Module<K extends string, T> = Partial<Record<K, T>>

function first<T>(modules: Record<string, T>): T | undefined {
  return Object.values(modules)[0]
}

export const Inspector = first(
  import.meta.glob<Module<'Inspector', ComponentType>>('../inspector/Inspector.tsx', {
    eager: true,
  }),
)?.Inspector

export const ProblemsPanel = first(
  import.meta.glob<Module<'ProblemsPanel', ComponentType>>('../problems/ProblemsPanel.tsx', {
    eager: true,
  }),
)?.ProblemsPanel

export const WorkspaceList = first(
  import.meta.glob<Module<'WorkspaceList', ComponentType>>('../workspace/WorkspaceList.tsx', {
    eager: true,
  }),
)?.WorkspaceList

const codeViewLoader = first(
  import.meta.glob<Module<'CodeView', ComponentType>>('../code/CodeView.tsx'),
)

/** The code view, loaded on first use (Monaco stays out of the first screen). */
export const CodeView: LazyExoticComponent<ComponentType> | undefined = codeViewLoader
  ? lazy(() =>
      codeViewLoader().then((module) => ({
        default: module.CodeView ?? (() => null),
      })),
    )
  : undefined

export const extraBottomPanels: BottomPanelSpec[] = Object.values(
  import.meta.glob<Module<'bottomPanel', BottomPanelSpec>>('../*/bottomPanel.tsx', { eager: true }),
)
  .map((module) => module.bottomPanel)
  .filter((spec): spec is BottomPanelSpec => spec !== undefined)

export const headerItems: HeaderItemSpec[] = Object.values(
  import.meta.glob<Module<'headerItems', HeaderItemSpec[]>>('../*/headerItems.tsx', {
    eager: true,
  }),
)
  .flatMap((module) => module.headerItems ?? [])
  .sort((a, b) => a.order - b.order)
