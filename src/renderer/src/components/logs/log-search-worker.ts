// The Logs search's worker: runs /regex/ searches off the page's thread (log-search.ts).
import { searchChunk, type SearchRequest } from './log-search-core';

interface WorkerScope {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => scope.postMessage(searchChunk(event.data));
