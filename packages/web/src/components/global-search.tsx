// The top bar's search: catalog entities, teams and people as one list while typing. A combobox with
// a listbox (WAI-ARIA 1.2): `/` anywhere focuses it, arrows move, Enter opens, Escape closes.
import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { listEntities } from '../api/catalog.ts';
import { listTeams, listUsers } from '../api/identity.ts';
import { navigate } from '../router.tsx';
import { type PersonHit, type SearchOption, searchOptions, type TeamHit } from './global-search-results.ts';

const pause = 200;

export function GlobalSearch() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { options, settled } = useSearchOptions(text);
  useSlashToFocus(input);

  const choose = (option: SearchOption | undefined) => {
    if (!option) return;
    setOpen(false);
    setText('');
    input.current?.blur();
    navigate(option.href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (options.length === 0 ? 0 : (current + step + options.length) % options.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      if (open) setOpen(false);
      else setText('');
    }
  };
  const expanded = open && text.trim() !== '';
  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <search className="global-search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search Steward
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="text"
        role="combobox"
        className="global-search__input"
        placeholder="Search… (press /)"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={expanded && options[active] ? optionId(active) : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div className="global-search__popup" hidden={!expanded}>
        <div id={`${id}-listbox`} role="listbox" aria-label="Search results" className="global-search__list">
          {options.map((option, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys act in the combobox, which points here with aria-activedescendant
            <div
              key={option.key}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className="global-search__option"
              // Keeps the focus in the box, so the click lands before the list closes.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
              onMouseEnter={() => setActive(index)}
            >
              <span className="global-search__label">{option.label}</span>
              <span className="global-search__detail">{option.detail}</span>
            </div>
          ))}
        </div>
        {settled && options.length === 0 && (
          <p className="global-search__empty">Nothing matches “{text.trim()}”.</p>
        )}
      </div>
    </search>
  );
}

/** The options for the words typed: entities asked of the catalog after a pause, teams and people here. */
function useSearchOptions(text: string): { options: SearchOption[]; settled: boolean } {
  const [found, setFound] = useState<{ words: string; options: SearchOption[] }>({ words: '', options: [] });
  const directory = useRef<Promise<{ teams: TeamHit[]; people: PersonHit[] }> | null>(null);
  useEffect(() => {
    const words = text.trim();
    if (words === '') return;
    let current = true;
    const timer = window.setTimeout(async () => {
      directory.current ??= Promise.all([listTeams(), listUsers()]).then(([teams, people]) => ({
        teams,
        people,
      }));
      const [entities, known] = await Promise.all([
        listEntities({ q: words }, { limit: 12 }).then(
          (list) => list.items,
          () => [],
        ),
        directory.current.catch(() => {
          directory.current = null; // asked again next time
          return { teams: [], people: [] };
        }),
      ]);
      if (current) setFound({ words, options: searchOptions(words, { entities, ...known }) });
    }, pause);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [text]);
  const settled = found.words === text.trim();
  return { options: settled ? found.options : [], settled };
}

/** `/` focuses the search, unless someone is typing somewhere else. */
function useSlashToFocus(input: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}
