import type { Page } from '@playwright/test'
import { axeViolations, expect, test } from './fixtures'
import { stateNode } from './helpers'

// Issue 5: the code view (Monaco) on the same document as the canvas, in step both ways.

const SMALL = {
  Comment: 'Code view test',
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', End: true },
  },
}

async function openWith(page: Page, definition: object) {
  await page.goto('/')
  await expect(page.locator('[data-state-name]').first()).toBeVisible()
  await page.getByTestId('import-file').setInputFiles({
    name: 'small.asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(definition)),
  })
  await expect(stateNode(page, 'First')).toBeVisible()
  await page.getByTestId('view-split').click()
  await expect(editor(page).locator('.view-lines')).toContainText('"StartAt": "First"')
}

function editor(page: Page) {
  return page.getByTestId('code-editor')
}

/** Puts the cursor at the end of the (first) editor line containing `text`. */
async function cursorAtEndOf(page: Page, text: string) {
  await editor(page).locator('.view-line', { hasText: text }).first().click()
  await page.keyboard.press('End')
}

/** Deletes from the cursor back to the line's indentation (typing over a selection would wrap
 * it in the typed quote: Monaco's auto-surround). */
async function replaceLineStart(page: Page) {
  await page.keyboard.press('Shift+Home')
  await page.keyboard.press('Delete')
}

/** The editor's text, with Monaco's non-breaking spaces turned back into spaces. */
async function editorText(page: Page): Promise<string> {
  const text = await editor(page).locator('.view-lines').innerText()
  return text.replace(/\u00a0/g, ' ')
}

test('typing a new state and its Next in the code adds a node and an edge', async ({ page }) => {
  await openWith(page, SMALL)

  // First's `"End": true` becomes a Next to a state typed below it.
  await cursorAtEndOf(page, '"End": true')
  await replaceLineStart(page)
  await page.keyboard.insertText('"Next": "Second"')
  await cursorAtEndOf(page, '"Next": "Second"')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('End')
  // Monaco indents new lines itself, like the previous line.
  await page.keyboard.insertText(',\n"Second": {\n"Type": "Succeed"\n}')

  await expect(stateNode(page, 'Second')).toBeVisible()
  await expect(stateNode(page, 'Second')).toHaveAttribute('data-state-type', 'Succeed')
  // The edge First → Second (React Flow labels edges with the node ids).
  const nodeId = (name: string) =>
    page.locator('.react-flow__node', { has: stateNode(page, name) }).getAttribute('data-id')
  const [first, second] = [await nodeId('First'), await nodeId('Second')]
  await expect(
    page.locator(`.react-flow__edge[aria-label="Edge from ${first} to ${second}"]`),
  ).toHaveCount(1)
  await expect(page.getByTestId('code-status')).toHaveText('In step')
})

test('broken JSON: an error marker at its line, the canvas keeps the last valid version; fixing it brings them back in step', async ({
  page,
}) => {
  await openWith(page, {
    StartAt: 'First',
    States: { First: { Type: 'Pass', Next: 'Last' }, Last: { Type: 'Succeed' } },
  })
  // Remove the comma after "Type": "Pass" → the next line ("Next") is where JSON breaks.
  await cursorAtEndOf(page, '"Type": "Pass",')
  await page.keyboard.press('Backspace')

  const banner = page.getByTestId('code-error-banner')
  await expect(banner).toContainText(
    'The code has errors — the diagram shows the last valid version',
  )
  await expect(banner).toContainText('Line 6')
  // The marker: Monaco draws the squiggle in the overlay row of line 6 ("Next": "Last").
  await expect(editor(page)).toHaveAttribute('data-error-lines', '6')
  const squiggleTop = await editor(page)
    .locator('.view-overlays > div:has(.squiggly-error)')
    .first()
    .evaluate((el) => (el as HTMLElement).style.top)
  const lineTop = await editor(page)
    .locator('.view-line', { hasText: '"Next": "Last"' })
    .evaluate((el) => (el as HTMLElement).style.top)
  expect(squiggleTop).toBe(lineTop)

  // The canvas is intact.
  await expect(stateNode(page, 'First')).toBeVisible()
  await expect(stateNode(page, 'Last')).toBeVisible()

  // Go to error puts the cursor there; then fix it.
  await page.getByTestId('code-go-to-error').click()
  await cursorAtEndOf(page, '"Type": "Pass"')
  await page.keyboard.insertText(',')
  await expect(banner).toBeHidden()
  await expect(editor(page)).toHaveAttribute('data-error-lines', '')

  // In step again: a rename in the code reaches the canvas.
  await cursorAtEndOf(page, '"Last": {')
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.insertText('Very')
  await cursorAtEndOf(page, '"Next": "Last"')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.insertText('Very')
  await expect(stateNode(page, 'VeryLast')).toBeVisible()
  await expect(stateNode(page, 'Last')).toHaveCount(0)
  await expect(page.getByTestId('code-error-banner')).toBeHidden()
})

test('ASL errors in valid JSON still update the canvas', async ({ page }) => {
  await openWith(page, SMALL)
  await cursorAtEndOf(page, '"End": true')
  await replaceLineStart(page)
  await page.keyboard.insertText('"Next": "Nowhere"')
  // A dangling Next is an ASL error, not a syntax error: the canvas follows, the marker explains.
  await expect(page.getByTestId('code-error-banner')).toBeHidden()
  await expect(editor(page)).toHaveAttribute('data-error-lines', /\b7\b/)
  await expect(page.getByTestId('code-status')).toHaveText('In step')
})

test('renaming on the canvas updates the text; undo works across both views', async ({ page }) => {
  await openWith(page, {
    StartAt: 'First',
    States: { First: { Type: 'Pass', Next: 'Last' }, Last: { Type: 'Succeed' } },
  })

  // Rename on the canvas: the key and the Next that points at it follow.
  await stateNode(page, 'Last').locator('.sw-node-name').dblclick()
  await page.getByTestId('rename-input').fill('Done')
  await page.getByTestId('rename-input').press('Enter')
  await expect(editor(page).locator('.view-lines')).toContainText('"Next": "Done"')
  await expect(editor(page).locator('.view-lines')).toContainText('"Done": {')

  // Ctrl+Z inside the editor, with nothing typed there, undoes the canvas's rename.
  await cursorAtEndOf(page, '"StartAt"')
  await page.keyboard.press('Control+z')
  await expect(stateNode(page, 'Last')).toBeVisible()
  await expect(editor(page).locator('.view-lines')).toContainText('"Next": "Last"')

  // A code edit is one undo step that Ctrl+Z on the canvas takes back.
  await cursorAtEndOf(page, '"Type": "Succeed"')
  await replaceLineStart(page)
  await page.keyboard.insertText('"Type": "Fail"')
  await expect(stateNode(page, 'Last')).toHaveAttribute('data-state-type', 'Fail')
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } })
  await page.keyboard.press('Control+z')
  await expect(stateNode(page, 'Last')).toHaveAttribute('data-state-type', 'Succeed')
  await expect(editor(page).locator('.view-lines')).toContainText('"Type": "Succeed"')

  // And redo from the canvas brings it back in both views.
  await page.keyboard.press('Control+Shift+z')
  await expect(stateNode(page, 'Last')).toHaveAttribute('data-state-type', 'Fail')
  await expect(editor(page).locator('.view-lines')).toContainText('"Type": "Fail"')
})

test('completion offers the machine’s state names in Next', async ({ page }) => {
  await openWith(page, {
    StartAt: 'First',
    States: {
      First: { Type: 'Pass', Next: 'Last' },
      Middle: { Type: 'Pass', End: true },
      Last: { Type: 'Succeed' },
    },
  })
  // Empty First's Next and ask for suggestions inside the quotes.
  await cursorAtEndOf(page, '"Next": "Last"')
  await page.keyboard.press('ArrowLeft')
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace')
  await page.keyboard.press('Control+Space')
  const suggest = editor(page).locator('.suggest-widget')
  await expect(suggest).toBeVisible()
  await expect(suggest.locator('.monaco-list-row', { hasText: 'Middle' })).toBeVisible()
  await expect(suggest.locator('.monaco-list-row', { hasText: 'Last' })).toBeVisible()
  // Accepting one completes the Next; the canvas follows.
  await suggest.locator('.monaco-list-row', { hasText: 'Middle' }).click()
  await expect(editor(page).locator('.view-lines')).toContainText('"Next": "Middle"')
  await expect(page.getByTestId('code-status')).toHaveText('In step')
})

test('selection in step: a selected node highlights its JSON; the cursor in a state selects its node', async ({
  page,
}) => {
  await openWith(page, {
    StartAt: 'First',
    States: { First: { Type: 'Pass', Next: 'Last' }, Last: { Type: 'Succeed' } },
  })
  await stateNode(page, 'Last').click({ position: { x: 48, y: 16 } })
  await expect(editor(page).locator('.sw-code-state-highlight').first()).toBeVisible()
  await cursorAtEndOf(page, '"Next": "Last"')
  await expect(stateNode(page, 'First')).toHaveClass(/is-selected/)
  await expect(stateNode(page, 'Last')).not.toHaveClass(/is-selected/)
})

test('YAML: switch formats, edit in YAML, format the document', async ({ page }) => {
  await openWith(page, SMALL)
  await page.getByTestId('code-format-yaml').click()
  await expect(editor(page).locator('.view-lines')).toContainText('StartAt: First')
  await cursorAtEndOf(page, 'Type: Pass')
  await replaceLineStart(page)
  await page.keyboard.insertText('Type: Succeed')
  await expect(stateNode(page, 'First')).toHaveAttribute('data-state-type', 'Succeed')
  // Format document turns a flow mapping into the block style.
  await cursorAtEndOf(page, 'Type: Succeed')
  await page.keyboard.insertText('\nComment: {a: 1}')
  await expect(editor(page).locator('.view-lines')).toContainText('{a: 1}')
  await page.getByTestId('code-format-document').click()
  await expect.poll(() => editorText(page)).not.toContain('{a: 1}')
  await expect(editor(page).locator('.view-lines')).toContainText('a: 1')
  await page.getByTestId('code-format-json').click()
  await expect(editor(page).locator('.view-lines')).toContainText('"Type": "Succeed"')
})

test('an invalid draft is kept across view switches and a reload', async ({ page }) => {
  await openWith(page, SMALL)
  await cursorAtEndOf(page, '"End": true')
  await page.keyboard.insertText(' oops')
  await expect(page.getByTestId('code-error-banner')).toBeVisible()

  // Canvas only, then code only: the draft is still there.
  await page.getByTestId('view-canvas').click()
  await expect(editor(page)).toHaveCount(0)
  await page.getByTestId('view-code').click()
  await expect(editor(page).locator('.view-lines')).toContainText('true oops')
  await expect(page.getByTestId('code-error-banner')).toBeVisible()

  // A reload restores it from the workspace (persistence saves the code store).
  await page.waitForTimeout(1000)
  await page.reload()
  if ((await editor(page).count()) === 0) await page.getByTestId('view-code').click()
  await expect(editor(page).locator('.view-lines')).toContainText('true oops')
  await expect(page.getByTestId('code-error-banner')).toBeVisible()
})

/** Axe on the code pane only (other panels have their own checks and owners). */
async function codePaneViolations(page: Page) {
  await axeViolations(page) // injects axe-core from node_modules
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Element) => Promise<{
            violations: { id: string; impact?: string; nodes: { target: unknown }[] }[]
          }>
        }
      }
    ).axe
    const pane = document.querySelector('.sw-pane-code')!
    const result = await axe.run(pane)
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))
  })
}

test('the code view has no serious or critical axe violations, with and without errors', async ({
  page,
}) => {
  await openWith(page, SMALL)
  expect(await codePaneViolations(page)).toEqual([])
  await cursorAtEndOf(page, '"End": true')
  await page.keyboard.insertText(' oops')
  await expect(page.getByTestId('code-error-banner')).toBeVisible()
  expect(await codePaneViolations(page)).toEqual([])
})
