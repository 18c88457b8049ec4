import type { Command } from '../io'

// Placeholder until the command lands (see the open issues); exits 2 so nothing mistakes it
// for a result.
export const command: Command = async (_argv, io) => {
  io.stderr('stepwise: this command is not available yet\n')
  return 2
}
