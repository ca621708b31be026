/**
 * A ref that moves the focus to an element when it appears (a card that asks for a decision), so
 * that keyboard and screen-reader users land on it. One function for the whole app: a ref that is
 * the same function at every render runs once, when the element is shown, and never takes the
 * focus back from a control chosen inside the card.
 */
export function focusWhenShown(element: HTMLElement | null): void {
  element?.focus();
}
