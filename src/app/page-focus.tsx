import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/** How long to wait for a page's heading (its code and data may still be loading). */
const WAIT_MS = 3_000;

/**
 * After a move to another page (not the first load, not a change of the query string), focus goes to the new page's
 * heading and its name is announced: a keyboard or screen-reader user starts reading the page they asked for, not at
 * the link they left.
 */
export function PageFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const until = performance.now() + WAIT_MS;
    let frame = 0;
    const look = () => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: false });
        setAnnounced(heading.textContent ?? '');
      } else if (performance.now() < until) {
        frame = requestAnimationFrame(look);
      }
    };
    frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
  return (
    <p role="status" aria-live="polite" className="sr-only">
      {announced}
    </p>
  );
}
