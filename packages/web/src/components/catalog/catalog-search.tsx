// The catalog's search box: words that must all appear in an entity's ref, title, description or
// tags. Typing updates the link (replacing the history entry) once the typing pauses.
import { useEffect, useState } from 'react';

const pause = 250;

export function CatalogSearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  // Back and forward move the link; the box follows it.
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => onSearch(text.trim()), pause);
    return () => window.clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <search className="catalog-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSearch(text.trim());
        }}
      >
        <input
          type="search"
          className="catalog-search__input"
          placeholder="Search by name, title, description or tag"
          aria-label="Search the catalog"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </form>
    </search>
  );
}
