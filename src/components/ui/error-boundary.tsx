import { Component, type ReactNode } from 'react';

type Props = { fallback: (error: Error) => ReactNode; children: ReactNode };

/**
 * Keeps a part of the page that throws from taking the rest down: the caller decides what to show instead, with the
 * reason. Pages use it (a chunk that failed to load), and forms do (rjsf throws on some valid Draft-7 schemas, such
 * as an `$id` anchor used as a `$ref`).
 */
export class ErrorBoundary extends Component<Props, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
