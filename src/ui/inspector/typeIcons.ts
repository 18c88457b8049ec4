/** Small glyphs for the state types (decorative; the type name is always shown beside). */
export const TYPE_ICONS: Readonly<Record<string, string>> = {
  Task: '⚙',
  Pass: '→',
  Choice: '◇',
  Wait: '⏱',
  Succeed: '✓',
  Fail: '✕',
  Parallel: '⫴',
  Map: '⟳',
  unknown: '?',
}
