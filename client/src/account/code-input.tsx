// A six-digit code from an authenticator app, asked for the same way wherever it is needed.
/** "123 456" as apps show it is the same code as "123456". */
export const sixDigits = (value: FormDataEntryValue | null) => String(value ?? "").replace(/\s/g, "");

/** The six-digit field, the same wherever a code from the app is asked for. */
export function CodeInput(props: { name: string; testId: string; label: string }) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]{3} ?[0-9]{3}"
        maxLength={7}
        required
        data-testid={props.testId}
      />
    </label>
  );
}
