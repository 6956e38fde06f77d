// The browser tab names what is on the page ("checkout-api · Component · Steward"), so a person
// with ten tabs open, or reading their history, can tell them apart.
import { useEffect } from 'react';

export function pageTitle(...parts: string[]): string {
  return [...parts.filter(Boolean), 'Steward'].join(' · ');
}

/** Sets the tab's title once what it names is known; `null` leaves the area's title in place. */
export function usePageTitle(parts: string[] | null): void {
  const title = parts ? pageTitle(...parts) : null;
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
