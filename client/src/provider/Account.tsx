// The provider's own account: profile, two-factor authentication, sessions, the devices that can read
// patients' names, their data, deletion.
import { Show } from "solid-js";
import { t } from "../shared/i18n.ts";
import { CalendarFeedSection } from "./account/calendar-feed.tsx";
import { DeleteAccountSection } from "./account/delete-account.tsx";
import { DeviceKeysSection } from "./account/device-keys.tsx";
import { PersonalRoomSection } from "./account/personal-room.tsx";
import { ProfileSection } from "./account/profile.tsx";
import { SessionsSection } from "./account/sessions.tsx";
import { TwoFactorSection } from "./account/two-factor.tsx";
import { YourDataSection } from "./account/your-data.tsx";
import { ProviderHeading, ProviderPage } from "./provider-page.tsx";

export default function Account() {
  return (
    <ProviderPage title={() => "pageAccount"}>
      {({ me, update }) => (
        <div class="account">
          <ProviderHeading>{t("pageAccount")}</ProviderHeading>
          <Show when={me().mustEnrolTotp}>
            <p class="notice" role="status" data-testid="totp-required-notice">
              {t("acctTotpMust")}
            </p>
          </Show>
          <ProfileSection me={me()} saved={update} />
          {/* Only a member who may admit opens a room: one who must set up 2FA first does not see it yet. */}
          <Show when={!me().mustEnrolTotp}>
            <PersonalRoomSection />
          </Show>
          {/* Enrolling where the practice requires it makes the provider present from here on (the shell). */}
          <TwoFactorSection me={me()} changed={update} />
          <CalendarFeedSection />
          <SessionsSection />
          <DeviceKeysSection providerId={me().id} makesKeys={!me().mustEnrolTotp} />
          <YourDataSection />
          <DeleteAccountSection me={me()} />
        </div>
      )}
    </ProviderPage>
  );
}
