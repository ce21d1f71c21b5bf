// Lists from the API: some answers are still bare lists, others pages ({items, total, …}).
// Reading every list through itemsOf keeps the page working while endpoints move to pages.
export function itemsOf<T>(answer: readonly T[] | { readonly items: readonly T[] }): T[] {
  return [...("items" in answer ? answer.items : answer)];
}
