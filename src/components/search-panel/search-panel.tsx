import { useId, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import type { HistoryMessage, SearchResult } from '../../core/protocol/types';
import { useMessageSearch } from '../../react/use-message-search';
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
  if (query.trim() === '') return ['idle', ''];
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
  const optionId = (index: number) => `${id}-result-${index}`;
  const current = active < results.length ? active : -1;
  // A new query's results start with none active.
  const changeQuery = (value: string) => {
    setQuery(value);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = current === -1 ? (step === 1 ? 0 : results.length - 1) : (current + step + results.length) % results.length;
      setActive(next);
      event.currentTarget.ownerDocument.getElementById(optionId(next))?.scrollIntoView?.({ block: 'nearest' });
    } else if (event.key === 'Enter' && current !== -1) {
      event.preventDefault();
      onSelect?.(results[current]!.message);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      changeQuery('');
    }
  };

  const [state, status] = stateOf(query, search);
  const content = (
    <>
      <input
        data-natter="search-input"
        type="search"
        role="searchbox"
        value={query}
        placeholder={label}
        aria-label={label}
        aria-controls={results.length > 0 ? `${id}-results` : undefined}
        aria-activedescendant={current === -1 ? undefined : optionId(current)}
        autoComplete="off"
        onChange={(event) => changeQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p data-natter="search-status" role="status" aria-live="polite">
        {status}
      </p>
      {results.length > 0 && (
        <ul data-natter="search-results" id={`${id}-results`} role="listbox" aria-label="Search results">
          {results.map((result, index) => (
            <SearchResultRow key={result.message.id} id={optionId(index)} result={result} active={index === current} onChoose={() => onSelect?.(result.message)} />
          ))}
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

function SearchResultRow({ id, result, active, onChoose }: { id: string; result: SearchResult; active: boolean; onChoose: () => void }) {
  const { message } = result;
  return (
    <li data-natter="search-result" data-active={bool(active)} data-message-id={message.id} id={id} role="option" aria-selected={active} onClick={onChoose}>
      <span data-natter="search-result-header">
        <span data-natter="search-result-sender">{message.sender.username}</span>
        <time data-natter="search-result-time" dateTime={message.created_at}>
          {timeOf(message.created_at)}
        </time>
      </span>
      <span data-natter="search-result-content">
        {highlightParts(message.content, result.highlights).map((part, index) =>
          part.marked ? (
            <mark key={index} data-natter="search-highlight">
              {part.text}
            </mark>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </span>
    </li>
  );
}
