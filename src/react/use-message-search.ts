import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { SearchPage, SearchResult } from '../core/protocol/types';
import { clientKey } from './client-key';
import { searchMessages } from '../features/history';
import { useChatContext } from './context';

/** Options of `useMessageSearch`. */
export interface UseMessageSearchOptions {
  /** How long the query must stay unchanged before it is sent, in ms. Default 250. */
  debounceMs?: number;
  /** Results per page (1–50). Default: the server's (20). */
  limit?: number;
}

/** What `useMessageSearch` returns. */
export interface UseMessageSearchResult {
  /** Every result of the pages loaded, newest first. */
  results: SearchResult[];
  /** The query the results are for (trimmed, after the debounce); '' when none was sent. */
  debouncedQuery: string;
  /** Loads the next page of results. */
  fetchNextPage: () => Promise<unknown>;
  hasNextPage: boolean;
  /** True while any page is on its way. */
  isFetching: boolean;
  /** True while the query is typed but not sent yet, or its first page has not arrived. */
  isPending: boolean;
  error: Error | null;
}

/**
 * Full-text search in one chat (docs/protocol.md, section 9.7), debounced while the user types. An empty or
 * white-space query sends nothing; a superseded request is aborted.
 *
 * @example
 * const { results, hasNextPage, fetchNextPage } = useMessageSearch(chatId, text);
 */
export function useMessageSearch(chatId: string, query: string, options: UseMessageSearchOptions = {}): UseMessageSearchResult {
  const { client, queryClient } = useChatContext();
  const { debounceMs = 250, limit } = options;
  const wanted = query.trim();
  const [debounced, setDebounced] = useState(wanted);
  useEffect(() => {
    if (wanted === debounced) return;
    // Clearing the box is answered at once: there is nothing to wait for.
    if (wanted === '') return setDebounced('');
    const timer = setTimeout(() => setDebounced(wanted), debounceMs);
    return () => clearTimeout(timer);
  }, [wanted, debounced, debounceMs]);

  const search = useInfiniteQuery<SearchPage, Error, unknown, readonly unknown[], number>(
    {
      queryKey: ['natter', 'search', clientKey(client), chatId, debounced, limit ?? null],
      queryFn: ({ pageParam, signal }) => searchMessages(client, chatId, debounced, { limit, offset: pageParam, signal }),
      initialPageParam: 0,
      getNextPageParam: (last, pages) => (last.has_more ? pages.reduce((sum, page) => sum + page.results.length, 0) : undefined),
      enabled: debounced !== '',
      refetchOnWindowFocus: false,
    },
    queryClient,
  );
  const pages = (search.data as { pages: SearchPage[] } | undefined)?.pages;
  // Pages go by offset: a match arriving between two pages shifts the next one, which then repeats a result. Each
  // message is listed once, where it first came.
  const results = useMemo(
    () => (debounced === '' ? [] : [...new Map((pages ?? []).flatMap((page) => page.results).map((r) => [r.message.id, r])).values()]),
    [pages, debounced],
  );
  return {
    results,
    debouncedQuery: debounced,
    fetchNextPage: search.fetchNextPage,
    hasNextPage: debounced !== '' && search.hasNextPage,
    isFetching: search.isFetching,
    isPending: wanted !== '' && (wanted !== debounced || search.isPending),
    error: search.error,
  };
}
