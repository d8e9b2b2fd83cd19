import { useId, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import type { HistoryMessage, SearchResult } from '../../core/protocol/types';
import { useMessageSearch } from '../../react/use-message-search';
import { isComposing } from '../shared/keys';
import { validDate } from '../shared/time';
import { bool } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { highlightParts } from './highlight';

/** Props of `SearchPanel`. */
export interface SearchPanelProps extends Omit<HTMLAttributes<HTMLElement>, 'onSelect'>, AsChildProps {
  chatId: string;
  /** A result was chosen (click, or Enter on the active one): show it, e.g. `<MessageList highlightMessageId>`. */
  onSelect?: (message: HistoryMessage) => void;
  /** The query the box starts with. */
  defaultQuery?: string;
  /** Wait this long after the last keystroke before searching, in ms. Default 250. */
  debounceMs?: number;
  /** Results per page. */
  limit?: number;
  /** The search box's placeholder and accessible name. Default "Search messages". */
  label?: string;
}

const timeOf = (iso: string) => validDate(iso)?.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) ?? '';

/** The panel's `data-state` and its status line: one decision, so the two never disagree. */
function stateOf(query: string, search: ReturnType<typeof useMessageSearch>): [state: string, status: string] {
  if (!query.trim()) return ['idle', ''];
  if (search.error) return ['error', `Search failed: ${search.error.message}`];
  if (search.isPending) return ['searching', 'Searching…'];
  const count = search.results.length;
  if (count === 0) return ['empty', `No messages match “${search.debouncedQuery}”`];
  return ['results', `${count}${search.hasNextPage ? '+' : ''} ${count === 1 ? 'result' : 'results'}`];
}

/**
 * Search in a chat: a search box (debounced), the results newest first with the matched words in `<mark>` (as
 * text, never HTML), "Load more", and a polite status line. ArrowUp/ArrowDown move through the results while the
 * box keeps focus, Enter chooses one, Escape clears the box. `data-state` is `idle|searching|results|empty|error`.
 *
 * @example
 * <SearchPanel chatId={chatId} onSelect={(message) => setHighlighted(message.id)} />
 */
export const SearchPanel = definePart<HTMLElement, SearchPanelProps>('search-panel', 'div', function SearchPanel({
  chatId,
  onSelect,
  defaultQuery = '',
  debounceMs,
  limit,
  label = 'Search messages',
  ...props
}) {
  const [query, setQuery] = useState(defaultQuery);
  const [active, setActive] = useState(-1);
  const search = useMessageSearch(chatId, query, { debounceMs, limit });
  const { results } = search;
  const id = useId();
  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-result-${index}`;
  const current = active < results.length ? active : -1;
  // A new query's results start with none active.
  const changeQuery = (value: string) => {
    setQuery(value);
    setActive(-1);
  };

  const choose = (result: SearchResult) => onSelect?.(result.message);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The keys of an input method's composition (Escape cancels it, arrows pick a candidate) are not the list's.
    if (isComposing(event)) return;
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    const count = results.length;
    if (step && count) {
      // Wrapping around; from none, ArrowUp goes to the last.
      const next = current === -1 && step < 0 ? count - 1 : (current + step + count) % count;
      setActive(next);
      event.currentTarget.ownerDocument.getElementById(optionId(next))?.scrollIntoView?.({ block: 'nearest' });
    } else if (event.key === 'Enter' && current !== -1) choose(results[current]!);
    else if (event.key === 'Escape' && query) changeQuery('');
    else return;
    event.preventDefault();
  };

  const [state, status] = stateOf(query, search);
  const content = (
    <>
      <input
        data-natter="search-input"
        // A searchbox by its type.
        type="search"
        value={query}
        placeholder={label}
        aria-label={label}
        aria-controls={results.length > 0 ? listId : undefined}
        aria-activedescendant={current === -1 ? undefined : optionId(current)}
        autoComplete="off"
        onChange={(event) => changeQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p data-natter="search-status" role="status" aria-live="polite">
        {status}
      </p>
      {results.length > 0 && (
        <ul data-natter="search-results" id={listId} role="listbox" aria-label="Search results">
          {results.map((result, index) => {
            const { message } = result;
            const active = index === current;
            return (
              <li
                key={message.id}
                data-natter="search-result"
                data-active={bool(active)}
                data-message-id={message.id}
                id={optionId(index)}
                role="option"
                aria-selected={active}
                onClick={() => choose(result)}
              >
                <span data-natter="search-result-header">
                  <span data-natter="search-result-sender">{message.sender.username}</span>
                  <time data-natter="search-result-time" dateTime={message.created_at}>
                    {timeOf(message.created_at)}
                  </time>
                </span>
                <span data-natter="search-result-content">
                  {highlightParts(message.content, result.highlights).map(({ text, marked }, part) =>
                    marked ? (
                      <mark key={part} data-natter="search-highlight">
                        {text}
                      </mark>
                    ) : (
                      <span key={part}>{text}</span>
                    ),
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {search.hasNextPage && (
        <button data-natter="search-more" type="button" disabled={search.isFetching} onClick={() => void search.fetchNextPage()}>
          Load more
        </button>
      )}
    </>
  );
  return [{ 'data-state': state, role: 'search' }, props, content];
});

