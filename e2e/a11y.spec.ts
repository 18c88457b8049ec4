import { axeViolations, expect, test } from './fixtures'
import { selectState, stateNode } from './helpers'

// Issue 4: an axe scan of the designer finds no serious or critical violation.

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
