// The provider's personal room: a standing link for walk-in patients, off by default. The switch saves at
// once (a receptionist expects a switch to act); a new name is saved with its button. The link, its copy
// button and its QR code show only while the room is on, since only then does the link work.
import { createResource, createSignal, Show } from "solid-js";
import type { PersonalRoomView } from "../../../../schema/api-types.ts";
import { MAX_ROOM_NAME_LENGTH, MIN_ROOM_NAME_LENGTH } from "../../../../schema/personal-room.ts";
import { CopyButton } from "../../forms/copy-button.tsx";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t } from "../../shared/i18n.ts";
import { LoadFailed } from "../../shared/load-failed.tsx";

/** The browser's own pattern for the rule in schema/personal-room.ts (which the server checks again). */
const ROOM_NAME_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

export function PersonalRoomSection() {
  const [room, { mutate }] = createResource(api.personalRoom);
  return (
    <section class="card" aria-labelledby="personal-room-heading" data-testid="personal-room">
      <h2 id="personal-room-heading">{t("personalRoomHeading")}</h2>
      <p class="muted">{t("personalRoomIntro")}</p>
      <Show when={!room.error} fallback={<LoadFailed />}>
        <Show when={room()} fallback={<p class="muted">{t("loading")}</p>}>
          {(current) => <PersonalRoomForm room={current()} saved={mutate} />}
        </Show>
      </Show>
    </section>
  );
}

function PersonalRoomForm(props: { room: PersonalRoomView; saved(room: PersonalRoomView): void }) {
  const [saved, setSaved] = createSignal(false);
  let toggle: HTMLInputElement | undefined;
  const saving = createSubmit(async (form) => {
    setSaved(false);
    try {
      props.saved(
        await api.savePersonalRoom({ name: String(form.get("name") ?? "").trim(), on: form.get("on") !== null }),
      );
      setSaved(true);
    } catch (error) {
      // The switch shows what holds, not what was asked for.
      if (toggle) toggle.checked = props.room.on;
      throw error;
    }
  });
  const missingShortName = () => props.room.practiceShortName === null;
  const url = () => (props.room.path ? new URL(props.room.path, location.origin).toString() : undefined);

  return (
    <>
      <Show when={missingShortName()}>
        <p class="notice" role="status" data-testid="personal-room-needs-short-name">
          {t("personalRoomNeedsShortName")}
        </p>
      </Show>
      <Form
        submission={saving}
        submitLabel={t("acctSave")}
        submitTestid="personal-room-save"
        errorTestid="personal-room-error"
        fieldFor={{ "room-name-invalid": "name", "room-name-taken": "name" }}
        onInput={() => setSaved(false)}
        status={
          <Show when={saved()}>
            <span data-testid="personal-room-saved">{t("personalRoomSaved")}</span>
          </Show>
        }
      >
        <Field
          label={t("personalRoomName")}
          hint={t("personalRoomNameHint")}
          name="name"
          required
          minLength={MIN_ROOM_NAME_LENGTH}
          maxLength={MAX_ROOM_NAME_LENGTH}
          pattern={ROOM_NAME_PATTERN}
          patternMessage={t("errRoomNameInvalid")}
          autocomplete="off"
          spellcheck={false}
          value={props.room.name}
          data-testid="personal-room-name"
        />
        <label class="check">
          <input
            type="checkbox"
            name="on"
            checked={props.room.on}
            disabled={missingShortName() && !props.room.on}
            data-testid="personal-room-toggle"
            ref={toggle}
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          />
          <span>{t("personalRoomToggle")}</span>
        </label>
      </Form>
      <Show when={url()} fallback={<p class="muted">{t("personalRoomOff")}</p>}>
        {(link) => <RoomLink url={link()} />}
      </Show>
    </>
  );
}

function RoomLink(props: { url: string }) {
  const [qr, setQr] = createSignal<string | "failed">();
  function showQr() {
    // The QR library loads only now: most providers never need it.
    import("./qr.ts").then(({ qrCodeImage }) => setQr(qrCodeImage(props.url))).catch(() => setQr("failed"));
  }
  return (
    <div class="personal-room-link">
      <p>
        {t("personalRoomLink")}:{" "}
        <a href={props.url} data-testid="personal-room-link" target="_blank" rel="noopener">
          {props.url}
        </a>
      </p>
      <div class="actions">
        <CopyButton text={props.url} testid="personal-room-copy" />
        <button type="button" class="secondary" data-testid="personal-room-qr" onClick={showQr}>
          {t("personalRoomQr")}
        </button>
      </div>
      <Show when={qr() === "failed"}>
        <p class="error" role="alert">
          {t("personalRoomQrFailed")}
        </p>
      </Show>
      <Show when={qr() !== "failed" && qr()}>
        {(image) => <img class="qr" src={image()} width={232} height={232} alt={t("personalRoomQrAlt")} />}
      </Show>
    </div>
  );
}
