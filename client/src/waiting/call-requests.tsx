// On a provider's dashboard: a colleague moderating a consultation asks them to join it ("Invite a
// colleague"). One card per request, with the colleague's name and never a patient's; joining opens
// the call at once (no waiting room), "Not now" clears it on every page of this provider.
import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import type { ConsultationJoined } from "../../../schema/api-types.ts";
import { ApiError, apiPost, pathSegment } from "../shared/api.ts";
import { t, tf } from "../shared/i18n.ts";
import { keepTicket, markAsProvider } from "../shared/tickets.ts";
import type { CallRequest, DeskSession } from "./desk-session.ts";

/** Our words for a join the consultation refused; anything else reads as a generic failure. */
function refusalText(error: unknown): string {
  if (!(error instanceof ApiError)) return t("errorGeneric");
  if (error.code === "consultation-ended" || error.status === 410) return t("callRequestEnded");
  if (error.code === "consultation-locked") return t("callRequestLocked");
  if (error.code === "consultation-full") return t("callRequestFull");
  if (error.status === 403) return t("callRequestNotAsked");
  return t("errorGeneric");
}

export function CallRequests(props: { requests: readonly CallRequest[]; desk: DeskSession }) {
  const navigate = useNavigate();
  const [joining, setJoining] = createSignal<string>();
  const [failed, setFailed] = createSignal<{ consultationId: string; text: string }>();

  async function join(request: CallRequest) {
    if (joining()) return;
    setJoining(request.consultationId);
    setFailed(undefined);
    try {
      const path = `/api/consultations/${pathSegment(request.consultationId)}/join`;
      const joined = await apiPost<ConsultationJoined>(path);
      keepTicket(joined.consultationId, joined.ticket);
      markAsProvider(joined.consultationId);
      navigate(`/c/${joined.consultationId}`);
    } catch (error) {
      setFailed({ consultationId: request.consultationId, text: refusalText(error) });
    } finally {
      setJoining(undefined);
    }
  }

  /** "Not now": the focus goes to the next request's Join, or to the page's heading. */
  function decline(request: CallRequest) {
    props.desk.declineCall(request.consultationId);
    queueMicrotask(() => {
      const next =
        document.querySelector<HTMLElement>("[data-testid=call-request-join]") ?? document.querySelector("h1");
      next?.focus();
    });
  }

  // Said to screen readers as it comes: the card may be above where the provider is reading.
  const announcement = () => {
    const newest = props.requests.at(-1);
    return newest ? tf("callRequestFrom", { name: newest.from }) : "";
  };

  return (
    <>
      <p class="visually-hidden" role="status">
        {announcement()}
      </p>
      <CallRequestCards requests={props.requests} join={join} decline={decline} joining={joining()} failed={failed()} />
    </>
  );
}

function CallRequestCards(props: {
  requests: readonly CallRequest[];
  join(request: CallRequest): Promise<void>;
  decline(request: CallRequest): void;
  joining: string | undefined;
  failed: { consultationId: string; text: string } | undefined;
}) {
  const { join, decline } = props;
  const joining = () => props.joining;
  const failed = () => props.failed;
  return (
    <Show when={props.requests.length > 0}>
      <section class="card call-requests" aria-labelledby="call-requests-heading" data-testid="call-requests">
        <h2 id="call-requests-heading">{t("callRequestsTitle")}</h2>
        <ul class="plain">
          <For each={props.requests}>
            {(request) => (
              <li data-testid="call-request" data-consultation-id={request.consultationId}>
                <p>{tf("callRequestFrom", { name: request.from })}</p>
                <div class="row">
                  <button
                    type="button"
                    data-testid="call-request-join"
                    aria-disabled={joining() === request.consultationId || undefined}
                    onClick={() => void join(request)}
                  >
                    {joining() === request.consultationId ? t("callRequestJoining") : t("callRequestJoin")}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    data-testid="call-request-decline"
                    onClick={() => decline(request)}
                  >
                    {t("callRequestDecline")}
                  </button>
                </div>
                <Show when={failed()?.consultationId === request.consultationId}>
                  <p role="alert" class="error" data-testid="call-request-failed">
                    {failed()?.text}
                  </p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
