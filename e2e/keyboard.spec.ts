import { expect, test } from './fixtures'
import { stateNode } from './helpers'

// Issue 4: every canvas shortcut has a keyboard-only path. No mouse is used in this test.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

test('finds, renames, duplicates, copies, pastes, deletes, navigates and undoes by keyboard', async ({
  page,
}) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  const focusedName = () =>
    page.evaluate(() =>
      document.activeElement?.querySelector('[data-state-name]')?.getAttribute('data-state-name'),
    )

  // Ctrl+F finds a state; Enter selects and focuses it.
  await page.keyboard.press('Control+f')
  await expect(page.getByTestId('find-input')).toBeFocused()
  await page.keyboard.type('charge')
  await page.keyboard.press('Enter')
  await expect(stateNode(page, 'Charge payment')).toHaveClass(/is-selected/)
  await expect.poll(focusedName).toBe('Charge payment')

  // Arrow keys move the selection along transitions and back.
  await page.keyboard.press('ArrowDown')
  await expect(stateNode(page, 'Fulfil order')).toHaveClass(/is-selected/)
  await expect.poll(focusedName).toBe('Fulfil order')
  await page.keyboard.press('ArrowUp')
  await expect(stateNode(page, 'Charge payment')).toHaveClass(/is-selected/)

  // F2 renames in place; every reference follows.
  await page.keyboard.press('F2')
  await expect(page.getByTestId('rename-input')).toBeFocused()
  await page.keyboard.press('Control+a')
  await page.keyboard.type('Take payment')
  await page.keyboard.press('Enter')
  await expect(stateNode(page, 'Take payment')).toBeVisible()
  await expect.poll(focusedName).toBe('Take payment')

  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y.
  await page.keyboard.press('Control+z')
  await expect(stateNode(page, 'Charge payment')).toBeVisible()
  await page.keyboard.press('Control+Shift+z')
  await expect(stateNode(page, 'Take payment')).toBeVisible()
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Control+y')
  await expect(stateNode(page, 'Take payment')).toBeVisible()

  // Ctrl+D duplicates the selection; Delete removes the copy.
  await page.keyboard.press('Control+d')
  await expect(stateNode(page, 'Take payment (1)')).toHaveClass(/is-selected/)
  await page.keyboard.press('Delete')
  await expect(stateNode(page, 'Take payment (1)')).toHaveCount(0)

  // Ctrl+C puts the States subset on the system clipboard as ASL JSON; Ctrl+V pastes it.
  await page.keyboard.press('Control+f')
  await page.keyboard.type('Order complete')
  await page.keyboard.press('Enter')
  await expect.poll(focusedName).toBe('Order complete')
  await page.keyboard.press('Control+c')
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('"Order complete"')
  const clipboard = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))
  expect(clipboard).toEqual({ 'Order complete': { Type: 'Succeed' } })
  await page.keyboard.press('Control+v')
  await expect(stateNode(page, 'Order complete (1)')).toBeVisible()
  await page.keyboard.press('Backspace')
  await expect(stateNode(page, 'Order complete (1)')).toHaveCount(0)

  // Shift+F10 opens the context menu: set a state as the start.
  await page.keyboard.press('Control+f')
  await page.keyboard.type('Check order')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Shift+F10')
  const menu = page.getByTestId('context-menu')
  await expect(menu).toBeVisible()
  await expect(menu.getByTestId('menu-rename')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(menu.getByTestId('menu-set-start')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(stateNode(page, 'Check order total')).toHaveAttribute('data-start', 'true')

  // The palette by keyboard: search, arrow down to the item, Enter adds it after the selection.
  await page.getByTestId('palette-search').focus()
  await page.keyboard.type('sqs')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('palette-sqs-send-message')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(stateNode(page, 'SQS SendMessage')).toBeVisible()
  await expect.poll(focusedName).toBe('SQS SendMessage')

  // Escape clears the selection; Ctrl+A selects every state.
  await page.keyboard.press('Escape')
  await expect(page.locator('.sw-node.is-selected')).toHaveCount(0)
  await page.keyboard.press('Control+a')
  await expect(page.locator('.sw-node.is-selected')).toHaveCount(13)
})
