// The graph model's public API: import from here (`core/graph`), not from the files inside.

export * from './model'
export * from './edges'
export * from './names'
export * from './commands'
export * from './layoutMap'
export * from './layout'
export * from './jsonDiff'
