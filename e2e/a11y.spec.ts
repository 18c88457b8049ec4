import { axeViolations, expect, test } from './fixtures'
import { findState, selectState, stateNode } from './helpers'

// Issues 4–7: an axe scan of every part of the frame finds no serious or critical violation —
// the designer, the inspector form of each state type, the find dialog, every bottom panel
// before a run, the header menus and the split view.

test('the designer has no serious or critical axe violations', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  expect(await axeViolations(page)).toEqual([])

  // With a state selected (its inspector form shows) and the find dialog open.
  await selectState(page, 'Charge payment')
  expect(await axeViolations(page)).toEqual([])
  await page.keyboard.press('Control+f')
  await expect(page.getByTestId('find-input')).toBeFocused()
  expect(await axeViolations(page)).toEqual([])
})

test('every inspector form, bottom panel and header menu passes axe', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()

  // One state of each type the example has: Choice (rules builder), Parallel, Map, Succeed, Fail
  // (found, as some are below the visible part of the canvas).
  for (const name of [
    'Check order total',
    'Fulfil order',
    'Reserve each item',
    'Order complete',
    'Reject order',
  ]) {
    await findState(page, name)
    await expect(page.getByTestId('inspector')).toContainText(name)
    expect(await axeViolations(page), `axe on the inspector of ${name}`).toEqual([])
  }

  // The bottom panels before any run (Problems, shown first, is clicked last: a click on the
  // active tab collapses the panel).
  for (const tab of ['run', 'mocks', 'timeline', 'problems']) {
    await page.getByTestId(`tab-${tab}`).click()
    await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true')
    expect(await axeViolations(page), `axe on the ${tab} panel`).toEqual([])
  }

  // The header's menus, open.
  for (const menu of ['export-menu', 'examples-menu']) {
    await page.getByTestId(menu).click()
    await expect(page.getByTestId(menu)).toHaveAttribute('aria-expanded', 'true')
    expect(await axeViolations(page), `axe with ${menu} open`).toEqual([])
    await page.keyboard.press('Escape')
  }

  // Canvas and code side by side.
  await page.getByRole('radio', { name: 'Split' }).click()
  await expect(page.locator('.monaco-editor')).toBeVisible()
  expect(await axeViolations(page), 'axe on the split view').toEqual([])
})
