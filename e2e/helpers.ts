import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

/** A state node of the canvas by name (the UI contract's attribute). */
export function stateNode(page: Page, name: string): Locator {
  return page.locator(`[data-state-name="${name}"]`)
}

/** Where the canvas shows flow point (x, y) when it is at 100 % with the empty-workflow origin. */
export async function emptyCanvasPoint(page: Page, x: number, y: number) {
  const box = (await page.getByTestId('canvas').boundingBox())!
  return { x: box.x + Math.round(box.width / 2 - 110) + x, y: box.y + 140 + y }
}

async function centre(locator: Locator, dy?: number) {
  const box = (await locator.boundingBox())!
  return { x: box.x + box.width / 2, y: dy === undefined ? box.y + box.height / 2 : box.y + dy }
}

/** Drags a palette item with the mouse and drops it at a page point. */
export async function dragFromPalette(page: Page, itemId: string, to: { x: number; y: number }) {
  const item = page.getByTestId(`palette-${itemId}`)
  await item.scrollIntoViewIfNeeded()
  const from = await centre(item)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + 30, from.y, { steps: 3 })
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await page.mouse.up()
}

/** Drops a palette item in the middle of a branch / processor box (by its label). */
export async function dragIntoScope(page: Page, itemId: string, scopeLabel: string) {
  const scope = page.locator(`[data-scope-label="${scopeLabel}"]`)
  const box = (await scope.boundingBox())!
  await dragFromPalette(page, itemId, { x: box.x + box.width / 2, y: box.y + box.height - 30 })
}

/**
 * Drags from a node's handle (`out` at the bottom, `catch` on the right) to another node.
 * Containers are dropped on their header.
 */
export async function connect(page: Page, from: string, handle: 'out' | 'catch', to: string) {
  const source = stateNode(page, from)
  await source.hover()
  const start = await centre(source.locator(`[data-handleid="${handle}"]`))
  const target = stateNode(page, to)
  const isContainer = (await target.getAttribute('class'))?.includes('sw-container')
  const end = await centre(target, isContainer ? 26 : undefined)
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(start.x + 10, start.y + 20, { steps: 3 })
  await page.mouse.move(end.x, end.y, { steps: 10 })
  await page.mouse.up()
}

/** Picks a transition kind in the chooser shown after an ambiguous connection. */
export async function chooseConnection(page: Page, kind: 'next' | 'choice' | 'default' | 'catch') {
  const menu = page.getByTestId('connect-menu')
  await expect(menu).toBeVisible()
  await menu.getByTestId(`connect-${kind}`).click()
  await expect(menu).toBeHidden()
}

/**
 * Selects a state through the canvas's Find (toolbar button, name, Enter), which also brings it
 * into view: for a state that may be outside the visible part of the canvas.
 */
export async function findState(page: Page, name: string) {
  await page.getByRole('button', { name: 'Find' }).click()
  await expect(page.getByTestId('find-input')).toBeFocused()
  await page.getByTestId('find-input').fill(name)
  await page.keyboard.press('Enter')
  await expect(stateNode(page, name)).toHaveClass(/is-selected/)
}

/** Selects a state by clicking its name (it must be in view). */
export async function selectState(page: Page, name: string) {
  // Near the top-left corner: clear of handles and badges, and of a container's branches.
  await stateNode(page, name).click({ position: { x: 48, y: 16 } })
  await expect(stateNode(page, name)).toHaveClass(/is-selected/)
}
