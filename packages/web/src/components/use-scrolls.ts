// Whether an element's content is wider or taller than the element, so it scrolls: such a region must be
// reachable by keyboard (WCAG 2.1.1), and only then (no idle tab stops).
import { type RefObject, useEffect, useState } from 'react';

export function useScrolls(element: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const frame = element.current;
    if (!frame) return;
    const measure = () =>
      setScrolls(frame.scrollWidth > frame.clientWidth || frame.scrollHeight > frame.clientHeight);
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    if (frame.firstElementChild) observer.observe(frame.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, [element]);
  return scrolls;
}
