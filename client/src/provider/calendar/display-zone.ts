// The provider's time zone for everything the dashboard shows or reads as a date and time: the
// calendar, each appointment's row and the form's start. Without it a provider on a laptop set to
// another zone would see 16:15 in the row and 17:15 in the grid for the same appointment.
import { createContext, useContext } from "solid-js";

export const DisplayZone = createContext<string>();

/** The zone given by the dashboard, else the browser's. */
export function useDisplayZone(): string {
  return useContext(DisplayZone) ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
