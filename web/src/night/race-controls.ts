import { html } from '../dom.ts';
import { CLOSE_RACE_CHANCE, favouriteValue, type RaceFilter } from './filter-races.ts';
import type { PartySeats } from './night-documents.ts';
import { isSortOrder, SORT_ORDERS, type SortOrder } from './sort-races.ts';

/** The table's controls: what they ask for, and a way to offer the parties of a new summary. */
export interface RaceControls {
  readonly element: HTMLElement;
  read(): { readonly filter: RaceFilter; readonly order: SortOrder };
  setParties(parties: readonly Pick<PartySeats, 'id' | 'name'>[], hasNoParty: boolean, hasRunoffs: boolean): void;
}

/** Search, favourite, close-races-only and sort controls, labelled; `onChange` runs on every change. */
export function raceControls(onChange: () => void): RaceControls {
  const search = html('input', { type: 'search', id: 'race-search', 'data-testid': 'race-search', placeholder: 'Race or candidate', autocomplete: 'off' });
  const favourite = html('select', { id: 'race-favourite', 'data-testid': 'race-favourite' }, [html('option', { value: '' }, ['Any'])]);
  const closeOnly = html('input', { type: 'checkbox', id: 'race-close', 'data-testid': 'race-close' });
  const order = html(
    'select',
    { id: 'race-sort', 'data-testid': 'race-sort' },
    Object.entries(SORT_ORDERS).map(([value, label]) => html('option', { value }, [label])),
  );
  const field = (label: string, control: HTMLElement) => html('div', { class: 'control' }, [html('label', { for: control.id }, [label]), control]);
  const element = html('div', { class: 'race-controls' }, [
    field('Find', search),
    field('Favourite', favourite),
    field('Sort', order),
    html('div', { class: 'control checkbox' }, [closeOnly, html('label', { for: closeOnly.id }, [`Close races only (favourite under ${CLOSE_RACE_CHANCE * 100}%)`])]),
  ]);
  for (const control of [search, favourite, closeOnly, order]) control.addEventListener('input', onChange);
  return {
    element,
    read: () => ({
      filter: { text: search.value, favourite: favourite.value, closeOnly: closeOnly.checked },
      order: isSortOrder(order.value) ? order.value : 'name',
    }),
    setParties: (parties, hasNoParty, hasRunoffs) => {
      const chosen = favourite.value;
      const options = [
        html('option', { value: '' }, ['Any']),
        ...parties.map((party, index) => html('option', { value: favouriteValue({ kind: 'party', index, id: party.id }) }, [party.name])),
        hasNoParty ? html('option', { value: favouriteValue({ kind: 'no-party' }) }, ['No party']) : undefined,
        hasRunoffs ? html('option', { value: favouriteValue({ kind: 'no-seat' }) }, ['Runoff']) : undefined,
      ].filter((option): option is HTMLOptionElement => option !== undefined);
      favourite.replaceChildren(...options);
      favourite.value = options.some((option) => option.value === chosen) ? chosen : '';
    },
  };
}
