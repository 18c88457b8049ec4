// One per panel: a crash in the inspector or the timeline shows a readable message in that
// panel and leaves the rest of the page working.

import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  /** The panel's name, as the user knows it ("Canvas", "Inspector"). */
  name: string
  children: ReactNode
}

interface State {
  error: Error | null
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.name}]`, error, info.componentStack)
  }

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="sw-panel-error" role="alert" data-testid="panel-error">
        <strong>The {this.props.name.toLowerCase()} ran into a problem.</strong>
        <p>
          Your workflow is safe: this panel stopped, the rest of Stepwise keeps working. Undo the
          last change or try again.
        </p>
        <pre>{error.message}</pre>
        <button type="button" className="sw-button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
