// One live channel per signed-in portal, shared by every component that follows a topic: presence,
// and the pages that reload what they show when the catalog changes.
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { LiveChannel, type TopicListener } from './live-channel.ts';

const LiveContext = createContext<LiveChannel | null>(null);

/** Opens the live channel for the signed-in session and closes it on sign-out. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [channel, setChannel] = useState<LiveChannel | null>(null);
  useEffect(() => {
    const opened = new LiveChannel();
    setChannel(opened);
    return () => opened.close();
  }, []);
  return <LiveContext.Provider value={channel}>{children}</LiveContext.Provider>;
}

/** Follows a topic for as long as the component is shown (and the channel is open). */
export function useLiveTopic(topic: string, listener: TopicListener): void {
  const channel = useContext(LiveContext);
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => {
    if (!channel) return;
    return channel.follow(topic, {
      onEvent: (event) => current.current.onEvent(event),
      onGap: () => current.current.onGap?.(),
      onSubscribed: () => current.current.onSubscribed?.(),
    });
  }, [channel, topic]);
}

export function useLiveChannel(): LiveChannel | null {
  return useContext(LiveContext);
}
