// A signal whose new values are reconciled into the old one by id (a resource's `storage`): items that
// stay keep their identity, so a list drawn from it keeps its rows and only what changed is drawn anew.
import type { Signal } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";

export function reconciledSignal<T>(initial: T | undefined): Signal<T | undefined> {
  const [store, setStore] = createStore<{ value: T | undefined }>({ value: initial });
  const read = () => store.value;
  const write = (next: T | undefined | ((previous: T | undefined) => T | undefined)) => {
    const value =
      typeof next === "function" ? (next as (previous: T | undefined) => T | undefined)(unwrap(store).value) : next;
    setStore("value", reconcile(value));
    return store.value;
  };
  return [read, write] as Signal<T | undefined>;
}
