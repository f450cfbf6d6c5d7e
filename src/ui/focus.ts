// Escape and focus for the panels (issue 11: "Escape closes every panel and returns focus"). The header
// notes which button opened a panel or the list view; when it closes and focus was inside it (now on
// <body>), focus goes back to that button — or, on a phone, to the menu button it was folded into.
import type { Attachment } from 'svelte/attachments';

let opener: HTMLElement | null = null;

/** The button that opens a panel (Header: tools, list view, about). */
export function noteOpener(target: EventTarget | null): void {
  opener = target instanceof HTMLElement ? target : null;
}

const shown = (el: HTMLElement | null): el is HTMLElement => !!el && el.isConnected && el.getClientRects().length > 0;

/** A panel closed: focus its opener if focus fell to the page (a click elsewhere keeps its own focus). */
export function returnFocus(): void {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const back = shown(opener) ? opener : document.querySelector<HTMLElement>('.menu-toggle');
  if (shown(back)) back.focus();
}

/**
 * Escape inside an open <details> (layers, filters, legend) folds it and focuses its summary. An
 * attachment: the key comes from the controls inside, the section itself is no control.
 */
export const foldOnEscape: Attachment<HTMLDetailsElement> = (details) => {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !details.open || e.defaultPrevented) return;
    // an open section inside this one (the basemap switcher in the layer panel) folds first, by its own handler
    const inner = e.target instanceof Element ? e.target.closest('details') : null;
    if (inner && inner !== details && inner.open) return;
    e.preventDefault();
    e.stopPropagation();
    details.open = false;
    details.querySelector<HTMLElement>(':scope > summary')?.focus();
  };
  details.addEventListener('keydown', onKey);
  return () => details.removeEventListener('keydown', onKey);
};

/** A panel's heading takes focus when the panel opens, so its keys (Escape) reach it and a reader hears where it is. */
export const focusOnOpen: Attachment<HTMLElement> = (node) => {
  node.tabIndex = -1;
  node.focus({ preventScroll: true });
};
