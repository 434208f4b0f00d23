import { Component, type ReactNode } from 'react';

type Props = { fallback: (error: Error) => ReactNode; children: ReactNode };

/**
 * rjsf throws on some valid Draft-7 schemas (an `$id` anchor such as `{"$ref": "#hhmm"}`, for one). This keeps such a
 * schema from taking the page down: the caller decides what to show instead, with the reason.
 */
export class FormBoundary extends Component<Props, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
