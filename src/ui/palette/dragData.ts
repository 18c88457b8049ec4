/** The drag-and-drop type a palette item carries (its id); the canvas accepts only this. */
export const PALETTE_MIME = 'application/x-stepwise-palette'
