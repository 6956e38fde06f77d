// Keeps an on-call or alerts view current: it loads again when its live topic says something changed
// (or events were missed), and on a steady clock, because who is on call changes with time alone.
import { useEffect, useRef } from 'react';
import { useLiveTopic } from '../../live/live-provider.tsx';
import { reloadDelayMs } from '../../live/live-reload.ts';

/** An alert storm reloads once per `reloadDelayMs`, not once per alert. */
export function useReloadOnTopic(topic: string, reload: () => void, everyMs?: number): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const schedule = () => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      reloadRef.current();
    }, reloadDelayMs);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveTopic(topic, { onEvent: schedule, onGap: schedule, onSubscribed: schedule });
  useEffect(() => {
    if (!everyMs) return;
    const clock = setInterval(() => reloadRef.current(), everyMs);
    return () => clearInterval(clock);
  }, [everyMs]);
}
