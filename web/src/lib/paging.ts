// Lists the API still answers whole (a bare array): the page asked for, cut on the client.
// When such an endpoint answers {items, total, limit, offset}, its caller uses that page
// instead of cutting one here.
export interface Window {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export function cut<T>(whole: T[], window: Window): Paged<T> {
  return { items: whole.slice(window.offset, window.offset + window.limit), total: whole.length };
}
